package org.posttrade.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimals as the contracts carry them: every amount, quantity and price has scale 18 (the schemas'
 * {@code decimal(38,18)}). Avro refuses to encode a BigDecimal of another scale, so values are brought to scale 18
 * here, and only here; a value with more than 18 places is refused rather than silently rounded.
 */
public final class Decimals {
    public static final int SCALE = 18;
    public static final int PRECISION = 38;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Decimals() {}

    /** The value at scale 18; throws ArithmeticException if that would lose digits or exceed 38 digits. */
    public static BigDecimal of(BigDecimal value) {
        BigDecimal scaled = value.setScale(SCALE, RoundingMode.UNNECESSARY);
        if (scaled.precision() > PRECISION) {
            throw new ArithmeticException("decimal " + value.toPlainString() + " exceeds " + PRECISION + " digits");
        }
        return scaled;
    }

    /** Parses a plain decimal string at scale 18 (e.g. "0.015"). */
    public static BigDecimal of(String value) {
        return of(new BigDecimal(value));
    }

    /** Rounds to scale 18 half-even: for computed values (products, quotients) where rounding is documented. */
    public static BigDecimal rounded(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
