package org.posttrade.operators.positions;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.posttrade.operators.Durations;
import org.posttrade.schema.CostMethod;

/**
 * Configuration of positions and P&L: flat properties {@code positions.*} (operators/POSITIONS.md lists them).
 * Unknown {@code positions.*} keys and malformed values fail at startup, naming the key; other keys are ignored
 * (they belong to other parts of the job).
 */
public final class PositionsConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PREFIX = "positions.";

    /** Every option, declared once: key, qualifier, default, description. */
    public enum Option {
        COST_METHOD("positions.cost-method", "account", "FIFO",
                "Cost method for realized P&L: FIFO or AVERAGE_COST; per account with positions.cost-method.<ACCOUNT>."),
        REPORTING_CURRENCY("positions.reporting-currency", null, "USD",
                "Currency P&L is converted to (through the mark price graph)."),
        REMARK_INTERVAL("positions.remark.interval", null, "1 min",
                "Event-time interval at which open positions are re-marked: at most one price-driven update per "
                        + "key per interval (fills always publish at once)."),
        STALE_AFTER("positions.price.stale-after", null, "5 min",
                "A mark older than this at valuation time makes priceStatus STALE."),
        REFERENCE_PRICE("positions.reference-price", "symbol", null,
                "Fixed price for a symbol BASE-QUOTE that has no mark stream (e.g. positions.reference-price.BNB-USDT=652.40); "
                        + "a mark of the same symbol takes precedence."),
        FILL_RETENTION("positions.fill.retention", null, "7 d",
                "How long the last version of each fill is remembered (state TTL, processing time) to reverse it on a "
                        + "correction or bust; a correction arriving later is applied as a new fill."),
        COMPACT_AFTER("positions.fill.compact-after", null, "30 d",
                "How long after it was applied (processing time) a fill is folded into its position's compacted "
                        + "book instead of being kept for replays; at least positions.fill.retention; 0 d keeps every fill.");

        private final String key;
        private final String qualifier;
        private final String defaultValue;
        private final String description;

        Option(String key, String qualifier, String defaultValue, String description) {
            this.key = key;
            this.qualifier = qualifier;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        public String key() { return key; }
        public String qualifier() { return qualifier; }
        public String defaultValue() { return defaultValue; }
        public String description() { return description; }
    }

    private final CostMethod defaultCostMethod;
    private final TreeMap<String, CostMethod> costMethods;
    private final String reportingCurrency;
    private final long remarkIntervalMillis;
    private final long staleAfterMillis;
    private final TreeMap<String, BigDecimal> referencePrices;
    private final long fillRetentionMillis;
    private final long compactAfterMillis;

    private PositionsConfig(CostMethod defaultCostMethod, Map<String, CostMethod> costMethods, String reportingCurrency,
                            Duration remarkInterval, Duration staleAfter, Map<String, BigDecimal> referencePrices,
                            Duration fillRetention, Duration compactAfter) {
        this.defaultCostMethod = defaultCostMethod;
        this.costMethods = new TreeMap<>(costMethods);
        this.reportingCurrency = reportingCurrency;
        this.remarkIntervalMillis = remarkInterval.toMillis();
        this.staleAfterMillis = staleAfter.toMillis();
        this.referencePrices = new TreeMap<>(referencePrices);
        this.fillRetentionMillis = fillRetention.toMillis();
        this.compactAfterMillis = compactAfter.toMillis();
        if (compactAfterMillis < 0 || (compactAfterMillis > 0 && fillRetentionMillis > 0
                && compactAfterMillis < fillRetentionMillis)) {
            // a fill compacted while FillVersions still remembers it could not be reversed by its correction
            throw new IllegalArgumentException(Option.COMPACT_AFTER.key + " must be 0 or at least "
                    + Option.FILL_RETENTION.key + " (" + fillRetention + "), was " + compactAfter);
        }
        if (compactAfterMillis > 0 && fillRetentionMillis == 0) {
            throw new IllegalArgumentException(Option.COMPACT_AFTER.key + " must be 0 when "
                    + Option.FILL_RETENTION.key + " is 0 (fill versions kept forever)");
        }
        if (remarkIntervalMillis <= 0) {
            throw new IllegalArgumentException(Option.REMARK_INTERVAL.key + " must be positive");
        }
        if (reportingCurrency.isBlank()) {
            throw new IllegalArgumentException(Option.REPORTING_CURRENCY.key + " must not be blank");
        }
        referencePrices.forEach(MarkPoint::reference); // validates symbols and prices
    }

    public static PositionsConfig defaults() {
        return fromProperties(Map.of());
    }

    /** From flat properties; keys outside {@code positions.} are ignored. */
    public static PositionsConfig fromProperties(Map<String, String> properties) {
        CostMethod defaultMethod = costMethod(Option.COST_METHOD.key, Option.COST_METHOD.defaultValue);
        Map<String, CostMethod> methods = new TreeMap<>();
        String reporting = Option.REPORTING_CURRENCY.defaultValue;
        Duration remark = duration(Option.REMARK_INTERVAL.key, Option.REMARK_INTERVAL.defaultValue);
        Duration stale = duration(Option.STALE_AFTER.key, Option.STALE_AFTER.defaultValue);
        Duration retention = duration(Option.FILL_RETENTION.key, Option.FILL_RETENTION.defaultValue);
        Duration compactAfter = duration(Option.COMPACT_AFTER.key, Option.COMPACT_AFTER.defaultValue);
        Map<String, BigDecimal> references = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals(Option.COST_METHOD.key)) {
                defaultMethod = costMethod(key, value);
            } else if (key.startsWith(Option.COST_METHOD.key + ".")) {
                methods.put(qualifier(key, Option.COST_METHOD), costMethod(key, value));
            } else if (key.equals(Option.REPORTING_CURRENCY.key)) {
                reporting = value;
            } else if (key.equals(Option.REMARK_INTERVAL.key)) {
                remark = duration(key, value);
            } else if (key.equals(Option.STALE_AFTER.key)) {
                stale = duration(key, value);
            } else if (key.equals(Option.FILL_RETENTION.key)) {
                retention = duration(key, value);
            } else if (key.equals(Option.COMPACT_AFTER.key)) {
                compactAfter = duration(key, value);
            } else if (key.startsWith(Option.REFERENCE_PRICE.key + ".")) {
                String symbol = qualifier(key, Option.REFERENCE_PRICE);
                try {
                    references.put(symbol, MarkPoint.reference(symbol, new BigDecimal(value)).price());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
                }
            } else {
                throw new IllegalArgumentException("unknown setting " + key + "; known: " + knownKeys());
            }
        }
        try {
            return new PositionsConfig(defaultMethod, methods, reporting, remark, stale, references, retention,
                    compactAfter);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("positions configuration: " + ex.getMessage(), ex);
        }
    }

    /** The cost method of an account: positions.cost-method.ACCOUNT, else positions.cost-method. */
    public CostMethod costMethod(String account) {
        return costMethods.getOrDefault(account, defaultCostMethod);
    }

    public String reportingCurrency() { return reportingCurrency; }

    public Duration remarkInterval() { return Duration.ofMillis(remarkIntervalMillis); }

    public Duration staleAfter() { return Duration.ofMillis(staleAfterMillis); }

    public Duration fillRetention() { return Duration.ofMillis(fillRetentionMillis); }

    /** Zero: fills are never compacted. */
    public Duration compactAfter() { return Duration.ofMillis(compactAfterMillis); }

    /** Configured reference prices as graph edges. */
    public List<MarkPoint> referencePrices() {
        List<MarkPoint> out = new ArrayList<>();
        referencePrices.forEach((symbol, price) -> out.add(MarkPoint.reference(symbol, price)));
        return Collections.unmodifiableList(out);
    }

    private static String qualifier(String key, Option option) {
        String q = key.substring(option.key.length() + 1);
        if (q.isBlank()) {
            throw new IllegalArgumentException(key + ": missing " + option.qualifier);
        }
        return q;
    }

    private static List<String> knownKeys() {
        List<String> keys = new ArrayList<>();
        for (Option o : Option.values()) {
            keys.add(o.key + (o.qualifier == null ? "" : "[." + o.qualifier.toUpperCase(Locale.ROOT) + "]"));
        }
        return keys;
    }

    private static CostMethod costMethod(String key, String value) {
        try {
            return CostMethod.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(key + " must be FIFO or AVERAGE_COST, got: " + value, ex);
        }
    }

    static Duration duration(String key, String value) {
        try {
            return Durations.parse(value);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(key + " must be a duration such as '90 s', '2 min', '7 d' or 'PT2M', got: "
                    + value, ex);
        }
    }

    @Override
    public String toString() {
        return "PositionsConfig[costMethod=" + defaultCostMethod + " " + costMethods + ", reporting=" + reportingCurrency
                + ", remark=" + remarkInterval() + ", staleAfter=" + staleAfter() + ", referencePrices="
                + referencePrices + ", fillRetention=" + fillRetention() + ", compactAfter=" + compactAfter() + "]";
    }
}
