package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.posttrade.contracts.Decimals;

/**
 * The rounding policy of positions, in one place. Sums, differences and products are exact (BigDecimal, no
 * MathContext), so internal values may carry more than 18 places. Rounding happens only
 * <ul>
 *   <li>where a division happens: the cost an average-cost lot releases on a partial close, the average cost of a
 *       position and a conversion through an inverted price: scale 18, HALF_EVEN ({@link #divide});</li>
 *   <li>when a value leaves for the contracts (Avro decimal(38,18)): HALF_EVEN to scale 18, once
 *       ({@link #out}).</li>
 * </ul>
 * No float or double anywhere.
 */
public final class Amounts {
    public static final int SCALE = Decimals.SCALE;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Amounts() {}

    /** a / b at scale 18, HALF_EVEN: the only division positions perform. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, SCALE, ROUNDING);
    }

    /** The value as the contracts carry it: scale 18, HALF_EVEN. */
    public static BigDecimal out(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, ROUNDING);
    }

    /** Numeric equality, whatever the scales. */
    public static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static BigDecimal requirePositive(BigDecimal value, String name) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    static BigDecimal requireNonNegative(BigDecimal value, String name) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
