package org.posttrade.operators.reconciliation;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How far an actual amount may be from the expected one and still match: an absolute amount (in the unit compared)
 * or a relative amount in basis points of the expected value, whichever is larger. Immutable; exact decimals only.
 */
public final class Tolerance implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final BigDecimal BPS = new BigDecimal(10_000);

    public static final Tolerance EXACT = new Tolerance(BigDecimal.ZERO, BigDecimal.ZERO);

    private final BigDecimal absolute;
    private final BigDecimal bps;

    private Tolerance(BigDecimal absolute, BigDecimal bps) {
        this.absolute = absolute;
        this.bps = bps;
    }

    public static Tolerance of(BigDecimal absolute, BigDecimal bps) {
        Objects.requireNonNull(absolute, "absolute");
        Objects.requireNonNull(bps, "bps");
        if (absolute.signum() < 0 || bps.signum() < 0) {
            throw new IllegalArgumentException("tolerances must not be negative: abs " + absolute.toPlainString()
                    + ", bps " + bps.toPlainString());
        }
        return new Tolerance(absolute, bps);
    }

    public static Tolerance absolute(BigDecimal absolute) {
        return of(absolute, BigDecimal.ZERO);
    }

    /** The allowed absolute difference around {@code expected}: max(abs, |expected| * bps / 10 000). */
    public BigDecimal allowance(BigDecimal expected) {
        BigDecimal relative = expected.abs().multiply(bps).divide(BPS);
        return relative.compareTo(absolute) > 0 ? relative : absolute;
    }

    public boolean within(BigDecimal expected, BigDecimal actual) {
        return actual.subtract(expected).abs().compareTo(allowance(expected)) <= 0;
    }

    public BigDecimal absoluteAmount() { return absolute; }

    public BigDecimal bps() { return bps; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tolerance t && absolute.compareTo(t.absolute) == 0 && bps.compareTo(t.bps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(absolute.stripTrailingZeros(), bps.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return "Tolerance[abs " + absolute.toPlainString() + ", " + bps.toPlainString() + " bps]";
    }
}
