package org.posttrade.operators.validation;

import static org.posttrade.operators.validation.Rules.first;

import org.posttrade.schema.CustodianConfirmation;

/** Rules for custodian wallet movements. */
public final class CustodianConfirmationValidator implements RecordValidator<CustodianConfirmation> {
    private static final long serialVersionUID = 1L;

    @Override
    public String violation(CustodianConfirmation m) {
        return first(
                Rules.text("eventId", m.getEventId()), Rules.text("movementId", m.getMovementId()),
                Rules.text("custodian", m.getCustodian()), Rules.text("account", m.getAccount()),
                Rules.text("wallet", m.getWallet()), Rules.text("asset", m.getAsset()),
                Rules.text("network", m.getNetwork()), Rules.nonZero("amount", m.getAmount()),
                Rules.notNegative("networkFee", m.getNetworkFee()),
                m.getConfirmations() >= 0 ? null : "confirmations must not be negative, was " + m.getConfirmations(),
                m.getUpdateSequence() >= 0 ? null : "updateSequence must not be negative");
    }
}
