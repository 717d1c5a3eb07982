package org.posttrade.operators.reconciliation;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;

/** Side outputs shared by the reconciliation operators, so the job unions them into one breaks and one lifecycle stream. */
public final class ReconciliationOutputs {
    private ReconciliationOutputs() {}

    /** Break versions of operators whose main output is something else (the fill normalizer). */
    public static final OutputTag<ReconciliationBreak> BREAKS =
            new OutputTag<>("reconciliation-breaks", TypeInformation.of(ReconciliationBreak.class));

    /** Trade lifecycle steps (FILLED, CORRECTED, BUSTED, CONFIRMED, REJECTED, BOOKED, PARTIALLY_FILLED). */
    public static final OutputTag<TradeLifecycleEvent> LIFECYCLE =
            new OutputTag<>("trade-lifecycle", TypeInformation.of(TradeLifecycleEvent.class));
}
