package org.posttrade.operators.settlement;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posttrade.operators.Durations;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.Severity;

/**
 * Clearing and settlement settings: cycles, cut-offs and deadlines per venue, finality per network, amount
 * tolerances per asset, matching windows and state retention. Data, not code: every option is declared once in
 * {@link Option} (operators/SETTLEMENT.md lists them). A qualified key overrides the plain one, e.g.
 * {@code settlement.cycle.period.BINANCE=4 h} over {@code settlement.cycle.period}. Unknown {@code settlement.} keys
 * and malformed values fail when the configuration is built, naming the key. Break lifecycle (SLA, escalation,
 * severity) is shared with trade breaks: the {@code recon.break.*} and {@code recon.severity.*} keys.
 */
public final class SettlementConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "settlement.";
    static final long DAY = Duration.ofDays(1).toMillis();
    private static final DateTimeFormatter CYCLE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** How an option may be qualified. */
    public enum Scope { GLOBAL, VENUE, NETWORK, ASSET }

    /** How an option's value is parsed. */
    public enum Kind { DURATION, DECIMAL, COUNT, TIMES, TEXT }

    /** Every option of settlement, declared once. */
    public enum Option {
        CYCLE_PERIOD("settlement.cycle.period", Scope.VENUE, Kind.DURATION, "1 h",
                "Periodic cycles: length of a settlement cycle, aligned to UTC midnight (so it must divide 24 h: "
                        + "e.g. 1 h, 2 h, 4 h, 24 h). A fill belongs to the cycle of its original transactTime; "
                        + "the cycle's cut-off is its end (exclusive)."),
        CYCLE_CUTOFFS("settlement.cycle.cutoffs", Scope.VENUE, Kind.TIMES, null,
                "Continuous trading with daily cut-off times, UTC, comma separated (e.g. 08:00,16:00); when set it "
                        + "replaces settlement.cycle.period for the venue. A cycle runs from one cut-off to the next."),
        DEADLINE("settlement.deadline", Scope.VENUE, Kind.DURATION, "2 h",
                "Settlement deadline after the cut-off: by then a movement must have been seen, else "
                        + "SETTLEMENT_MISSING; a short amount is SETTLEMENT_AMOUNT_MISMATCH from then."),
        COUNTERPARTY("settlement.counterparty", Scope.VENUE, Kind.TEXT, null,
                "Counterparty named on the venue's instructions (its settlement entity); the venue name by default."),
        FINALITY("settlement.finality", Scope.NETWORK, Kind.COUNT, "1",
                "Block confirmations after which a CONFIRMED movement is final (SETTLED). Defaults: BITCOIN 6, "
                        + "ETHEREUM 64, SOLANA 32, TRON 19, BNB_SMART_CHAIN 15, other networks (e.g. FEDWIRE) 1."),
        AMOUNT_TOLERANCE("settlement.tolerance.amount", Scope.ASSET, Kind.DECIMAL, "0",
                "Absolute amount tolerance in the asset; the network fees of the matched movements paid in the same "
                        + "asset are added to it."),
        PAIRING_TOLERANCE("settlement.tolerance.pairing", Scope.GLOBAL, Kind.DECIMAL, "0.25",
                "A movement without reference that matches no instruction within the amount tolerance is paired, "
                        + "when its grace or the instruction's deadline passes, with the closest open instruction of "
                        + "the same account, asset, direction and venue whose amount is within this fraction; the "
                        + "difference is a SETTLEMENT_AMOUNT_MISMATCH rather than UNEXPECTED_MOVEMENT + SETTLEMENT_MISSING."),
        MATCH_WINDOW("settlement.match.window", Scope.GLOBAL, Kind.DURATION, "24 h",
                "A movement without reference matches instructions whose cut-off is at most this far from its "
                        + "first report."),
        MOVEMENT_GRACE("settlement.movement.grace", Scope.GLOBAL, Kind.DURATION, "1 h",
                "How long an unmatched movement waits for its instruction (event time after its first report) "
                        + "before UNEXPECTED_MOVEMENT."),
        SETTLED_RETENTION("settlement.settled.retention", Scope.GLOBAL, Kind.DURATION, "1 h",
                "How long a SETTLED instruction and its movements are kept (to catch a reorg: REVERSED) before "
                        + "its state is cleared."),
        AMENDMENT_WINDOW("settlement.amendment.window", Scope.GLOBAL, Kind.DURATION, "1 h",
                "How long after the cut-off a cycle's netted fills are kept: a late fill, correction or bust in "
                        + "this window amends the instruction (a new version); later ones are counted "
                        + "(lateFillsIgnored) and left out."),
        STATE_TTL("settlement.state.ttl", Scope.GLOBAL, Kind.DURATION, "7 d",
                "Time-to-live of all settlement state (processing time), a safety net for abandoned keys; 0 disables.");

        private final String key;
        private final Scope scope;
        private final Kind kind;
        private final String defaultValue;
        private final String description;

        Option(String key, Scope scope, Kind kind, String defaultValue, String description) {
            this.key = key;
            this.scope = scope;
            this.kind = kind;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        public String key() { return key; }
        public Scope scope() { return scope; }
        public Kind kind() { return kind; }
        public String defaultValue() { return defaultValue; }
        public String description() { return description; }
    }

    /** Finality defaults per network (settlement.finality.NETWORK overrides). */
    public static final Map<String, Integer> DEFAULT_FINALITY = Map.of("BITCOIN", 6, "ETHEREUM", 64, "SOLANA", 32,
            "TRON", 19, "BNB_SMART_CHAIN", 15);

    /** Severities of the settlement break types unless recon.severity[.TYPE] says otherwise. */
    public static final Map<BreakType, Severity> DEFAULT_SEVERITIES;

    static {
        Map<BreakType, Severity> s = new EnumMap<>(BreakType.class);
        s.put(BreakType.SETTLEMENT_MISSING, Severity.HIGH);
        s.put(BreakType.SETTLEMENT_AMOUNT_MISMATCH, Severity.HIGH);
        s.put(BreakType.SETTLEMENT_FAILED, Severity.HIGH);
        s.put(BreakType.SETTLEMENT_REVERSED, Severity.CRITICAL);
        s.put(BreakType.UNEXPECTED_MOVEMENT, Severity.HIGH);
        s.put(BreakType.DUPLICATE_MOVEMENT, Severity.HIGH);
        DEFAULT_SEVERITIES = Collections.unmodifiableMap(s);
    }

    /** A settlement cycle: [start, cutoff). */
    public record Cycle(String venue, long start, long cutoff) {
        /** VENUE/yyyy-MM-ddTHH:mmZ of the start, as the generator and the instruction ids spell it. */
        public String id() {
            return venue + "/" + CYCLE_FORMAT.format(Instant.ofEpochMilli(start));
        }
    }

    private final Map<String, String> raw;
    private final Map<String, Object> parsed;
    private final ReconciliationConfig breaks;

    private SettlementConfig(Map<String, String> raw, ReconciliationConfig breaks) {
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        Map<String, Object> values = new HashMap<>();
        raw.forEach((k, v) -> values.put(k, parse(optionOf(k), k, v)));
        this.parsed = values;
        ReconciliationConfig.Builder b = breaks.toBuilder();
        Map<String, String> given = breaks.settings();
        if (!given.containsKey(ReconciliationConfig.Option.SEVERITY.key())) {
            DEFAULT_SEVERITIES.forEach((type, severity) -> {
                String key = ReconciliationConfig.Option.SEVERITY.key() + "." + type.name();
                if (!given.containsKey(key)) {
                    b.set(key, severity.name());
                }
            });
        }
        this.breaks = b.build();
    }

    public static SettlementConfig defaults() {
        return fromProperties(Map.of());
    }

    /**
     * The {@code settlement.*} entries of flat properties (with the {@code recon.*} ones for break lifecycle); other
     * keys are ignored, so a job's whole configuration can be passed.
     */
    public static SettlementConfig fromProperties(Map<String, String> properties) {
        Map<String, String> own = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                own.put(k.trim(), v == null ? "" : v.trim());
            }
        });
        return new SettlementConfig(own, ReconciliationConfig.fromProperties(properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder set(String key, String value) {
            values.put(key, value);
            return this;
        }

        public Builder set(Option option, String value, String... qualifier) {
            return set(option.key() + (qualifier.length == 0 ? "" : "." + qualifier[0]), value);
        }

        public SettlementConfig build() {
            return fromProperties(values);
        }
    }

    // ---- lookups

    /** The cycle of {@code venue} that a fill at {@code time} belongs to. */
    public Cycle cycle(String venue, long time) {
        @SuppressWarnings("unchecked")
        List<Long> cutoffs = (List<Long>) lookup(Option.CYCLE_CUTOFFS, venue);
        if (cutoffs != null) {
            long day = Math.floorDiv(time, DAY) * DAY;
            long offset = time - day;
            for (int i = 0; i < cutoffs.size(); i++) {
                if (offset < cutoffs.get(i)) {
                    long start = i == 0 ? day - DAY + cutoffs.get(cutoffs.size() - 1) : day + cutoffs.get(i - 1);
                    return new Cycle(venue, start, day + cutoffs.get(i));
                }
            }
            return new Cycle(venue, day + cutoffs.get(cutoffs.size() - 1), day + DAY + cutoffs.get(0));
        }
        long period = ((Duration) lookup(Option.CYCLE_PERIOD, venue)).toMillis();
        long start = Math.floorDiv(time, period) * period;
        return new Cycle(venue, start, start + period);
    }

    public Duration deadline(String venue) { return (Duration) lookup(Option.DEADLINE, venue); }

    public String counterparty(String venue) {
        Object v = lookup(Option.COUNTERPARTY, venue);
        return v == null ? venue : (String) v;
    }

    public int finality(String network) {
        Object v = parsed.get(Option.FINALITY.key() + "." + network);
        if (v == null && DEFAULT_FINALITY.containsKey(network)) {
            return DEFAULT_FINALITY.get(network);
        }
        return v != null ? (Integer) v : (Integer) lookup(Option.FINALITY, null);
    }

    public BigDecimal amountTolerance(String asset) { return (BigDecimal) lookup(Option.AMOUNT_TOLERANCE, asset); }

    public BigDecimal pairingTolerance() { return (BigDecimal) lookup(Option.PAIRING_TOLERANCE, null); }

    public Duration matchWindow() { return (Duration) lookup(Option.MATCH_WINDOW, null); }

    public Duration movementGrace() { return (Duration) lookup(Option.MOVEMENT_GRACE, null); }

    public Duration settledRetention() { return (Duration) lookup(Option.SETTLED_RETENTION, null); }

    public Duration amendmentWindow() { return (Duration) lookup(Option.AMENDMENT_WINDOW, null); }

    public Duration stateTtl() { return (Duration) lookup(Option.STATE_TTL, null); }

    /** Break lifecycle (SLA, escalation, severity), shared with trade breaks. */
    public ReconciliationConfig breaks() { return breaks; }

    /** The settings as given (only settlement.* keys), for logging. */
    public Map<String, String> settings() { return raw; }

    // ---- internals

    private Object lookup(Option option, String qualifier) {
        Object v = qualifier == null ? null : parsed.get(option.key() + "." + qualifier);
        if (v == null) {
            v = parsed.get(option.key());
        }
        return v != null ? v : DEFAULTS.get(option);
    }

    private static final Map<Option, Object> DEFAULTS = new EnumMap<>(Option.class);

    static {
        for (Option option : Option.values()) {
            if (option.defaultValue() != null) {
                DEFAULTS.put(option, parse(option, option.key(), option.defaultValue()));
            }
        }
    }

    private static Option optionOf(String key) {
        Option best = null;
        for (Option option : Option.values()) {
            if (key.equals(option.key()) || key.startsWith(option.key() + ".")) {
                if (best == null || option.key().length() > best.key().length()) {
                    best = option;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("unknown settlement setting '" + key + "'; known keys: "
                    + Arrays.stream(Option.values()).map(Option::key).toList());
        }
        String rest = key.length() == best.key().length() ? "" : key.substring(best.key().length() + 1);
        if (!rest.isEmpty() && (best.scope() == Scope.GLOBAL || rest.isEmpty() || rest.contains("."))) {
            throw new IllegalArgumentException("setting '" + key + "': '" + best.key() + "' takes "
                    + (best.scope() == Scope.GLOBAL ? "no qualifier" : "one qualifier, a " + best.scope().name().toLowerCase(Locale.ROOT)));
        }
        return best;
    }

    private static Object parse(Option option, String key, String value) {
        try {
            return switch (option.kind()) {
                case DURATION -> {
                    Duration d = Durations.parse(value);
                    if (option == Option.CYCLE_PERIOD && (d.isZero() || DAY % d.toMillis() != 0)) {
                        throw new IllegalArgumentException("must divide 24 h (e.g. 1 h, 2 h, 4 h, 24 h)");
                    }
                    yield d;
                }
                case DECIMAL -> {
                    BigDecimal d = new BigDecimal(value);
                    if (d.signum() < 0) {
                        throw new IllegalArgumentException("must not be negative");
                    }
                    yield d;
                }
                case COUNT -> {
                    int n = Integer.parseInt(value);
                    if (n < 0) {
                        throw new IllegalArgumentException("must not be negative");
                    }
                    yield n;
                }
                case TIMES -> {
                    List<Long> cutoffs = new ArrayList<>();
                    for (String part : value.split(",")) {
                        long ms = LocalTime.parse(part.trim()).toNanoOfDay() / 1_000_000;
                        if (!cutoffs.contains(ms)) {
                            cutoffs.add(ms);
                        }
                    }
                    if (cutoffs.isEmpty()) {
                        throw new IllegalArgumentException("needs at least one HH:mm");
                    }
                    Collections.sort(cutoffs);
                    yield List.copyOf(cutoffs);
                }
                case TEXT -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("must not be blank");
                    }
                    yield value;
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting '" + key + "' = '" + value + "' is not a valid "
                    + option.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SettlementConfig" + raw;
    }
}
