package org.posttrade.operators.reconciliation;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.posttrade.operators.Durations;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.Severity;

/**
 * Tolerances, deadlines, severities and alert thresholds of reconciliation: data, not code. Every option is declared
 * once in {@link Option} with its key, scope, default and description ({@code operators/RECONCILIATION.md} lists
 * them). Values come from flat properties; an option is overridden per scope by suffixing the key:
 * <ul>
 *   <li>{@code VENUE_INSTRUMENT}: {@code key.VENUE.INSTRUMENT}, then {@code key.*.INSTRUMENT}, then
 *       {@code key.VENUE}, then {@code key};</li>
 *   <li>{@code VENUE}: {@code key.VENUE}, then {@code key};</li>
 *   <li>{@code INSTRUMENT}: {@code key.INSTRUMENT}, then {@code key};</li>
 *   <li>{@code BREAK_TYPE} / {@code ALERT_TYPE}: {@code key.TYPE}, then {@code key}.</li>
 * </ul>
 * Keys are validated when the configuration is built: an unknown {@code recon.} key or a malformed value fails with
 * a message naming the key. Immutable and serializable, so it travels with the operators.
 */
public final class ReconciliationConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "recon.";

    /** How an option may be overridden. */
    public enum Scope { GLOBAL, VENUE, INSTRUMENT, VENUE_INSTRUMENT, BREAK_TYPE, ALERT_TYPE }

    /** How an option's value is parsed. */
    public enum Kind { DECIMAL, DURATION, SEVERITY, COUNT }

    /** Every option of reconciliation, declared once. */
    public enum Option {
        PRICE_TOLERANCE_ABS("recon.tolerance.price.abs", Scope.VENUE_INSTRUMENT, Kind.DECIMAL, "0",
                "Absolute price tolerance in quote asset; a price matches within max(abs, bps of the expected price)."),
        PRICE_TOLERANCE_BPS("recon.tolerance.price.bps", Scope.VENUE_INSTRUMENT, Kind.DECIMAL, "1",
                "Relative price tolerance in basis points of the expected price."),
        FEE_TOLERANCE_ABS("recon.tolerance.fee.abs", Scope.VENUE_INSTRUMENT, Kind.DECIMAL, "0",
                "Absolute fee tolerance in the fee asset."),
        FEE_TOLERANCE_BPS("recon.tolerance.fee.bps", Scope.VENUE_INSTRUMENT, Kind.DECIMAL, "10",
                "Relative fee tolerance in basis points of the expected fee."),
        QUANTITY_TOLERANCE_LOTS("recon.tolerance.quantity.lots", Scope.VENUE_INSTRUMENT, Kind.DECIMAL, "0",
                "Quantity tolerance in lots of the instrument (see recon.lot-size); 0 means exact."),
        LOT_SIZE("recon.lot-size", Scope.INSTRUMENT, Kind.DECIMAL, "0.00000001",
                "Lot size of an instrument in base asset, e.g. recon.lot-size.BTC-USDT=0.00001."),
        CONFIRMATION_DEADLINE("recon.confirmation.deadline", Scope.VENUE, Kind.DURATION, "5 min",
                "How long after an execution (or its latest correction) the venue's confirmation is expected; "
                        + "then MISSING_CONFIRMATION opens. Later confirmations are LATE_CONFIRMATION."),
        EXECUTION_GRACE("recon.confirmation.execution-grace", Scope.VENUE, Kind.DURATION, "5 min",
                "How long a confirmation waits for its execution report before CONFIRMATION_WITHOUT_EXECUTION."),
        BOOKING_GRACE("recon.booking.grace", Scope.VENUE, Kind.DURATION, "5 min",
                "How long a fill waits for its OMS booking before UNBOOKED_EXECUTION."),
        BOOKING_FILL_DEADLINE("recon.booking.fill-deadline", Scope.VENUE, Kind.DURATION, "1 h",
                "Fill deadline of a booking without fillDeadline, after bookedTime (per intended venue); then "
                        + "UNFILLED_BOOKING."),
        CORRECTION_ORPHAN_TIMEOUT("recon.correction.orphan-timeout", Scope.VENUE, Kind.DURATION, "10 min",
                "How long a correction or bust waits for the fill it names before an OTHER/execRefId break opens."),
        BREAK_SLA("recon.break.sla", Scope.BREAK_TYPE, Kind.DURATION, "30 min",
                "Age after which an OPEN break becomes AGED (and CEP raises BREAK_SLA_BREACH)."),
        BREAK_ESCALATION("recon.break.escalation", Scope.BREAK_TYPE, Kind.DURATION, "4 h",
                "Age after which an unresolved break becomes ESCALATED."),
        SEVERITY("recon.severity", Scope.BREAK_TYPE, Kind.SEVERITY, null,
                "Severity of a break type (LOW, MEDIUM, HIGH, CRITICAL); defaults per type are listed below."),
        MATCH_LINGER("recon.match.linger", Scope.GLOBAL, Kind.DURATION, "1 h",
                "How long (event time) a completely matched key keeps its state (to drop replays and absorb "
                        + "post-match corrections, busts, extra fills and confirmation resends) before it is cleared; "
                        + "0 clears on the match, and then any such record is reported as an unmatched one "
                        + "(UNBOOKED_EXECUTION, CONFIRMATION_WITHOUT_EXECUTION)."),
        FILL_RETENTION("recon.fill.retention", Scope.GLOBAL, Kind.DURATION, "2 d",
                "How long after an order's last execution report the fill normalizer keeps its reports (to dedupe "
                        + "and to chain corrections and busts)."),
        STATE_TTL("recon.state.ttl", Scope.GLOBAL, Kind.DURATION, "7 d",
                "Time-to-live of all reconciliation state, a safety net for abandoned keys (processing time); 0 disables."),
        VENUE_INCIDENT_COUNT("recon.alert.venue-incident.count", Scope.GLOBAL, Kind.COUNT, "5",
                "VENUE_INCIDENT: this many new breaks on one venue ..."),
        VENUE_INCIDENT_WINDOW("recon.alert.venue-incident.window", Scope.GLOBAL, Kind.DURATION, "10 min",
                "... within this window."),
        STALE_PRICE_COUNT("recon.alert.stale-price.count", Scope.GLOBAL, Kind.COUNT, "3",
                "STALE_PRICE_FEED: this many new PRICE_MISMATCH breaks on one instrument (any venue) ..."),
        STALE_PRICE_WINDOW("recon.alert.stale-price.window", Scope.GLOBAL, Kind.DURATION, "15 min",
                "... within this window."),
        CORRECTIONS_MAX("recon.alert.corrections.max", Scope.GLOBAL, Kind.COUNT, "2",
                "EXCESSIVE_CORRECTIONS: a trade corrected more than this many times ..."),
        CORRECTIONS_WINDOW("recon.alert.corrections.window", Scope.GLOBAL, Kind.DURATION, "1 d",
                "... within this window."),
        ALERT_SEVERITY("recon.alert.severity", Scope.ALERT_TYPE, Kind.SEVERITY, "HIGH",
                "Severity of an alert type.");

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

    /** Default severity per break type (recon.severity.TYPE overrides). */
    public static final Map<BreakType, Severity> DEFAULT_SEVERITIES;

    static {
        Map<BreakType, Severity> s = new EnumMap<>(BreakType.class);
        for (BreakType type : BreakType.values()) {
            s.put(type, Severity.MEDIUM);
        }
        s.put(BreakType.MISSING_CONFIRMATION, Severity.HIGH);
        s.put(BreakType.CONFIRMATION_WITHOUT_EXECUTION, Severity.HIGH);
        s.put(BreakType.UNBOOKED_EXECUTION, Severity.CRITICAL);
        s.put(BreakType.UNFILLED_BOOKING, Severity.MEDIUM);
        s.put(BreakType.QUANTITY_MISMATCH, Severity.HIGH);
        s.put(BreakType.PRICE_MISMATCH, Severity.HIGH);
        s.put(BreakType.FEE_MISMATCH, Severity.MEDIUM);
        s.put(BreakType.SIDE_MISMATCH, Severity.CRITICAL);
        s.put(BreakType.OVERFILL, Severity.CRITICAL);
        s.put(BreakType.DUPLICATE_CONFLICT, Severity.HIGH);
        s.put(BreakType.CONFIRMATION_REJECTED, Severity.CRITICAL);
        s.put(BreakType.LATE_CONFIRMATION, Severity.LOW);
        DEFAULT_SEVERITIES = Collections.unmodifiableMap(s);
    }

    private final Map<String, String> raw;
    private final Map<String, Object> parsed;

    private ReconciliationConfig(Map<String, String> raw) {
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            Option option = optionOf(e.getKey());
            values.put(e.getKey(), parse(option, e.getKey(), e.getValue()));
        }
        this.parsed = values;
    }

    /** All defaults. */
    public static ReconciliationConfig defaults() {
        return new ReconciliationConfig(Map.of());
    }

    /**
     * The configuration of the {@code recon.*} entries of flat properties (other keys are ignored, so a job's whole
     * configuration can be passed). Fails, naming the key, on an unknown {@code recon.} key or a malformed value.
     */
    public static ReconciliationConfig fromProperties(Map<String, String> properties) {
        Map<String, String> own = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                own.put(k.trim(), v == null ? "" : v.trim());
            }
        });
        return new ReconciliationConfig(own);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(raw);
        return b;
    }

    /** Collects {@code key = value} settings; {@link #build()} validates them. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder set(String key, String value) {
            values.put(key, value);
            return this;
        }

        public Builder set(Option option, String value) {
            return set(option.key(), value);
        }

        /** Sets an override, e.g. {@code set(PRICE_TOLERANCE_BPS, "5", "BINANCE")}. */
        public Builder set(Option option, String value, String... qualifiers) {
            return set(option.key() + (qualifiers.length == 0 ? "" : "." + String.join(".", qualifiers)), value);
        }

        public ReconciliationConfig build() {
            return new ReconciliationConfig(values);
        }
    }

    // ---- lookups

    public Tolerance priceTolerance(String venue, String instrument) {
        return Tolerance.of(decimal(Option.PRICE_TOLERANCE_ABS, venue, instrument),
                decimal(Option.PRICE_TOLERANCE_BPS, venue, instrument));
    }

    public Tolerance feeTolerance(String venue, String instrument) {
        return Tolerance.of(decimal(Option.FEE_TOLERANCE_ABS, venue, instrument),
                decimal(Option.FEE_TOLERANCE_BPS, venue, instrument));
    }

    /** Quantity tolerance in base asset: lots times the instrument's lot size. */
    public Tolerance quantityTolerance(String venue, String instrument) {
        return Tolerance.absolute(decimal(Option.QUANTITY_TOLERANCE_LOTS, venue, instrument).multiply(lotSize(instrument)));
    }

    public BigDecimal lotSize(String instrument) {
        return (BigDecimal) lookup(Option.LOT_SIZE, instrument);
    }

    /** The confirmation deadline of a venue; of venues without their own when {@code venue} is null. */
    public Duration confirmationDeadline(String venue) { return duration(Option.CONFIRMATION_DEADLINE, venue); }

    public Duration executionGrace(String venue) { return duration(Option.EXECUTION_GRACE, venue); }

    public Duration bookingGrace(String venue) { return duration(Option.BOOKING_GRACE, venue); }

    public Duration bookingFillDeadline(String venue) { return duration(Option.BOOKING_FILL_DEADLINE, venue); }

    public Duration orphanTimeout(String venue) { return duration(Option.CORRECTION_ORPHAN_TIMEOUT, venue); }

    public Duration breakSla(BreakType type) { return duration(Option.BREAK_SLA, type.name()); }

    /** The SLA of break types without their own. */
    public Duration defaultBreakSla() { return duration(Option.BREAK_SLA); }

    public Duration breakEscalation(BreakType type) { return duration(Option.BREAK_ESCALATION, type.name()); }

    public Severity severity(BreakType type) {
        Object v = parsed.get(Option.SEVERITY.key() + "." + type.name());
        if (v == null) {
            v = parsed.get(Option.SEVERITY.key());
        }
        return v == null ? DEFAULT_SEVERITIES.get(type) : (Severity) v;
    }

    public Severity alertSeverity(AlertType type) { return (Severity) lookup(Option.ALERT_SEVERITY, type.name()); }

    public Duration matchLinger() { return duration(Option.MATCH_LINGER); }

    public Duration fillRetention() { return duration(Option.FILL_RETENTION); }

    public Duration stateTtl() { return duration(Option.STATE_TTL); }

    public int venueIncidentCount() { return count(Option.VENUE_INCIDENT_COUNT); }

    public Duration venueIncidentWindow() { return duration(Option.VENUE_INCIDENT_WINDOW); }

    public int stalePriceCount() { return count(Option.STALE_PRICE_COUNT); }

    public Duration stalePriceWindow() { return duration(Option.STALE_PRICE_WINDOW); }

    public int correctionsMax() { return count(Option.CORRECTIONS_MAX); }

    public Duration correctionsWindow() { return duration(Option.CORRECTIONS_WINDOW); }

    /** The qualifiers (venues, break types, ...) that override {@code option}, e.g. the venues with their own deadline. */
    public Set<String> overriddenFor(Option option) {
        Set<String> out = new TreeSet<>();
        for (String key : raw.keySet()) {
            if (key.startsWith(option.key() + ".")) {
                out.add(key.substring(option.key().length() + 1));
            }
        }
        return out;
    }

    /** The settings as given (only {@code recon.*} keys), for logging. */
    public Map<String, String> settings() {
        return raw;
    }

    // ---- internals

    private BigDecimal decimal(Option option, String venue, String instrument) {
        return (BigDecimal) lookup(option, venue, instrument);
    }

    private Duration duration(Option option, String... qualifiers) {
        return (Duration) lookup(option, qualifiers);
    }

    private int count(Option option) {
        return (Integer) lookup(option);
    }

    private Object lookup(Option option, String... q) {
        String key = option.key();
        Object v = null;
        if (option.scope() == Scope.VENUE_INSTRUMENT && q.length == 2) {
            v = first(key + "." + q[0] + "." + q[1], key + ".*." + q[1], key + "." + q[0]);
        } else if (q.length >= 1 && q[0] != null) {
            v = parsed.get(key + "." + q[0]);
        }
        if (v == null) {
            v = parsed.get(key);
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

    private Object first(String... keys) {
        for (String k : keys) {
            Object v = parsed.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
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
            throw new IllegalArgumentException("unknown reconciliation setting '" + key + "'; known keys: "
                    + java.util.Arrays.stream(Option.values()).map(Option::key).toList());
        }
        String rest = key.length() == best.key().length() ? "" : key.substring(best.key().length() + 1);
        if (!rest.isEmpty()) {
            checkQualifier(best, key, rest);
        }
        return best;
    }

    private static void checkQualifier(Option option, String key, String rest) {
        String[] parts = rest.split("\\.", -1);
        boolean ok = switch (option.scope()) {
            case GLOBAL -> false;
            case VENUE, INSTRUMENT -> parts.length == 1 && !parts[0].isEmpty();
            case VENUE_INSTRUMENT -> (parts.length == 1 && !parts[0].isEmpty() && !parts[0].equals("*"))
                    || (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty());
            case BREAK_TYPE -> parts.length == 1 && isEnumSymbol(BreakType.class, parts[0]);
            case ALERT_TYPE -> parts.length == 1 && isEnumSymbol(AlertType.class, parts[0]);
        };
        if (!ok) {
            throw new IllegalArgumentException("setting '" + key + "': '" + option.key() + "' takes "
                    + switch (option.scope()) {
                        case GLOBAL -> "no qualifier";
                        case VENUE -> "one qualifier, a venue";
                        case INSTRUMENT -> "one qualifier, an instrument";
                        case VENUE_INSTRUMENT -> "VENUE, VENUE.INSTRUMENT or *.INSTRUMENT";
                        case BREAK_TYPE -> "a break type (" + List.of(BreakType.values()) + ")";
                        case ALERT_TYPE -> "an alert type (" + List.of(AlertType.values()) + ")";
                    });
        }
    }

    private static <E extends Enum<E>> boolean isEnumSymbol(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Object parse(Option option, String key, String value) {
        try {
            return switch (option.kind()) {
                case DECIMAL -> {
                    BigDecimal d = new BigDecimal(value);
                    if (d.signum() < 0) {
                        throw new IllegalArgumentException("must not be negative");
                    }
                    if (option == Option.LOT_SIZE && d.signum() == 0) {
                        throw new IllegalArgumentException("must be positive");
                    }
                    yield d;
                }
                case DURATION -> Durations.parse(value);
                case SEVERITY -> Severity.valueOf(value.toUpperCase(Locale.ROOT));
                case COUNT -> {
                    int n = Integer.parseInt(value);
                    if (n < 1) {
                        throw new IllegalArgumentException("must be 1 or more");
                    }
                    yield n;
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting '" + key + "' = '" + value + "' is not a valid "
                    + option.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ReconciliationConfig" + raw;
    }
}
