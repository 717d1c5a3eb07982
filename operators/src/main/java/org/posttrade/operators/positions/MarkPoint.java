package org.posttrade.operators.positions;

import java.math.BigDecimal;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.MarkPrice;

/**
 * One edge of the price graph: 1 {@code baseAsset} = {@code price} {@code quoteAsset} as of {@code priceTime}.
 * A mark price read from the stream carries its evidence; a configured reference price
 * ({@code positions.reference-price.<SYMBOL>}) has none and {@code reference} set: it is used only for a symbol
 * that has no mark, and is never stale.
 */
public record MarkPoint(String symbol, String baseAsset, String quoteAsset, BigDecimal price, long priceTime,
                        boolean reference, EvidenceRef evidence) {
    public MarkPoint {
        Amounts.requireText(symbol, "symbol");
        Amounts.requireText(baseAsset, "baseAsset");
        Amounts.requireText(quoteAsset, "quoteAsset");
        Amounts.requirePositive(price, "price of " + symbol);
        if (baseAsset.equals(quoteAsset)) {
            throw new IllegalArgumentException(symbol + " prices an asset in itself");
        }
    }

    public static MarkPoint of(Sourced<MarkPrice> in) {
        MarkPrice m = in.getValue();
        return new MarkPoint(m.getInstrument().getSymbol(), m.getInstrument().getBaseAsset(),
                m.getInstrument().getQuoteAsset(), m.getPrice(), m.getPriceTime().toEpochMilli(), false,
                in.evidence(m.getEventId()));
    }

    /** A configured price for a symbol BASE-QUOTE that has no mark. */
    public static MarkPoint reference(String symbol, BigDecimal price) {
        int dash = symbol.indexOf('-');
        if (dash <= 0 || dash == symbol.length() - 1 || symbol.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("a reference price needs a symbol BASE-QUOTE, got " + symbol);
        }
        return new MarkPoint(symbol, symbol.substring(0, dash), symbol.substring(dash + 1), price, Long.MIN_VALUE,
                true, null);
    }

    /** Whether this mark should replace {@code current} for its symbol: later price time wins, then eventId. */
    public boolean supersedes(MarkPoint current) {
        if (current == null || current.reference && !reference) {
            return true;
        }
        if (reference && !current.reference) {
            return false;
        }
        if (priceTime != current.priceTime) {
            return priceTime > current.priceTime;
        }
        String mine = evidence == null ? "" : evidence.getEventId();
        String theirs = current.evidence == null ? "" : current.evidence.getEventId();
        return mine.compareTo(theirs) > 0 || mine.equals(theirs) && price.compareTo(current.price) > 0;
    }
}
