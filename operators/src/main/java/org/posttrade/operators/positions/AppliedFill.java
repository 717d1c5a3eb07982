package org.posttrade.operators.positions;

import java.math.BigDecimal;

/**
 * A fill version as an instrument position holds it: its terms and its fee in the position's quote asset,
 * converted once, when the version was first applied ({@link FeeConversion}); null while no price converts the
 * fee asset (the position then reports priceStatus MISSING until one does). {@code appliedAt} is the processing
 * time the version reached the position, which decides when it may be compacted ({@link InstrumentPositions}).
 */
public record AppliedFill(PositionFill fill, BigDecimal feeInQuote, long appliedAt) {
    public AppliedFill {
        if (fill == null) {
            throw new IllegalArgumentException("fill is required");
        }
        if (feeInQuote != null && feeInQuote.signum() < 0) {
            throw new IllegalArgumentException("a fee is not negative, was " + feeInQuote);
        }
    }

    /** A fill outside an operator (tests, whole replays): applied at time 0. */
    public static AppliedFill of(PositionFill fill, BigDecimal feeInQuote) {
        return new AppliedFill(fill, feeInQuote, 0L);
    }

    public static AppliedFill of(PositionFill fill, BigDecimal feeInQuote, long appliedAt) {
        return new AppliedFill(fill, feeInQuote, appliedAt);
    }

    /** The same version with its fee converted now that a price is known. */
    public AppliedFill withFee(BigDecimal converted) {
        return new AppliedFill(fill, converted, appliedAt);
    }

    public boolean feePending() {
        return feeInQuote == null;
    }
}
