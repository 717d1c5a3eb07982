package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.posttrade.schema.CostMethod;

/**
 * The open lots of a position under one cost method, and how a trade closes them.
 * <ul>
 *   <li>FIFO: a trade against the position closes the oldest lots first, each at its own price (exact).</li>
 *   <li>AVERAGE_COST: one pooled lot; a partial close releases cost × closed / quantity (scale 18 HALF_EVEN);
 *       closing the whole lot releases its whole cost.</li>
 * </ul>
 * A trade larger than the position closes it and opens the rest on the other side (long to short and back).
 * Realized P&L of a close = closed quantity × trade price − released cost (signed, so shorts work the same way).
 * Immutable: {@link #trade} returns new lots.
 */
public record CostLots(CostMethod method, List<Lot> lots) {
    public CostLots {
        if (method == null) {
            throw new IllegalArgumentException("cost method is required");
        }
        lots = lots == null ? List.of() : List.copyOf(lots);
        if (method == CostMethod.AVERAGE_COST && lots.size() > 1) {
            throw new IllegalArgumentException("average cost keeps one pooled lot, got " + lots.size());
        }
        for (int i = 1; i < lots.size(); i++) {
            if (lots.get(i).quantity().signum() != lots.get(0).quantity().signum()) {
                throw new IllegalArgumentException("open lots are all long or all short");
            }
        }
    }

    public static CostLots empty(CostMethod method) {
        return new CostLots(method, List.of());
    }

    /** The lots after a trade, and the P&L it realized (quote asset, fees excluded). */
    public record Traded(CostLots lots, BigDecimal realized) {}

    /** Applies a trade of {@code signedQuantity} (+ buy, − sell) at {@code price}. */
    public Traded trade(BigDecimal signedQuantity, BigDecimal price) {
        Amounts.requirePositive(price, "price");
        List<Lot> open = new ArrayList<>(lots);
        BigDecimal remaining = signedQuantity;
        BigDecimal realized = BigDecimal.ZERO;
        while (remaining.signum() != 0 && !open.isEmpty() && open.get(0).quantity().signum() != remaining.signum()) {
            Lot lot = open.get(0);
            BigDecimal closed;
            BigDecimal released;
            if (remaining.abs().compareTo(lot.quantity().abs()) >= 0) {
                closed = lot.quantity();
                released = lot.cost();
                open.remove(0);
                remaining = remaining.add(lot.quantity());
            } else {
                closed = remaining.negate();
                released = lot.releasedCost(closed);
                open.set(0, new Lot(lot.quantity().subtract(closed), lot.price(), lot.cost().subtract(released)));
                remaining = BigDecimal.ZERO;
            }
            realized = realized.add(closed.multiply(price)).subtract(released);
        }
        if (remaining.signum() != 0) {
            if (method == CostMethod.FIFO) {
                open.add(Lot.opened(remaining, price));
            } else if (open.isEmpty()) {
                open.add(Lot.pooled(remaining, remaining.multiply(price)));
            } else {
                Lot pool = open.get(0);
                open.set(0, Lot.pooled(pool.quantity().add(remaining), pool.cost().add(remaining.multiply(price))));
            }
        }
        return new Traded(new CostLots(method, open), realized);
    }

    /** Signed open quantity. */
    public BigDecimal quantity() {
        BigDecimal q = BigDecimal.ZERO;
        for (Lot lot : lots) {
            q = q.add(lot.quantity());
        }
        return q;
    }

    /** Signed cost of the open quantity (negative for a short: the proceeds received). Exact. */
    public BigDecimal costBasis() {
        BigDecimal c = BigDecimal.ZERO;
        for (Lot lot : lots) {
            c = c.add(lot.cost());
        }
        return c;
    }
}
