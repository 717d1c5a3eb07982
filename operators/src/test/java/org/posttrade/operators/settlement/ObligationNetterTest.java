package org.posttrade.operators.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.settlement.SettlementFixtures.CUTOFF;
import static org.posttrade.operators.settlement.SettlementFixtures.fill;
import static org.posttrade.operators.settlement.SettlementFixtures.min;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.schema.Side;

class ObligationNetterTest {
    KeyedOneInputStreamOperatorTestHarness<String, EffectiveFill, Obligation> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ObligationNetter(SettlementFixtures.config()),
                ObligationNetter.KEY, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    void process(EffectiveFill f) throws Exception {
        harness.processElement(new StreamRecord<>(f, f.getChangeTime()));
    }

    Map<String, Obligation> byAsset() {
        return harness.extractOutputValues().stream().collect(Collectors.toMap(Obligation::getAsset, o -> o, (a, b) -> b));
    }

    @Test
    void netsBuysSellsAndFeesPerAssetAtTheCutoff() throws Exception {
        process(fill("E-1", Side.BUY, "0.5", "64000", "0.0001", "BNB", min(10)));
        process(fill("E-2", Side.SELL, "0.2", "64100", "5.128", "USDT", min(20)));
        process(fill("E-3", Side.BUY, "1", "64000", "0", "USDT", min(61))); // next cycle
        harness.processWatermark(new Watermark(CUTOFF - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(new Watermark(CUTOFF));
        Map<String, Obligation> out = byAsset();
        assertThat(out).containsOnlyKeys("BTC", "USDT", "BNB");
        assertThat(out.get("BTC").getNetAmount()).isEqualByComparingTo("0.3");
        // -0.5*64000 + 0.2*64100 - 5.128
        assertThat(out.get("USDT").getNetAmount()).isEqualByComparingTo("-19185.128");
        assertThat(out.get("BNB").getNetAmount()).isEqualByComparingTo("-0.0001");
        Obligation btc = out.get("BTC");
        assertThat(btc.getInstructionId()).isEqualTo("BINANCE/ACC-1/BTC/BINANCE/2026-11-22T10:00Z");
        assertThat(btc.getRevision()).isEqualTo(1);
        assertThat(btc.getCutoff()).isEqualTo(CUTOFF);
        assertThat(btc.getDeadline()).isEqualTo(CUTOFF + 2 * 3_600_000);
        assertThat(btc.getTradeKeys()).containsExactly("BINANCE/E-1", "BINANCE/E-2");
        assertThat(out.get("BNB").getTradeKeys()).containsExactly("BINANCE/E-1");
        assertThat(btc.getEvidence()).extracting(e -> e.getEventId()).containsExactly("BINANCE/E-1", "BINANCE/E-2");
        assertThat(harness.getOutput()).filteredOn(r -> r instanceof StreamRecord<?>).allSatisfy(r ->
                assertThat(((StreamRecord<?>) r).getTimestamp()).isEqualTo(CUTOFF));

        harness.processWatermark(new Watermark(CUTOFF + 3_600_000 * 2));
        assertThat(harness.extractOutputValues()).hasSize(3 + 2); // the next cycle: BTC and USDT
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCorrectionReplacesItsFillAndABustLeavesItOut() throws Exception {
        process(fill("E-1", Side.BUY, "1", "64000", "0", "USDT", min(10)));
        EffectiveFill corrected = fill("E-1", Side.BUY, "1", "63900", "0", "USDT", min(10));
        corrected.setVersion(2);
        process(corrected);
        process(fill("E-1", Side.BUY, "1", "64000", "0", "USDT", min(10))); // a stale version changes nothing
        EffectiveFill busted = fill("E-2", Side.BUY, "2", "64000", "0", "USDT", min(15));
        busted.setVersion(2);
        busted.setBusted(true);
        busted.setQuantity(Decimals.ZERO);
        process(busted);
        harness.processWatermark(new Watermark(CUTOFF));
        Map<String, Obligation> out = byAsset();
        assertThat(out.get("USDT").getNetAmount()).isEqualByComparingTo("-63900");
        assertThat(out.get("BTC").getTradeKeys()).containsExactly("BINANCE/E-1");
    }

    @Test
    void aLateCorrectionWithinTheAmendmentWindowAmendsTheObligation() throws Exception {
        process(fill("E-1", Side.BUY, "1", "64000", "0", "USDT", min(10)));
        harness.processWatermark(new Watermark(CUTOFF + 60_000));
        EffectiveFill corrected = fill("E-1", Side.BUY, "1", "63900", "0", "USDT", min(10));
        corrected.setVersion(2);
        corrected.setChangeTime(CUTOFF + 120_000);
        process(corrected);
        List<Obligation> out = harness.extractOutputValues();
        assertThat(out).extracting(Obligation::getAsset, Obligation::getRevision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC", 1), org.assertj.core.groups.Tuple.tuple("USDT", 1),
                        org.assertj.core.groups.Tuple.tuple("BTC", 2), org.assertj.core.groups.Tuple.tuple("USDT", 2));
        assertThat(out.get(3).getNetAmount()).isEqualByComparingTo("-63900");

        harness.processWatermark(new Watermark(CUTOFF + 31 * 60_000));
        EffectiveFill tooLate = fill("E-1", Side.BUY, "1", "63800", "0", "USDT", min(10));
        tooLate.setVersion(3);
        process(tooLate);
        assertThat(harness.extractOutputValues()).hasSize(4);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
