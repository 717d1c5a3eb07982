package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.reconciliation.ReconFixtures.T0;
import static org.posttrade.operators.reconciliation.ReconFixtures.at;
import static org.posttrade.operators.reconciliation.ReconFixtures.bust;
import static org.posttrade.operators.reconciliation.ReconFixtures.busted;
import static org.posttrade.operators.reconciliation.ReconFixtures.conf;
import static org.posttrade.operators.reconciliation.ReconFixtures.confirmation;
import static org.posttrade.operators.reconciliation.ReconFixtures.correction;
import static org.posttrade.operators.reconciliation.ReconFixtures.corrected;
import static org.posttrade.operators.reconciliation.ReconFixtures.effective;
import static org.posttrade.operators.reconciliation.ReconFixtures.fill;
import static org.posttrade.operators.reconciliation.ReconFixtures.instant;
import static org.posttrade.operators.reconciliation.ReconFixtures.min;
import static org.posttrade.operators.reconciliation.ReconFixtures.values;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.ReconciliationConfig.Option;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.Severity;
import org.posttrade.schema.Side;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;

class ConfirmationMatcherTest {
    static final String KEY = "BINANCE/BTC-USDT/E-1";

    KeyedTwoInputStreamOperatorTestHarness<String, EffectiveFill, Sourced<VenueConfirmation>, ReconciliationBreak> harness;
    ConfirmationMatcher matcher;

    void start(ReconciliationConfig config) throws Exception {
        matcher = new ConfirmationMatcher(config);
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(matcher, ConfirmationMatcher.FILL_KEY,
                ConfirmationMatcher.CONFIRMATION_KEY, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    void fill(EffectiveFill f) throws Exception {
        harness.processElement1(f, f.getChangeTime());
    }

    void confirm(VenueConfirmation c, long offset) throws Exception {
        harness.processElement2(conf(c, offset), c.getConfirmTime().toEpochMilli());
    }

    void watermark(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
    }

    List<ReconciliationBreak> breaks() {
        return harness.extractOutputValues();
    }

    List<TradeLifecycleEvent> lifecycle() {
        return values(harness.getSideOutput(ReconciliationOutputs.LIFECYCLE));
    }

    static ReconciliationBreak only(List<ReconciliationBreak> breaks, BreakType type, int version) {
        List<ReconciliationBreak> found = breaks.stream()
                .filter(b -> b.getBreakType() == type && b.getVersion() == version).toList();
        assertThat(found).as(type + " v" + version + " in " + breaks).hasSize(1);
        return found.get(0);
    }

    // ---- complete matches

    @Test
    void aFillAndItsConfirmationMatchWithoutBreaksAndLeaveNoState() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").build(), 7);

        assertThat(breaks()).isEmpty();
        assertThat(lifecycle()).singleElement().satisfies(e -> {
            assertThat(e.getState()).isEqualTo(LifecycleState.CONFIRMED);
            assertThat(e.getTradeKey()).isEqualTo("BINANCE/E-1");
            assertThat(e.getVersion()).isEqualTo(11L);
            assertThat(e.getEvidence()).extracting(EvidenceRef::getEventType)
                    .containsExactlyInAnyOrder("ExecutionReport", "VenueConfirmation");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aConfirmationBeforeItsFillMatchesToo() throws Exception {
        start(ReconFixtures.config());
        confirm(confirmation("E-1").build(), 7);
        fill(effective("E-1"));

        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void differencesWithinTheToleranceMatch() throws Exception {
        start(ReconFixtures.config().toBuilder()
                .set(Option.LOT_SIZE, "0.001", "BTC-USDT").set(Option.QUANTITY_TOLERANCE_LOTS, "1")
                .set(Option.FEE_TOLERANCE_ABS, "0.00001").build());
        fill(effective("E-1"));
        // 5 bps of 64000.5 is 32.00025; one lot is 0.001
        confirm(confirmation("E-1").setPrice(Decimals.of("64032.5")).setQuantity(Decimals.of("0.501"))
                .setFee(Decimals.of("0.00011")).build(), 7);

        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    // ---- missing, late and unexpected confirmations

    @Test
    void aFillWithoutConfirmationOpensMissingConfirmationAtTheVenueDeadline() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        watermark(min(2) - 1);
        assertThat(breaks()).isEmpty();

        watermark(min(2));
        ReconciliationBreak missing = only(breaks(), BreakType.MISSING_CONFIRMATION, 1);
        assertThat(missing.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(missing.getBreakId()).isEqualTo(BreakIds.of(BreakType.MISSING_CONFIRMATION, KEY, "confirmation"));
        assertThat(missing.getMatchKey()).isEqualTo(KEY);
        assertThat(missing.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(missing.getDetectedTime()).isEqualTo(instant(min(2)));
        assertThat(missing.getEventTime()).isEqualTo(instant(min(2)));
        assertThat(missing.getResolvedTime()).isNull();
        assertThat(missing.getVenue()).isEqualTo("BINANCE");
        assertThat(missing.getAccount()).isEqualTo("ACC-1");
        assertThat(missing.getInstrument()).isEqualTo("BTC-USDT");
        assertThat(missing.getEvidence()).singleElement().satisfies(e -> {
            assertThat(e.getEventType()).isEqualTo("ExecutionReport");
            assertThat(e.getEventId()).isEqualTo("BINANCE/E-1");
            assertThat(e.getTopic()).isEqualTo(ReconFixtures.EXECUTIONS);
            assertThat(e.getPartition()).isEqualTo(0);
            assertThat(e.getOffset()).isEqualTo(100L);
        });
        assertThat(harness.numKeyedStateEntries()).isPositive();
    }

    @Test
    void theDefaultDeadlineAppliesToVenuesWithoutTheirOwn() throws Exception {
        start(ReconFixtures.config());
        EffectiveFill kraken = effective(ReconFixtures.fill("E-1").setVenue("KRAKEN").setEventId("KRAKEN/E-1").build(), 100);
        fill(kraken);
        watermark(min(5) - 1);
        assertThat(breaks()).isEmpty();
        watermark(min(5));
        assertThat(only(breaks(), BreakType.MISSING_CONFIRMATION, 1).getMatchKey()).isEqualTo("KRAKEN/BTC-USDT/E-1");
    }

    @Test
    void aLateConfirmationResolvesMissingConfirmationAndIsRecordedAsLate() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        watermark(min(2));
        confirm(confirmation("E-1").setConfirmTime(T0.plusSeconds(180)).build(), 7);

        ReconciliationBreak resolved = only(breaks(), BreakType.MISSING_CONFIRMATION, 2);
        assertThat(resolved.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(resolved.getBreakId()).isEqualTo(only(breaks(), BreakType.MISSING_CONFIRMATION, 1).getBreakId());
        assertThat(resolved.getDetectedTime()).isEqualTo(instant(min(2)));
        assertThat(resolved.getResolvedTime()).isEqualTo(instant(min(3)));
        assertThat(resolved.getDescription()).startsWith("Auto-resolved after PT1M");
        assertThat(resolved.getEvidence()).extracting(EvidenceRef::getEventType)
                .containsExactlyInAnyOrder("ExecutionReport", "VenueConfirmation");

        ReconciliationBreak late = only(breaks(), BreakType.LATE_CONFIRMATION, 1);
        assertThat(late.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(late.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(late.getExpectedValue()).isEqualTo(instant(min(2)).toString());
        assertThat(late.getActualValue()).isEqualTo(instant(min(3)).toString());
        assertThat(late.getDifference()).isEqualByComparingTo("60");
        assertThat(late.getDifference().scale()).isEqualTo(Decimals.SCALE);
        assertThat(breaks()).hasSize(3);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aConfirmationAfterTheDeadlineIsLateEvenBeforeTheWatermarkGetsThere() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setConfirmTime(T0.plusSeconds(150)).build(), 7);

        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.LATE_CONFIRMATION);
            assertThat(b.getDifference()).isEqualByComparingTo("30");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aConfirmationWithoutExecutionOpensAfterTheGraceAndResolvesWhenTheFillArrivesLate() throws Exception {
        start(ReconFixtures.config());
        confirm(confirmation("E-1").build(), 7);
        watermark(at(Duration.ofSeconds(30 + 300)));

        ReconciliationBreak open = only(breaks(), BreakType.CONFIRMATION_WITHOUT_EXECUTION, 1);
        assertThat(open.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(open.getDetectedTime()).isEqualTo(T0.plusSeconds(330));
        assertThat(open.getEvidence()).extracting(EvidenceRef::getEventId).containsExactly("BINANCE/CF-E-1");

        // the fill is far behind the watermark: it is still matched, never dropped
        fill(effective("E-1"));
        ReconciliationBreak resolved = only(breaks(), BreakType.CONFIRMATION_WITHOUT_EXECUTION, 2);
        assertThat(resolved.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(resolved.getResolvedTime()).isEqualTo(T0);
        assertThat(breaks()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRejectionOfAFillTheFirmNeverReceivedClearsWithoutABreak() throws Exception {
        start(ReconFixtures.config());
        confirm(confirmation("E-1").setStatus(ConfirmationStatus.REJECTED).setRejectReason("no such trade").build(), 7);
        watermark(min(10));

        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    // ---- mismatches

    @Test
    void aQuantityBeyondTheLotToleranceIsAQuantityMismatch() throws Exception {
        start(ReconFixtures.config().toBuilder()
                .set(Option.LOT_SIZE, "0.001", "BTC-USDT").set(Option.QUANTITY_TOLERANCE_LOTS, "1").build());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setQuantity(Decimals.of("0.502")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides

        ReconciliationBreak b = only(breaks(), BreakType.QUANTITY_MISMATCH, 1);
        assertThat(b.getField()).isEqualTo("quantity");
        assertThat(b.getExpectedValue()).isEqualTo("0.5");
        assertThat(b.getActualValue()).isEqualTo("0.502");
        assertThat(b.getDifference()).isEqualByComparingTo("0.002");
        assertThat(b.getDetectedTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(breaks()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
    }

    @Test
    void aPriceBeyondTheVenueBpsToleranceIsAPriceMismatch() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("64033")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides

        ReconciliationBreak b = only(breaks(), BreakType.PRICE_MISMATCH, 1);
        assertThat(b.getField()).isEqualTo("price");
        assertThat(b.getExpectedValue()).isEqualTo("64000.5");
        assertThat(b.getActualValue()).isEqualTo("64033");
        assertThat(b.getDifference()).isEqualByComparingTo("32.5");
    }

    @Test
    void anAbsolutePriceToleranceForOneInstrumentAtOneVenueWins() throws Exception {
        start(ReconFixtures.config().toBuilder().set(Option.PRICE_TOLERANCE_ABS, "50", "BINANCE", "BTC-USDT").build());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("64040")).build(), 7);

        assertThat(breaks()).isEmpty();
    }

    @Test
    void aDifferentFeeAmountAndFeeAssetAreTwoFeeMismatches() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setFee(Decimals.of("3.2")).setFeeAsset("USDT").build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides

        List<ReconciliationBreak> fees = breaks().stream().filter(b -> b.getBreakType() == BreakType.FEE_MISMATCH).toList();
        assertThat(fees).extracting(ReconciliationBreak::getField).containsExactlyInAnyOrder("fee", "feeAsset");
        assertThat(fees).extracting(ReconciliationBreak::getBreakId).doesNotHaveDuplicates();
        ReconciliationBreak asset = fees.stream().filter(b -> b.getField().equals("feeAsset")).findFirst().orElseThrow();
        assertThat(asset.getExpectedValue()).isEqualTo("BNB");
        assertThat(asset.getActualValue()).isEqualTo("USDT");
        assertThat(asset.getAsset()).isEqualTo("USDT");
        assertThat(breaks()).hasSize(2);
    }

    @Test
    void aDifferentSideIsASideMismatch() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setSide(Side.SELL).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides

        ReconciliationBreak b = only(breaks(), BreakType.SIDE_MISMATCH, 1);
        assertThat(b.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(b.getExpectedValue()).isEqualTo("BUY");
        assertThat(b.getActualValue()).isEqualTo("SELL");
        assertThat(b.getDifference()).isNull();
        assertThat(breaks()).hasSize(1);
    }

    @Test
    void anAmendedConfirmationThatAgreesResolvesTheMismatch() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setQuantity(Decimals.of("0.6")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides
        confirm(confirmation("E-1").setEventId("BINANCE/CF-E-1-A").setConfirmId("CF-E-1-A")
                .setStatus(ConfirmationStatus.AMENDED).setConfirmTime(T0.plusSeconds(60)).build(), 8);

        ReconciliationBreak resolved = only(breaks(), BreakType.QUANTITY_MISMATCH, 2);
        assertThat(resolved.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(resolved.getResolvedTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(resolved.getEvidence()).extracting(EvidenceRef::getOffset).contains(7L, 8L, 100L);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCorrectionOfTheFillThatAgreesResolvesTheMismatchAndOlderVersionsAreIgnored() throws Exception {
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        fill(original);
        confirm(confirmation("E-1").setQuantity(Decimals.of("0.6")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides
        assertThat(only(breaks(), BreakType.QUANTITY_MISMATCH, 1).getStatus()).isEqualTo(BreakStatus.OPEN);

        fill(original); // a replay of version 1 changes nothing
        assertThat(breaks()).hasSize(1);

        EffectiveFill v2 = corrected(original, correction("E-2", "E-1").setLastQty(Decimals.of("0.6"))
                .setTransactTime(T0.plusSeconds(40)).build(), 101);
        fill(v2);
        assertThat(only(breaks(), BreakType.QUANTITY_MISMATCH, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        // CONFIRMED says the venue confirmed this version of the fill, whether or not it agreed
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getVersion).containsExactly(11L, 21L);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aResolvedMismatchOpensAgainAsANewVersion() throws Exception {
        start(ReconFixtures.config().toBuilder().set(Option.MATCH_LINGER, "10 min").build());
        EffectiveFill original = effective("E-1");
        fill(original);
        confirm(confirmation("E-1").setQuantity(Decimals.of("0.6")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides
        EffectiveFill v2 = corrected(original, correction("E-2", "E-1").setLastQty(Decimals.of("0.6")).build(), 101);
        fill(v2);
        EffectiveFill v3 = corrected(v2, correction("E-3", "E-2").setLastQty(Decimals.of("0.7")).build(), 102);
        fill(v3);

        assertThat(breaks()).extracting(ReconciliationBreak::getVersion, ReconciliationBreak::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, BreakStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple(2, BreakStatus.AUTO_RESOLVED),
                        org.assertj.core.groups.Tuple.tuple(3, BreakStatus.OPEN));
        assertThat(breaks()).extracting(ReconciliationBreak::getBreakId).containsOnly(breaks().get(0).getBreakId());
        assertThat(breaks().get(2).getExpectedValue()).isEqualTo("0.7");
    }

    @Test
    void aMismatchWhoseValuesChangeGetsANewOpenVersion() throws Exception {
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        fill(original);
        confirm(confirmation("E-1").setQuantity(Decimals.of("0.9")).build(), 7);
        watermark(at(Duration.ofSeconds(30))); // the terms are judged once the watermark passes both sides
        fill(corrected(original, correction("E-2", "E-1").setLastQty(Decimals.of("0.6")).build(), 101));

        ReconciliationBreak updated = only(breaks(), BreakType.QUANTITY_MISMATCH, 2);
        assertThat(updated.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(updated.getExpectedValue()).isEqualTo("0.6");
        assertThat(updated.getDetectedTime()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aConfirmationOfACorrectedFillThatMeetsTheOriginalFirstWaitsForTheCorrectionAndRaisesNothing()
            throws Exception {
        // the confirmation and the correction travel different topics and operators: the venue's confirmation of
        // the corrected terms (T0+30s) can meet the original version before the correction (T0+10s) gets here
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        fill(original);
        confirm(confirmation("E-1").setPrice(Decimals.of("63900.5")).setFee(Decimals.of("0.00009")).build(), 7);
        assertThat(breaks()).as("no verdict before the watermark passes the confirmTime").isEmpty();
        assertThat(lifecycle()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        fill(corrected(original, correction("E-2", "E-1").setLastPx(Decimals.of("63900.5"))
                .setCommission(Decimals.of("0.00009")).setTransactTime(T0.plusSeconds(10)).build(), 101));
        watermark(min(10));
        assertThat(breaks()).isEmpty();
        // the venue confirmed the corrected version (2): CONFIRMED for it only
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getVersion).containsExactly(21L);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDisagreementIsRaisedWhenTheWatermarkPassesTheLaterSideAndDetectedThen() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("63900.5")).build(), 7);
        watermark(at(Duration.ofSeconds(30)) - 1);
        assertThat(breaks()).isEmpty();

        watermark(at(Duration.ofSeconds(30)));
        ReconciliationBreak b = only(breaks(), BreakType.PRICE_MISMATCH, 1);
        assertThat(b.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(b.getDetectedTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(b.getExpectedValue()).isEqualTo("64000.5");
        assertThat(b.getActualValue()).isEqualTo("63900.5");
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState).containsExactly(LifecycleState.CONFIRMED);
        // a late fill version that agrees still resolves it
        fill(corrected(effective("E-1"), correction("E-2", "E-1").setLastPx(Decimals.of("63900.5"))
                .setTransactTime(T0.plusSeconds(40)).build(), 101));
        assertThat(only(breaks(), BreakType.PRICE_MISMATCH, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
    }

    @Test
    void aConfirmationOlderThanTheFillVersionIsJudgedWhenTheWatermarkPassesTheFillsChange() throws Exception {
        // the fill was corrected at T0+60s, after the venue confirmed the original terms at T0+30s: an AMENDED
        // confirmation up to T0+60s may still come, so the verdict waits for the watermark to pass T0+60s
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        confirm(confirmation("E-1").build(), 7);
        fill(corrected(original, correction("E-2", "E-1").setLastPx(Decimals.of("63900.5"))
                .setTransactTime(T0.plusSeconds(60)).build(), 101));
        watermark(at(Duration.ofSeconds(59)));
        assertThat(breaks()).isEmpty();
        watermark(at(Duration.ofSeconds(60)));
        assertThat(only(breaks(), BreakType.PRICE_MISMATCH, 1).getDetectedTime()).isEqualTo(T0.plusSeconds(60));
    }

    // ---- rejections and busts

    @Test
    void aRejectedConfirmationOfALiveFillIsConfirmationRejectedAndABustResolvesIt() throws Exception {
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        fill(original);
        confirm(confirmation("E-1").setStatus(ConfirmationStatus.REJECTED).setRejectReason("price away from market")
                .build(), 7);

        ReconciliationBreak rejected = only(breaks(), BreakType.CONFIRMATION_REJECTED, 1);
        assertThat(rejected.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(rejected.getActualValue()).isEqualTo("REJECTED: price away from market");
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState).containsExactly(LifecycleState.REJECTED);

        fill(busted(original, bust("E-9", "E-1").setTransactTime(T0.plusSeconds(90)).build(), 101));
        ReconciliationBreak resolved = only(breaks(), BreakType.CONFIRMATION_REJECTED, 2);
        assertThat(resolved.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(resolved.getResolvedTime()).isEqualTo(T0.plusSeconds(90));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aBustResolvesAMissingConfirmation() throws Exception {
        start(ReconFixtures.config());
        EffectiveFill original = effective("E-1");
        fill(original);
        watermark(min(3));
        assertThat(only(breaks(), BreakType.MISSING_CONFIRMATION, 1).getStatus()).isEqualTo(BreakStatus.OPEN);

        fill(busted(original, bust("E-9", "E-1").setTransactTime(T0.plusSeconds(200)).build(), 101));
        assertThat(only(breaks(), BreakType.MISSING_CONFIRMATION, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aVenueConfirmingABustedFillIsAConfirmationWithoutExecution() throws Exception {
        start(ReconFixtures.config());
        confirm(confirmation("E-1").build(), 7);
        fill(busted(effective("E-1"), bust("E-9", "E-1").build(), 101));

        ReconciliationBreak b = only(breaks(), BreakType.CONFIRMATION_WITHOUT_EXECUTION, 1);
        assertThat(b.getActualValue()).isEqualTo("busted");
        assertThat(b.getDetectedTime()).isEqualTo(T0);
        assertThat(breaks()).hasSize(1);
    }

    @Test
    void aConfirmationAfterTheBustHasClearedTheFillWaitsForTheGraceAndOpensConfirmationWithoutExecution()
            throws Exception {
        start(ReconFixtures.config());
        fill(busted(effective("E-1"), bust("E-9", "E-1").build(), 101));
        assertThat(harness.numKeyedStateEntries()).isZero();
        confirm(confirmation("E-1").build(), 7);
        watermark(at(Duration.ofSeconds(330)));

        assertThat(only(breaks(), BreakType.CONFIRMATION_WITHOUT_EXECUTION, 1).getActualValue()).isEqualTo("none");
    }

    // ---- duplicates

    @Test
    void anExactDuplicateConfirmationIsDroppedAndCounted() throws Exception {
        start(ReconFixtures.config());
        VenueConfirmation c = confirmation("E-1").build();
        confirm(c, 7);
        confirm(c, 7);
        // a resend under a new confirmation id with the same terms is a duplicate too
        confirm(confirmation("E-1").setEventId("BINANCE/CF-E-1-R").setConfirmId("CF-E-1-R").build(), 9);
        fill(effective("E-1"));

        assertThat(matcher.duplicatesDropped()).isEqualTo(2);
        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /**
     * The live demo (default settings): a venue resends a confirmation after its fill matched. With the former
     * default linger of 0 the match had cleared the key and the resend opened CONFIRMATION_WITHOUT_EXECUTION.
     */
    @Test
    void withTheDefaultLingerAConfirmationResentAfterTheMatchIsADuplicate() throws Exception {
        ReconciliationConfig defaults = ReconciliationConfig.defaults();
        start(defaults);
        fill(effective("E-1"));
        confirm(confirmation("E-1").build(), 7);
        watermark(min(1));
        assertThat(breaks()).isEmpty();
        assertThat(lifecycle()).isNotEmpty();

        confirm(confirmation("E-1").setEventId("BINANCE/CF-E-1-R").setConfirmId("CF-E-1-R").build(), 9);
        watermark(min(30));
        assertThat(breaks()).isEmpty();
        assertThat(matcher.duplicatesDropped()).isEqualTo(1);

        watermark(min(defaults.matchLinger().toMinutes() + 2));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDuplicateConfirmationWithDifferentContentIsADuplicateConflictAndTheFirstStands() throws Exception {
        start(ReconFixtures.config());
        confirm(confirmation("E-1").build(), 7);
        confirm(confirmation("E-1").setPrice(Decimals.of("1")).build(), 8);
        fill(effective("E-1"));

        ReconciliationBreak b = only(breaks(), BreakType.DUPLICATE_CONFLICT, 1);
        assertThat(b.getField()).isEqualTo("confirmation");
        assertThat(b.getEvidence()).extracting(EvidenceRef::getOffset).containsExactly(7L, 8L);
        assertThat(breaks()).noneMatch(x -> x.getBreakType() == BreakType.PRICE_MISMATCH);
        assertThat(harness.numKeyedStateEntries()).isPositive(); // the conflict waits for a person
    }

    // ---- lifecycle

    @Test
    void anUnresolvedBreakAgesPastItsSlaThenEscalatesThenResolvesOnLateData() throws Exception {
        start(ReconFixtures.config().toBuilder().set(Option.BREAK_SLA, "30 min")
                .set(Option.BREAK_ESCALATION, "1 h", "MISSING_CONFIRMATION").build());
        fill(effective("E-1"));
        watermark(min(2));
        watermark(min(31));
        watermark(min(62));
        watermark(min(90));
        confirm(confirmation("E-1").setConfirmTime(T0.plus(Duration.ofMinutes(95))).build(), 7);

        List<ReconciliationBreak> missing = breaks().stream()
                .filter(b -> b.getBreakType() == BreakType.MISSING_CONFIRMATION).toList();
        assertThat(missing).extracting(ReconciliationBreak::getVersion, ReconciliationBreak::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, BreakStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple(2, BreakStatus.AGED),
                        org.assertj.core.groups.Tuple.tuple(3, BreakStatus.ESCALATED),
                        org.assertj.core.groups.Tuple.tuple(4, BreakStatus.AUTO_RESOLVED));
        assertThat(missing).extracting(ReconciliationBreak::getEventTime)
                .containsExactly(instant(min(2)), instant(min(32)), instant(min(62)), instant(min(95)));
        assertThat(missing).extracting(ReconciliationBreak::getDetectedTime).containsOnly(instant(min(2)));
        assertThat(missing.get(1).getDescription()).startsWith("Aged: open PT30M past detection");
        assertThat(missing.get(3).getDescription()).startsWith("Auto-resolved after PT1H33M");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anAgedMismatchResolvesWhenAnAmendedConfirmationAgrees() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("65000")).build(), 7);
        watermark(at(Duration.ofSeconds(30)) + Duration.ofMinutes(30).toMillis());
        confirm(confirmation("E-1").setEventId("BINANCE/CF-E-1-A").setConfirmId("CF-E-1-A")
                .setStatus(ConfirmationStatus.AMENDED).setConfirmTime(T0.plus(Duration.ofMinutes(40))).build(), 8);

        assertThat(breaks()).extracting(ReconciliationBreak::getVersion, ReconciliationBreak::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, BreakStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple(2, BreakStatus.AGED),
                        org.assertj.core.groups.Tuple.tuple(3, BreakStatus.AUTO_RESOLVED));
        assertThat(breaks().get(2).getResolvedTime()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void withALingerTheMatchedKeyDropsLateReplaysThenClears() throws Exception {
        start(ReconFixtures.config().toBuilder().set(Option.MATCH_LINGER, "10 min").build());
        fill(effective("E-1"));
        VenueConfirmation c = confirmation("E-1").build();
        confirm(c, 7);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        confirm(c, 7);
        assertThat(matcher.duplicatesDropped()).isEqualTo(1);
        watermark(at(Duration.ofSeconds(30 + 600)));
        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void breakIdsAreTheSameOnAReplay() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("1")).build(), 7);
        watermark(at(Duration.ofSeconds(30)));
        List<ReconciliationBreak> first = breaks();
        assertThat(first).isNotEmpty();
        harness.close();

        start(ReconFixtures.config());
        fill(effective("E-1"));
        confirm(confirmation("E-1").setPrice(Decimals.of("1")).build(), 7);
        watermark(at(Duration.ofSeconds(30)));
        assertThat(breaks()).isEqualTo(first);
    }

    @Test
    void stateSurvivesACheckpointAndRestoreMidMatch() throws Exception {
        start(ReconFixtures.config());
        fill(effective("E-1"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, min(1));
        harness.close();

        matcher = new ConfirmationMatcher(ReconFixtures.config());
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(matcher),
                ConfirmationMatcher.FILL_KEY, ConfirmationMatcher.CONFIRMATION_KEY, Types.STRING);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        watermark(min(2));
        assertThat(only(breaks(), BreakType.MISSING_CONFIRMATION, 1).getStatus()).isEqualTo(BreakStatus.OPEN);
        confirm(confirmation("E-1").setConfirmTime(T0.plusSeconds(125)).build(), 7);
        assertThat(only(breaks(), BreakType.MISSING_CONFIRMATION, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
