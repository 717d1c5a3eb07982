package org.posttrade.operators.reconciliation.cep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.operators.reconciliation.ReconciliationConfig.Option;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ReconciliationBreak;

/**
 * BREAK_SLA_BREACH: a break opened (first version, or re-opened) and not AUTO_RESOLVED or CLOSED within its type's
 * {@code recon.break.sla}: the timed-out partial matches of {@code open followedBy resolved within(sla)}, keyed by
 * breakId. One CEP operator per break type with its own SLA (uid {@code recon-cep-break-sla-TYPE}) and one for the
 * rest (uid {@code recon-cep-break-sla-default}).
 */
public final class BreakSlaPattern {
    private BreakSlaPattern() {}

    public static final String UID_PREFIX = "recon-cep-break-sla-";
    public static final String NAME = "Alerts: break open past its SLA";
    public static final KeySelector<ReconciliationBreak, String> KEY = new BreakKey();

    public static final class BreakKey implements KeySelector<ReconciliationBreak, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ReconciliationBreak b) {
            return b.getBreakId();
        }
    }

    public static Pattern<ReconciliationBreak, ?> pattern(Duration sla) {
        return Pattern.<ReconciliationBreak>begin("open", AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(Alerts::isNewlyOpen))
                .followedBy("resolved")
                .where(SimpleCondition.of(b -> b.getStatus() == BreakStatus.AUTO_RESOLVED
                        || b.getStatus() == BreakStatus.CLOSED))
                .within(sla);
    }

    public static final class RaiseAlert extends PatternProcessFunction<ReconciliationBreak, Alert>
            implements TimedOutPartialMatchHandler<ReconciliationBreak> {
        private static final long serialVersionUID = 1L;
        private final Duration sla;
        private final ReconciliationConfig config;

        public RaiseAlert(Duration sla, ReconciliationConfig config) {
            this.sla = sla;
            this.config = config;
        }

        @Override
        public void processMatch(Map<String, List<ReconciliationBreak>> match, Context ctx, Collector<Alert> out) {
            // resolved within its SLA
        }

        @Override
        public void processTimedOutMatch(Map<String, List<ReconciliationBreak>> match, Context ctx) {
            ReconciliationBreak b = match.get("open").get(0);
            long start = b.getDetectedTime().toEpochMilli();
            ctx.output(Alerts.TIMED_OUT, Alerts.build(AlertType.BREAK_SLA_BREACH, b.getBreakId(), b.getVenue(),
                    b.getInstrument(), b.getBreakType() + " break " + b.getBreakId() + " on " + b.getMatchKey()
                            + " is unresolved " + sla + " after detection: " + b.getDescription(),
                    start, start + sla.toMillis(), List.of(b.getBreakId()),
                    Evidence.merge(b.getEvidence(), List.of(Alerts.evidence(b))), config));
        }
    }

    private static final class TypeIn implements FilterFunction<ReconciliationBreak> {
        private static final long serialVersionUID = 1L;
        private final Set<String> types;
        private final boolean in;

        TypeIn(Set<String> types, boolean in) {
            this.types = Set.copyOf(types);
            this.in = in;
        }

        @Override
        public boolean filter(ReconciliationBreak b) {
            return types.contains(b.getBreakType().name()) == in;
        }
    }

    /** Alerts from a stream of break versions (event time: its timestamps must be the breaks' eventTime). */
    public static DataStream<Alert> apply(DataStream<ReconciliationBreak> breaks, ReconciliationConfig config) {
        Set<String> types = config.overriddenFor(Option.BREAK_SLA);
        DataStream<Alert> alerts = breaches(breaks.filter(new TypeIn(types, false))
                .uid(UID_PREFIX + "default-filter").name("Breaks with the default SLA"),
                config.defaultBreakSla(), config, "default");
        for (String type : types) {
            alerts = alerts.union(breaches(breaks.filter(new TypeIn(Set.of(type), true))
                    .uid(UID_PREFIX + type + "-filter").name(type + " breaks"),
                    config.breakSla(BreakType.valueOf(type)), config, type));
        }
        return alerts;
    }

    private static DataStream<Alert> breaches(DataStream<ReconciliationBreak> breaks, Duration sla,
                                              ReconciliationConfig config, String suffix) {
        return CEP.pattern(breaks.keyBy(KEY), pattern(sla)).inEventTime()
                .process(new RaiseAlert(sla, config), Alerts.TYPE)
                .uid(UID_PREFIX + suffix).name(NAME + " (" + suffix + ")")
                .getSideOutput(Alerts.TIMED_OUT);
    }
}
