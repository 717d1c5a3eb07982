package org.posttrade.operators.validation;

import static org.posttrade.operators.validation.Rules.first;

import org.posttrade.schema.MarkPrice;

/** Rules for mark prices. */
public final class MarkPriceValidator implements RecordValidator<MarkPrice> {
    private static final long serialVersionUID = 1L;
    private final ReferenceData reference;

    public MarkPriceValidator(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String violation(MarkPrice p) {
        return first(Rules.text("eventId", p.getEventId()), Rules.text("priceSource", p.getPriceSource()),
                Rules.knownInstrument(p.getInstrument(), reference), Rules.sanePrice("price", p.getPrice(), reference));
    }
}
