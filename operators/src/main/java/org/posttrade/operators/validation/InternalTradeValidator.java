package org.posttrade.operators.validation;

import static org.posttrade.operators.validation.Rules.first;

import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.PriceType;

/** Rules for OMS bookings. */
public final class InternalTradeValidator implements RecordValidator<InternalTrade> {
    private static final long serialVersionUID = 1L;
    private final ReferenceData reference;

    public InternalTradeValidator(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String violation(InternalTrade t) {
        String common = first(
                Rules.text("eventId", t.getEventId()), Rules.text("tradeId", t.getTradeId()),
                Rules.text("clOrdId", t.getClOrdId()), Rules.text("account", t.getAccount()),
                Rules.text("desk", t.getDesk()), Rules.text("intendedVenue", t.getIntendedVenue()),
                Rules.knownInstrument(t.getInstrument(), reference),
                Rules.positive("orderedQty", t.getOrderedQty()),
                t.getVersion() >= 1 ? null : "version must be 1 or more, was " + t.getVersion());
        if (common != null) {
            return common;
        }
        if (t.getPriceType() == PriceType.LIMIT) {
            return Rules.sanePrice("limitPrice", t.getLimitPrice(), reference);
        }
        if (t.getPriceType() == PriceType.AVERAGE) {
            return Rules.sanePrice("averagePrice", t.getAveragePrice(), reference);
        }
        return null;
    }
}
