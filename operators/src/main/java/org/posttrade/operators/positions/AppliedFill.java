package org.posttrade.operators.positions;

import java.math.BigDecimal;

/**
 * A fill version as an instrument position holds it: its terms and its fee in the position's quote asset,
 * converted once, when the version was first applied ({@link FeeConversion}); null while no price converts the
 * fee asset (the position then reports priceStatus MISSING until one does).
 */
public record AppliedFill(PositionFill fill, BigDecimal feeInQuote) {
    public AppliedFill {
        if (fill == null) {
            throw new IllegalArgumentException("fill is required");
        }
        if (feeInQuote != null && feeInQuote.signum() < 0) {
            throw new IllegalArgumentException("a fee is not negative, was " + feeInQuote);
        }
    }

    public static AppliedFill of(PositionFill fill, BigDecimal feeInQuote) {
        return new AppliedFill(fill, feeInQuote);
    }

    public boolean feePending() {
        return feeInQuote == null;
    }
}
