package org.posttrade.operators.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.operators.testing.Samples;
import org.posttrade.schema.Instrument;

class ValidatorsTest {

    final ExecutionReportValidator executions = new ExecutionReportValidator(ReferenceData.defaults());

    @Test
    void aValidFillHasNoViolation() {
        assertThat(executions.violation(Samples.fill("E").build())).isNull();
    }

    @Test
    void instrumentAssetsMustAgreeWithReferenceData() {
        assertThat(executions.violation(Samples.fill("E").setInstrument(new Instrument("BTC-USDT", "BTC", "USDC")).build()))
                .isEqualTo("instrument BTC-USDT has assets BTC/USDC, reference data says BTC/USDT");
    }

    @Test
    void pricesBeyondTheSanityBoundAreRefused() {
        ReferenceData reference = ReferenceData.of(List.of("BTC-USDT"), new BigDecimal("1000000"));
        assertThat(new ExecutionReportValidator(reference)
                .violation(Samples.fill("E").setLastPx(Decimals.of("2000000")).build()))
                .isEqualTo("TRADE: lastPx 2000000 exceeds the sanity bound 1000000");
    }

    @Test
    void aCommissionNeedsItsAsset() {
        assertThat(executions.violation(Samples.fill("E").setCommissionAsset(null).build()))
                .isEqualTo("commissionAsset is missing for a non-zero commission");
    }

    @Test
    void referenceDataRefusesMalformedSymbols() {
        assertThatThrownBy(() -> ReferenceData.of(List.of("BTCUSDT"), BigDecimal.ONE))
                .hasMessageContaining("BASE-QUOTE");
    }
}
