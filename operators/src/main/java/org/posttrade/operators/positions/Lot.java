package org.posttrade.operators.positions;

import java.math.BigDecimal;

/**
 * An open lot: a signed quantity (negative = short) and its cost in quote asset (signed like the quantity: the
 * proceeds received for a short). FIFO lots keep the price they were opened at (cost = quantity × price, exact);
 * the one average-cost lot has no price, only its accumulated cost.
 */
public record Lot(BigDecimal quantity, BigDecimal price, BigDecimal cost) {
    public Lot {
        if (quantity == null || quantity.signum() == 0) {
            throw new IllegalArgumentException("a lot has a non-zero quantity, was " + quantity);
        }
        if (cost == null) {
            throw new IllegalArgumentException("a lot has a cost");
        }
        if (price != null && price.signum() <= 0) {
            throw new IllegalArgumentException("a lot's price must be positive, was " + price);
        }
    }

    /** A lot opened at one price: cost = quantity × price. */
    public static Lot opened(BigDecimal quantity, BigDecimal price) {
        return new Lot(quantity, price, quantity.multiply(price));
    }

    /** A pooled (average-cost) lot. */
    public static Lot pooled(BigDecimal quantity, BigDecimal cost) {
        return new Lot(quantity, null, cost);
    }

    /**
     * The cost released when {@code closed} (same sign as the lot, |closed| < |quantity|) of this lot is closed:
     * closed × price for a priced (FIFO) lot, exact; cost × closed / quantity for a pooled lot, the one division,
     * at scale 18 HALF_EVEN (the rounding remainder stays in the lot's cost, so nothing is lost).
     */
    BigDecimal releasedCost(BigDecimal closed) {
        return price != null ? closed.multiply(price) : Amounts.divide(cost.multiply(closed), quantity);
    }
}
