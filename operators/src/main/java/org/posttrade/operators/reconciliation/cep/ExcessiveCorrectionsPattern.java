package org.posttrade.operators.reconciliation.cep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.TradeLifecycleEvent;

/**
 * EXCESSIVE_CORRECTIONS: a trade corrected more than {@code recon.alert.corrections.max} times (K + 1 CORRECTED
 * lifecycle steps) within {@code recon.alert.corrections.window}, keyed by tradeKey. Corrections that arrive before
 * the fill they amend are applied together and make one step, so they count once.
 */
public final class ExcessiveCorrectionsPattern {
    private ExcessiveCorrectionsPattern() {}

    public static final String UID = "recon-cep-excessive-corrections";
    public static final String NAME = "Alerts: trade corrected more than K times";

    public static Pattern<TradeLifecycleEvent, ?> pattern(ReconciliationConfig config) {
        return Pattern.<TradeLifecycleEvent>begin("corrections", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.getState() == LifecycleState.CORRECTED))
                .times(config.correctionsMax() + 1)
                .within(config.correctionsWindow());
    }

    public static final class RaiseAlert extends PatternProcessFunction<TradeLifecycleEvent, Alert> {
        private static final long serialVersionUID = 1L;
        private final ReconciliationConfig config;

        public RaiseAlert(ReconciliationConfig config) {
            this.config = config;
        }

        @Override
        public void processMatch(Map<String, List<TradeLifecycleEvent>> match, Context ctx, Collector<Alert> out) {
            List<TradeLifecycleEvent> steps = match.get("corrections");
            TradeLifecycleEvent first = steps.get(0);
            TradeLifecycleEvent last = steps.get(steps.size() - 1);
            List<EvidenceRef> evidence = new ArrayList<>();
            for (TradeLifecycleEvent e : steps) {
                evidence.addAll(e.getEvidence());
                evidence.add(Alerts.evidence(e));
            }
            out.collect(Alerts.build(AlertType.EXCESSIVE_CORRECTIONS, first.getTradeKey(), first.getVenue(),
                    first.getInstrument().getSymbol(), "Execution " + first.getTradeKey() + " was corrected "
                            + steps.size() + " times within " + config.correctionsWindow() + " (more than "
                            + config.correctionsMax() + ").",
                    first.getEventTime().toEpochMilli(), last.getEventTime().toEpochMilli(), List.of(),
                    Evidence.merge(evidence), config));
        }
    }

    /** Alerts from the trade lifecycle stream (event time: its timestamps must be the steps' eventTime). */
    public static SingleOutputStreamOperator<Alert> apply(DataStream<TradeLifecycleEvent> lifecycle,
                                                          ReconciliationConfig config) {
        return CEP.pattern(lifecycle.keyBy(ConfirmationTimeoutPattern.KEY), pattern(config)).inEventTime()
                .process(new RaiseAlert(config), Alerts.TYPE).uid(UID).name(NAME);
    }
}
