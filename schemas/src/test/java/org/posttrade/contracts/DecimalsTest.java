package org.posttrade.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void bringsValuesToTheContractScaleWithoutChangingThem() {
        BigDecimal value = Decimals.of("0.015");
        assertThat(value.scale()).isEqualTo(18);
        assertThat(value.compareTo(new BigDecimal("0.015"))).isZero();
    }

    @Test
    void refusesValuesThatWouldLoseDigits() {
        assertThatThrownBy(() -> Decimals.of("0.0000000000000000001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesValuesBeyondThirtyEightDigits() {
        assertThatThrownBy(() -> Decimals.of("123456789012345678901")).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("38 digits");
    }

    @Test
    void roundsComputedValuesHalfEven() {
        assertThat(Decimals.rounded(new BigDecimal("1.0000000000000000005"))).isEqualByComparingTo("1.000000000000000000");
        assertThat(Decimals.rounded(new BigDecimal("1.0000000000000000015"))).isEqualByComparingTo("1.000000000000000002");
    }
}
