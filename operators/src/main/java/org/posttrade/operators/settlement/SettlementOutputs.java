package org.posttrade.operators.settlement;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.posttrade.schema.ReconciliationBreak;

/** Side outputs of the settlement operators. */
public final class SettlementOutputs {
    private SettlementOutputs() {}

    /** Settlement breaks of {@link CustodianMatcher}, every version. */
    public static final OutputTag<ReconciliationBreak> BREAKS =
            new OutputTag<>("settlement-breaks", TypeInformation.of(ReconciliationBreak.class));

    /** The settlement status of every instruction version of {@link CustodianMatcher} (amounts, movements, times). */
    public static final OutputTag<InstructionStatus> STATUS = new OutputTag<>("settlement-status", InstructionStatus.TYPE);
}
