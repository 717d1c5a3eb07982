package org.posttrade.operators.validation;

import static org.posttrade.operators.validation.Rules.first;

import org.posttrade.schema.VenueConfirmation;

/** Rules for venue trade confirmations. */
public final class VenueConfirmationValidator implements RecordValidator<VenueConfirmation> {
    private static final long serialVersionUID = 1L;
    private final ReferenceData reference;

    public VenueConfirmationValidator(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String violation(VenueConfirmation c) {
        return first(
                Rules.text("eventId", c.getEventId()), Rules.text("confirmId", c.getConfirmId()),
                Rules.text("venue", c.getVenue()), Rules.text("execId", c.getExecId()),
                Rules.text("account", c.getAccount()), Rules.knownInstrument(c.getInstrument(), reference),
                Rules.positive("quantity", c.getQuantity()), Rules.sanePrice("price", c.getPrice(), reference),
                Rules.notNegative("fee", c.getFee()), Rules.text("feeAsset", c.getFeeAsset()));
    }
}
