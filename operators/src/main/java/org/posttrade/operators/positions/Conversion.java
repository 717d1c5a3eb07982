package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.List;

/**
 * A rate from one asset to another through the price graph: numerator / denominator, both exact products of the
 * marks on the path (an edge walked from base to quote multiplies the numerator, one walked from quote to base the
 * denominator), so a conversion divides once, at the end.
 */
public record Conversion(String from, String to, BigDecimal numerator, BigDecimal denominator, List<MarkPoint> path) {
    public Conversion {
        path = List.copyOf(path);
    }

    public static Conversion identity(String asset) {
        return new Conversion(asset, asset, BigDecimal.ONE, BigDecimal.ONE, List.of());
    }

    /** amount × rate: exact when no edge was inverted, else one division at scale 18 HALF_EVEN. */
    public BigDecimal convert(BigDecimal amount) {
        BigDecimal product = amount.multiply(numerator);
        return denominator.compareTo(BigDecimal.ONE) == 0 ? product : Amounts.divide(product, denominator);
    }

    /** The rate itself (price of one {@code from} in {@code to}). */
    public BigDecimal rate() {
        return convert(BigDecimal.ONE);
    }

    /** Oldest price time of a mark on the path (reference prices excluded); Long.MAX_VALUE when none. */
    public long oldestMarkTime() {
        long oldest = Long.MAX_VALUE;
        for (MarkPoint m : path) {
            if (!m.reference()) {
                oldest = Math.min(oldest, m.priceTime());
            }
        }
        return oldest;
    }
}
