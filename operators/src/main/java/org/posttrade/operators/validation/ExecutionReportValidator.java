package org.posttrade.operators.validation;

import static org.posttrade.operators.validation.Rules.first;

import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;

/** Rules for venue execution reports (FIX 35=8). */
public final class ExecutionReportValidator implements RecordValidator<ExecutionReport> {
    private static final long serialVersionUID = 1L;
    private final ReferenceData reference;

    public ExecutionReportValidator(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String violation(ExecutionReport r) {
        String common = first(
                Rules.text("eventId", r.getEventId()), Rules.text("venue", r.getVenue()),
                Rules.text("execId", r.getExecId()), Rules.text("orderId", r.getOrderId()),
                Rules.text("clOrdId", r.getClOrdId()), Rules.text("account", r.getAccount()),
                Rules.knownInstrument(r.getInstrument(), reference),
                Rules.notNegative("cumQty", r.getCumQty()), Rules.notNegative("leavesQty", r.getLeavesQty()),
                Rules.notNegative("commission", r.getCommission()));
        if (common != null) {
            return common;
        }
        if (r.getCommission() != null && r.getCommission().signum() != 0 && Rules.text("commissionAsset", r.getCommissionAsset()) != null) {
            return "commissionAsset is missing for a non-zero commission";
        }
        ExecType type = r.getExecType();
        if (type == ExecType.TRADE || type == ExecType.TRADE_CORRECT) {
            String fill = first(Rules.positive("lastQty", r.getLastQty()), Rules.sanePrice("lastPx", r.getLastPx(), reference));
            if (fill != null) {
                return type + ": " + fill;
            }
        }
        if ((type == ExecType.TRADE_CORRECT || type == ExecType.TRADE_CANCEL) && Rules.text("execRefId", r.getExecRefId()) != null) {
            return type + " must name the fill it amends in execRefId";
        }
        return null;
    }
}
