package org.posttrade.generator;

import org.posttrade.contracts.Stream;
import org.posttrade.schema.BreakType;

/**
 * What the ground truth says about one item. Every fault is injected on its own item (one trade, one settlement
 * obligation, one extra record), so each label is unambiguous; {@link #CLEAN} marks the items that must produce no
 * break, so scorers can compute precision as well as recall.
 */
public enum Label {
    CLEAN(Draw.NONE, null, Outcome.NO_BREAK, "nothing wrong: fills match the booking, confirmations match the fills, the obligation settles"),

    // drawn per trade: at most one of these per trade
    MISSING_CONFIRMATION(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one fill is never confirmed by the venue"),
    LATE_CONFIRMATION(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one fill is confirmed, exactly, but after the venue's deadline plus the configured lateness"),
    DUPLICATE_CONFIRMATION(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.DEDUPLICATED, "one confirmation is delivered twice, byte for byte (same eventId): to be deduplicated, not a break"),
    DUPLICATE_CONFLICT(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one confirmation is delivered again with the same eventId and execId but a price 50 bps off"),
    QUANTITY_MISMATCH(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one confirmation's quantity differs from the fill by max(1 lot, 1%)"),
    PRICE_MISMATCH(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one confirmation's price differs from the fill by at least 50 bps"),
    FEE_MISMATCH(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "one confirmation's fee is 1.5 times the fill's commission"),
    CONFIRMATION_REJECTED(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "the venue answers one fill with status REJECTED (values otherwise equal)"),
    CONFIRMATION_WITHOUT_EXECUTION(Draw.PER_TRADE, Stream.VENUE_CONFIRMATIONS, Outcome.BREAK, "a confirmation of an execId that was never executed (no booking, no fill)"),
    UNBOOKED_EXECUTION(Draw.PER_TRADE, Stream.EXECUTION_REPORTS, Outcome.BREAK, "the order is filled and confirmed but the OMS never booked its clOrdId"),
    UNFILLED_BOOKING(Draw.PER_TRADE, Stream.INTERNAL_TRADES, Outcome.BREAK, "the OMS books an order the venue never fills (no execution reports at all)"),
    OVERFILL(Draw.PER_TRADE, Stream.EXECUTION_REPORTS, Outcome.BREAK, "the fills exceed the booked quantity by max(1 lot, 10%)"),
    SIDE_MISMATCH(Draw.PER_TRADE, Stream.EXECUTION_REPORTS, Outcome.BREAK, "every fill (and the ack) has the opposite side of the booking"),

    // drawn per settlement obligation: at most one of these per obligation
    SETTLEMENT_FAILED(Draw.PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "the movement goes PENDING then FAILED and is not retried"),
    SETTLEMENT_REVERSED(Draw.PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "the movement is CONFIRMED then REVERSED (a chain reorganisation); never on FEDWIRE"),
    SETTLEMENT_MISSING(Draw.PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "no movement at all for the obligation"),
    SETTLEMENT_AMOUNT_MISMATCH(Draw.PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "the movement's amount is 5% off the net obligation"),
    DUPLICATE_MOVEMENT(Draw.PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "the obligation's movement is reported a second time under another movementId (same txHash, amount, reference)"),

    // extra items, drawn independently of the item they are generated next to
    UNEXPECTED_MOVEMENT(Draw.EXTRA_PER_OBLIGATION, Stream.CUSTODIAN_CONFIRMATIONS, Outcome.BREAK, "a movement with a venue, account and asset that have no obligation in the cycle"),
    MALFORMED(Draw.EXTRA_PER_TRADE, null, Outcome.DEAD_LETTER, "a record that cannot be decoded or breaks a business rule (see MalformedKind)");

    /** How the generator decides where the label goes. */
    public enum Draw {
        /** Not drawn: what an item is when no fault was drawn for it. */
        NONE,
        /** Drawn once per trade slot; the trade slot rates together must not exceed 1. */
        PER_TRADE,
        /** Drawn once per settlement obligation; these rates together must not exceed 1. */
        PER_OBLIGATION,
        /** An extra record next to a trade, drawn independently. */
        EXTRA_PER_TRADE,
        /** An extra movement next to an obligation, drawn independently. */
        EXTRA_PER_OBLIGATION
    }

    /** What a correct pipeline does with the item. */
    public enum Outcome { NO_BREAK, BREAK, DEDUPLICATED, DEAD_LETTER }

    private final Draw draw;
    private final Stream stream;
    private final Outcome outcome;
    private final String description;

    Label(Draw draw, Stream stream, Outcome outcome, String description) {
        this.draw = draw;
        this.stream = stream;
        this.outcome = outcome;
        this.description = description;
    }

    public Draw draw() { return draw; }

    /** The stream where the fault shows; null when it depends on the item (CLEAN, MALFORMED). */
    public Stream stream() { return stream; }

    public Outcome outcome() { return outcome; }

    public String description() { return description; }

    public boolean isFault() { return this != CLEAN; }

    /** The break a correct pipeline raises for this label, or null when the expected outcome is not a break. */
    public BreakType breakType() {
        return outcome == Outcome.BREAK ? BreakType.valueOf(name()) : null;
    }
}
