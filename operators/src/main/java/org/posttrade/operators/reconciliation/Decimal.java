package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.posttrade.contracts.Decimals;

/** Small helpers over exact decimals: comparison by value and text for people. */
final class Decimal {
    private Decimal() {}

    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static String text(BigDecimal value) {
        return value == null ? "none" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static BigDecimal orZero(BigDecimal value) {
        return value == null ? Decimals.ZERO : value;
    }

    /** a - b at scale 18, as the schemas carry it. */
    static BigDecimal difference(BigDecimal actual, BigDecimal expected) {
        return Decimals.rounded(actual.subtract(expected));
    }

    /** Volume-weighted average price, rounded half-even to 18 places; null for no volume. */
    static BigDecimal vwap(BigDecimal notional, BigDecimal quantity) {
        return quantity.signum() == 0 ? null : notional.divide(quantity, Decimals.SCALE, RoundingMode.HALF_EVEN);
    }
}
