package org.posttrade.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that shapes a scenario. Same config, same scenario, byte for byte. Built with {@link #builder()}, which
 * starts from the defaults and validates at {@link Builder#build()}, naming the CLI option that is wrong.
 */
public final class GeneratorConfig {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_TRADES = 1000;
    public static final Instant DEFAULT_START = Instant.parse("2026-11-22T00:00:00Z");
    public static final Duration DEFAULT_MEAN_BOOKING_GAP = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MARK_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SETTLEMENT_CYCLE = Duration.ofHours(1);
    public static final Duration DEFAULT_LATE_BY = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TAIL = Duration.ofMinutes(30);
    public static final double DEFAULT_TRADE_FAULT_RATE = 0.02;
    public static final double DEFAULT_OBLIGATION_FAULT_RATE = 0.03;
    public static final double DEFAULT_CORRECTION_RATE = 0.03;
    public static final double DEFAULT_BUST_RATE = 0.01;
    public static final double DEFAULT_REFERENCE_ECHO_RATE = 0.6;

    private final long seed;
    private final int trades;
    private final Instant start;
    private final Duration meanBookingGap;
    private final Duration markInterval;
    private final Duration settlementCycle;
    private final Duration lateBy;
    private final Duration tail;
    private final long firstId;
    private final Map<Label, Double> faultRates;
    private final double correctionRate;
    private final double bustRate;
    private final double referenceEchoRate;
    private final boolean orderAcks;
    private final Map<String, Duration> confirmDeadlines;

    private GeneratorConfig(Builder b) {
        this.seed = b.seed;
        this.trades = b.trades;
        this.start = b.start;
        this.meanBookingGap = b.meanBookingGap;
        this.markInterval = b.markInterval;
        this.settlementCycle = b.settlementCycle;
        this.lateBy = b.lateBy;
        this.tail = b.tail;
        this.firstId = b.firstId;
        this.faultRates = Collections.unmodifiableMap(new EnumMap<>(b.faultRates));
        this.correctionRate = b.correctionRate;
        this.bustRate = b.bustRate;
        this.referenceEchoRate = b.referenceEchoRate;
        this.orderAcks = b.orderAcks;
        this.confirmDeadlines = Collections.unmodifiableMap(new LinkedHashMap<>(b.confirmDeadlines));
    }

    public static Builder builder() { return new Builder(); }

    public static GeneratorConfig defaults() { return builder().build(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.trades = trades;
        b.start = start;
        b.meanBookingGap = meanBookingGap;
        b.markInterval = markInterval;
        b.settlementCycle = settlementCycle;
        b.lateBy = lateBy;
        b.tail = tail;
        b.firstId = firstId;
        b.faultRates.putAll(faultRates);
        b.correctionRate = correctionRate;
        b.bustRate = bustRate;
        b.referenceEchoRate = referenceEchoRate;
        b.orderAcks = orderAcks;
        b.confirmDeadlines.putAll(confirmDeadlines);
        return b;
    }

    public long seed() { return seed; }

    /** Number of trade slots (bookings, or the fault that replaces one). */
    public int trades() { return trades; }

    /** Event time of the first booking and the first mark. */
    public Instant start() { return start; }

    /** Mean time between bookings (exponentially distributed, at least 1 ms). */
    public Duration meanBookingGap() { return meanBookingGap; }

    public Duration markInterval() { return markInterval; }

    /** Length of a settlement cycle; cycles are aligned to the epoch (PT1H: every full hour UTC). */
    public Duration settlementCycle() { return settlementCycle; }

    /** How far past the venue's deadline a LATE_CONFIRMATION arrives. */
    public Duration lateBy() { return lateBy; }

    /** Marks keep ticking this long after the last other event, so event-time watermarks pass every deadline. */
    public Duration tail() { return tail; }

    /** First number of every id counter (1 by default). */
    public long firstId() { return firstId; }

    /** Probability of each fault per eligible item; labels without a rate (CLEAN) are absent. */
    public Map<Label, Double> faultRates() { return faultRates; }

    public double faultRate(Label label) { return faultRates.getOrDefault(label, 0.0); }

    /** Probability per clean trade that one of its fills is corrected (TRADE_CORRECT of its price). */
    public double correctionRate() { return correctionRate; }

    /** Probability per clean trade that one of its fills is busted (TRADE_CANCEL) and filled again. */
    public double bustRate() { return bustRate; }

    /** Probability that a custodian echoes the settlement reference on a movement. */
    public double referenceEchoRate() { return referenceEchoRate; }

    /** Whether each order gets a FIX NEW acknowledgement (ExecType NEW, lastQty 0) before its fills. */
    public boolean orderAcks() { return orderAcks; }

    /** Per venue: how long after a fill's transactTime its confirmation is due. */
    public Map<String, Duration> confirmDeadlines() { return confirmDeadlines; }

    public Duration confirmDeadline(String venue) { return confirmDeadlines.get(venue); }

    /** The options as text, sorted, for the ground truth's summary (enough to reproduce the run). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("trades", trades);
        m.put("start", start.toString());
        m.put("meanBookingGap", meanBookingGap.toString());
        m.put("markInterval", markInterval.toString());
        m.put("settlementCycle", settlementCycle.toString());
        m.put("lateBy", lateBy.toString());
        m.put("tail", tail.toString());
        if (firstId != 1) {
            m.put("firstId", firstId); // absent by default, so earlier runs' ground truths stay byte-identical
        }
        Map<String, Double> rates = new TreeMap<>();
        faultRates.forEach((label, rate) -> rates.put(label.name(), rate));
        m.put("faultRates", rates);
        m.put("correctionRate", correctionRate);
        m.put("bustRate", bustRate);
        m.put("referenceEchoRate", referenceEchoRate);
        m.put("orderAcks", orderAcks);
        Map<String, String> deadlines = new TreeMap<>();
        confirmDeadlines.forEach((venue, d) -> deadlines.put(venue, d.toString()));
        m.put("confirmDeadlines", deadlines);
        return m;
    }

    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int trades = DEFAULT_TRADES;
        private Instant start = DEFAULT_START;
        private Duration meanBookingGap = DEFAULT_MEAN_BOOKING_GAP;
        private Duration markInterval = DEFAULT_MARK_INTERVAL;
        private Duration settlementCycle = DEFAULT_SETTLEMENT_CYCLE;
        private Duration lateBy = DEFAULT_LATE_BY;
        private Duration tail = DEFAULT_TAIL;
        private long firstId = 1;
        private final Map<Label, Double> faultRates = new EnumMap<>(Label.class);
        private double correctionRate = DEFAULT_CORRECTION_RATE;
        private double bustRate = DEFAULT_BUST_RATE;
        private double referenceEchoRate = DEFAULT_REFERENCE_ECHO_RATE;
        private boolean orderAcks = true;
        private final Map<String, Duration> confirmDeadlines = new LinkedHashMap<>();

        private Builder() {
            for (Label label : Label.values()) {
                if (label.isFault()) {
                    faultRates.put(label, defaultRate(label));
                }
            }
            ReferenceData.VENUES.forEach(v -> confirmDeadlines.put(v.name(), v.defaultConfirmDeadline()));
        }

        private static double defaultRate(Label label) {
            return switch (label.draw()) {
                case PER_OBLIGATION, EXTRA_PER_OBLIGATION -> DEFAULT_OBLIGATION_FAULT_RATE;
                default -> DEFAULT_TRADE_FAULT_RATE;
            };
        }

        public Builder seed(long seed) { this.seed = seed; return this; }

        public Builder trades(int trades) { this.trades = trades; return this; }

        public Builder start(Instant start) { this.start = start; return this; }

        public Builder meanBookingGap(Duration gap) { this.meanBookingGap = gap; return this; }

        public Builder markInterval(Duration interval) { this.markInterval = interval; return this; }

        public Builder settlementCycle(Duration cycle) { this.settlementCycle = cycle; return this; }

        public Builder lateBy(Duration lateBy) { this.lateBy = lateBy; return this; }

        public Builder tail(Duration tail) { this.tail = tail; return this; }

        public Builder firstId(long firstId) { this.firstId = firstId; return this; }

        public Builder faultRate(Label label, double rate) {
            if (!label.isFault()) {
                throw new IllegalArgumentException("--fault-rate: " + label + " is not a fault");
            }
            faultRates.put(label, rate);
            return this;
        }

        /** Sets every fault's rate (0 turns all faults off). */
        public Builder allFaultRates(double rate) {
            for (Label label : faultRates.keySet()) {
                faultRates.put(label, rate);
            }
            return this;
        }

        public Builder correctionRate(double rate) { this.correctionRate = rate; return this; }

        public Builder bustRate(double rate) { this.bustRate = rate; return this; }

        public Builder referenceEchoRate(double rate) { this.referenceEchoRate = rate; return this; }

        public Builder orderAcks(boolean orderAcks) { this.orderAcks = orderAcks; return this; }

        public Builder confirmDeadline(String venue, Duration deadline) {
            if (!confirmDeadlines.containsKey(venue)) {
                throw new IllegalArgumentException("--venue-deadline: unknown venue " + venue + ", known: "
                        + confirmDeadlines.keySet());
            }
            confirmDeadlines.put(venue, deadline);
            return this;
        }

        public GeneratorConfig build() {
            if (trades < 0) {
                throw new IllegalArgumentException("--trades must be >= 0, got " + trades);
            }
            if (start == null) {
                throw new IllegalArgumentException("--start is required");
            }
            positive("--mean-booking-gap", meanBookingGap);
            positive("--mark-interval", markInterval);
            positive("--settlement-cycle", settlementCycle);
            positive("--late-by", lateBy);
            if (firstId < 1 || firstId > 999_000) {
                throw new IllegalArgumentException("--first-id must be between 1 and 999000, got " + firstId);
            }
            if (tail == null || tail.isNegative()) {
                throw new IllegalArgumentException("--tail must be >= 0, got " + tail);
            }
            double perTrade = 0;
            double perObligation = 0;
            for (Map.Entry<Label, Double> e : faultRates.entrySet()) {
                probability("--fault-rate " + e.getKey(), e.getValue());
                if (e.getKey().draw() == Label.Draw.PER_TRADE) {
                    perTrade += e.getValue();
                } else if (e.getKey().draw() == Label.Draw.PER_OBLIGATION) {
                    perObligation += e.getValue();
                }
            }
            if (perTrade > 1.0 + 1e-9) {
                throw new IllegalArgumentException("--fault-rate: the per-trade fault rates add up to " + perTrade
                        + " > 1 (a trade carries at most one fault)");
            }
            if (perObligation > 1.0 + 1e-9) {
                throw new IllegalArgumentException("--fault-rate: the per-obligation settlement fault rates add up to "
                        + perObligation + " > 1 (an obligation carries at most one fault)");
            }
            probability("--correction-rate", correctionRate);
            probability("--bust-rate", bustRate);
            if (correctionRate + bustRate > 1.0 + 1e-9) {
                throw new IllegalArgumentException("--correction-rate plus --bust-rate must not exceed 1");
            }
            probability("--reference-echo-rate", referenceEchoRate);
            for (Map.Entry<String, Duration> e : confirmDeadlines.entrySet()) {
                positive("--venue-deadline " + e.getKey(), e.getValue());
                Duration maxDelay = ReferenceData.venue(e.getKey()).maxConfirmDelay();
                if (e.getValue().compareTo(maxDelay.plusSeconds(10)) < 0) {
                    throw new IllegalArgumentException("--venue-deadline " + e.getKey() + " must be at least "
                            + maxDelay.plusSeconds(10) + " (the venue's slowest clean confirmation plus a correction), got "
                            + e.getValue());
                }
            }
            return new GeneratorConfig(this);
        }

        private static void positive(String option, Duration d) {
            if (d == null || d.isNegative() || d.isZero() || d.toMillis() < 1) {
                throw new IllegalArgumentException(option + " must be a positive duration of at least 1 ms, got " + d);
            }
        }

        private static void probability(String option, double p) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException(option + " must be a probability in [0, 1], got " + p);
            }
        }
    }
}
