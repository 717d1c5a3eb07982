package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.posttrade.schema.CostMethod;

/**
 * An instrument position (account × instrument) as the fold of its fills, in {@link PositionFill#orderKey()}
 * order (execution time, then fillId), so the result does not depend on the order the fills arrived in.
 *
 * <p>Definitions (all in the instrument's quote asset, exact until they leave through {@link Amounts#out}):
 * <ul>
 *   <li>quantity = Σ signed fill quantities (fees never change it);</li>
 *   <li>costBasis = signed cost of the open lots ({@link CostLots}); tradeCost = Σ signed quantity × price;</li>
 *   <li>fees = Σ fees converted to the quote asset; they are expensed when paid: realized P&L includes them,
 *       the cost basis does not;</li>
 *   <li>realizedPnl = realized trading P&L of the closes − fees;</li>
 *   <li>unrealizedPnl(mark) = quantity × mark − costBasis.</li>
 * </ul>
 * Hence, exactly, for FIFO and average cost alike:
 * {@code realizedPnl + unrealizedPnl = quantity × mark − tradeCost − fees} (market value minus the net cost of all
 * trades minus fees), because every close moves released cost from the basis into realized P&L.
 */
public record PositionBook(CostLots lots, BigDecimal realizedTrading, BigDecimal fees, BigDecimal tradeCost,
                           int fills, int pendingFees, String lastOrderKey, long lastExecutionTime) {

    public PositionBook {
        if (lots == null || realizedTrading == null || fees == null || tradeCost == null) {
            throw new IllegalArgumentException("lots, realizedTrading, fees and tradeCost are required");
        }
    }

    public static PositionBook empty(CostMethod method) {
        return new PositionBook(CostLots.empty(method), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, null,
                Long.MIN_VALUE);
    }

    /** All fills folded in their order. */
    public static PositionBook replay(CostMethod method, Collection<AppliedFill> fills) {
        return empty(method).replayOnto(fills);
    }

    /**
     * This book (the fold of fills compacted earlier) followed by {@code fills} in their order. A fill that sorts
     * before this book's last one (one that arrived after the fills around it were compacted) is folded after
     * them: only then does the order of arrival matter, and only for which lots it opens or closes.
     */
    public PositionBook replayOnto(Collection<AppliedFill> fills) {
        List<AppliedFill> ordered = new ArrayList<>(fills);
        ordered.sort(Comparator.comparing(a -> a.fill().orderKey()));
        PositionBook book = this;
        for (AppliedFill a : ordered) {
            book = book.fold(a);
        }
        return book;
    }

    /**
     * Whether {@code fill} can be folded onto this book as it is: it comes after every fill applied so far.
     * Otherwise the position must be replayed (a late or out-of-order fill, a correction, a bust).
     */
    public boolean appendable(PositionFill fill) {
        return lastOrderKey == null || fill.orderKey().compareTo(lastOrderKey) > 0;
    }

    /** The book after one more fill (which must be {@link #appendable}). */
    public PositionBook apply(AppliedFill a) {
        PositionFill f = a.fill();
        if (!appendable(f)) {
            throw new IllegalArgumentException("fill " + f.fillId() + " does not come after " + lastOrderKey
                    + ": replay the position instead");
        }
        return fold(a);
    }

    /** The book after one more fill, wherever it sorts; the last order key stays the greatest one seen. */
    PositionBook fold(AppliedFill a) {
        PositionFill f = a.fill();
        CostLots.Traded traded = lots.trade(f.signedQuantity(), f.price());
        String last = lastOrderKey == null || f.orderKey().compareTo(lastOrderKey) > 0 ? f.orderKey() : lastOrderKey;
        return new PositionBook(traded.lots(), realizedTrading.add(traded.realized()),
                a.feePending() ? fees : fees.add(a.feeInQuote()), tradeCost.add(f.signedCost()), fills + 1,
                pendingFees + (a.feePending() ? 1 : 0), last, Math.max(lastExecutionTime, f.executionTime()));
    }

    public CostMethod method() {
        return lots.method();
    }

    public BigDecimal quantity() {
        return lots.quantity();
    }

    public BigDecimal costBasis() {
        return lots.costBasis();
    }

    /** |costBasis| / |quantity| at scale 18 HALF_EVEN; zero when flat. */
    public BigDecimal averageCost() {
        BigDecimal q = quantity();
        return q.signum() == 0 ? BigDecimal.ZERO : Amounts.divide(costBasis().abs(), q.abs());
    }

    /** Realized P&L, fees included (converted fees only: see {@link #pendingFees}). */
    public BigDecimal realizedPnl() {
        return realizedTrading.subtract(fees);
    }

    /** quantity × mark − costBasis (exact). */
    public BigDecimal unrealizedPnl(BigDecimal mark) {
        return quantity().multiply(mark).subtract(costBasis());
    }

    public boolean flat() {
        return quantity().signum() == 0;
    }
}
