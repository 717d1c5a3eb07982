package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.posttrade.operators.reconciliation.ReconFixtures.T0;
import static org.posttrade.operators.reconciliation.ReconFixtures.book;
import static org.posttrade.operators.reconciliation.ReconFixtures.booking;
import static org.posttrade.operators.reconciliation.ReconFixtures.bust;
import static org.posttrade.operators.reconciliation.ReconFixtures.busted;
import static org.posttrade.operators.reconciliation.ReconFixtures.correction;
import static org.posttrade.operators.reconciliation.ReconFixtures.corrected;
import static org.posttrade.operators.reconciliation.ReconFixtures.effective;
import static org.posttrade.operators.reconciliation.ReconFixtures.instant;
import static org.posttrade.operators.reconciliation.ReconFixtures.min;
import static org.posttrade.operators.reconciliation.ReconFixtures.values;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BookingStatus;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.Side;
import org.posttrade.schema.TradeLifecycleEvent;

class BookingMatcherTest {
    KeyedTwoInputStreamOperatorTestHarness<String, Sourced<InternalTrade>, EffectiveFill, ReconciliationBreak> harness;
    BookingMatcher matcher;

    @BeforeEach
    void setUp() throws Exception {
        start(ReconFixtures.config());
    }

    void start(ReconciliationConfig config) throws Exception {
        matcher = new BookingMatcher(config);
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(matcher, BookingMatcher.BOOKING_KEY,
                BookingMatcher.FILL_KEY, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    void book(InternalTrade t, long offset) throws Exception {
        harness.processElement1(ReconFixtures.book(t, offset), t.getBookedTime().toEpochMilli());
    }

    void fill(EffectiveFill f) throws Exception {
        harness.processElement2(f, f.getChangeTime());
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

    static EffectiveFill half(String execId, String price) {
        return effective(ReconFixtures.fill(execId).setLastPx(Decimals.of(price)).build(), 100);
    }

    static ReconciliationBreak only(List<ReconciliationBreak> breaks, BreakType type, int version) {
        return ConfirmationMatcherTest.only(breaks, type, version);
    }

    @Test
    void aBookingFilledByItsFillsMatchesAndLeavesNoState() throws Exception {
        book(booking("C-1").build(), 1);
        fill(half("E-1", "64000"));
        fill(half("E-2", "64050"));

        assertThat(breaks()).isEmpty();
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState, TradeLifecycleEvent::getVersion)
                .containsExactly(tuple(LifecycleState.BOOKED, 1L), tuple(LifecycleState.PARTIALLY_FILLED, 2L),
                        tuple(LifecycleState.FILLED, 3L));
        TradeLifecycleEvent filled = lifecycle().get(2);
        assertThat(filled.getTradeKey()).isEqualTo("T-C-1");
        assertThat(filled.getDesk()).isEqualTo("DELTA-ONE");
        assertThat(filled.getQuantity()).isEqualByComparingTo("1");
        assertThat(filled.getPrice()).isEqualByComparingTo("64025");
        assertThat(filled.getEvidence()).extracting(EvidenceRef::getEventType)
                .containsExactlyInAnyOrder("InternalTrade", "ExecutionReport", "ExecutionReport");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void fillsBeforeTheirBookingMatchToo() throws Exception {
        fill(half("E-1", "64000"));
        fill(half("E-2", "64000"));
        book(booking("C-1").build(), 1);

        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void fillsWithoutABookingAreUnbookedAfterTheGraceAndTheLateBookingResolvesThem() throws Exception {
        fill(half("E-1", "64000"));
        watermark(min(5) - 1);
        assertThat(breaks()).isEmpty();
        watermark(min(5));

        ReconciliationBreak unbooked = only(breaks(), BreakType.UNBOOKED_EXECUTION, 1);
        assertThat(unbooked.getMatchKey()).isEqualTo("C-1");
        assertThat(unbooked.getActualValue()).isEqualTo("0.5");
        assertThat(unbooked.getDifference()).isEqualByComparingTo("0.5");
        assertThat(unbooked.getDetectedTime()).isEqualTo(instant(min(5)));
        assertThat(unbooked.getSeverity()).isEqualTo(org.posttrade.schema.Severity.CRITICAL);

        fill(half("E-2", "64000"));
        ReconciliationBreak updated = only(breaks(), BreakType.UNBOOKED_EXECUTION, 2);
        assertThat(updated.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(updated.getActualValue()).isEqualTo("1");

        book(booking("C-1").build(), 1);
        ReconciliationBreak resolved = only(breaks(), BreakType.UNBOOKED_EXECUTION, 3);
        assertThat(resolved.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(resolved.getEvidence()).extracting(EvidenceRef::getEventType).contains("InternalTrade");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void fillsAboveTheBookedQuantityAreAnOverfillUntilABustTakesOneBack() throws Exception {
        book(booking("C-1").build(), 1);
        fill(half("E-1", "64000"));
        EffectiveFill big = effective(ReconFixtures.fill("E-2").setLastQty(Decimals.of("1")).build(), 101);
        fill(big);

        ReconciliationBreak overfill = only(breaks(), BreakType.OVERFILL, 1);
        assertThat(overfill.getExpectedValue()).isEqualTo("1");
        assertThat(overfill.getActualValue()).isEqualTo("1.5");
        assertThat(overfill.getDifference()).isEqualByComparingTo("0.5");
        assertThat(overfill.getSeverity()).isEqualTo(org.posttrade.schema.Severity.CRITICAL);

        fill(corrected(big, correction("E-8", "E-2").setLastQty(Decimals.of("0.5")).build(), 108));
        assertThat(only(breaks(), BreakType.OVERFILL, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withALingerAFillAfterTheCompleteMatchIsStillAnOverfill() throws Exception {
        harness.close();
        start(ReconFixtures.config().toBuilder().set(ReconciliationConfig.Option.MATCH_LINGER, "15 min").build());
        book(booking("C-1").build(), 1);
        fill(half("E-1", "64000"));
        fill(half("E-2", "64000"));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        EffectiveFill third = half("E-3", "64000");
        fill(third);
        assertThat(only(breaks(), BreakType.OVERFILL, 1).getActualValue()).isEqualTo("1.5");

        fill(busted(third, bust("E-9", "E-3").build(), 103));
        assertThat(only(breaks(), BreakType.OVERFILL, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        watermark(min(15));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * The live demo (default settings) on clean trade CL000031: booking, fill, booking FILLED and the key matched,
     * then the fill's price correction a second later. With the former default linger of 0 the match had cleared
     * the key and the correction was reported as UNBOOKED_EXECUTION (OPEN, then AGED, never resolved); the same
     * happened to every post-match bust and to every OVERFILL's extra fill.
     */
    @Test
    void withTheDefaultLingerACorrectionOrAnExtraFillAfterTheCompleteMatchIsNotUnbooked() throws Exception {
        harness.close();
        ReconciliationConfig defaults = ReconciliationConfig.defaults();
        start(defaults);
        InternalTrade market = booking("C-1").setPriceType(PriceType.MARKET).setLimitPrice(null).build();
        book(market, 1);
        EffectiveFill whole = effective(ReconFixtures.fill("E-1").setLastQty(Decimals.of("1")).build(), 100);
        fill(whole);
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState).containsExactly(LifecycleState.BOOKED,
                LifecycleState.FILLED);
        fill(corrected(whole, correction("E-2", "E-1").setLastQty(Decimals.of("1"))
                .setLastPx(Decimals.of("64100")).build(), 101));
        watermark(min(10));
        assertThat(breaks()).isEmpty();

        // an extra fill inside the linger: the OVERFILL it is, not an unbooked execution
        fill(half("E-3", "64000"));
        watermark(min(20));
        assertThat(breaks()).extracting(ReconciliationBreak::getBreakType).containsOnly(BreakType.OVERFILL);

        // a matched key is still cleared, a linger after the match
        harness.close();
        start(defaults);
        book(market, 1);
        fill(whole);
        watermark(min(defaults.matchLinger().toMinutes() + 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void withoutALingerAFillAfterTheCompleteMatchMeetsAnEmptyKeyAndIsUnbooked() throws Exception {
        book(booking("C-1").build(), 1);
        fill(half("E-1", "64000"));
        fill(half("E-2", "64000"));
        assertThat(harness.numKeyedStateEntries()).isZero();
        fill(half("E-3", "64000"));
        watermark(min(5));

        assertThat(only(breaks(), BreakType.UNBOOKED_EXECUTION, 1).getActualValue()).isEqualTo("0.5");
    }

    @Test
    void aCorrectionReplacesItsFillOnceEvenWhenReplayed() throws Exception {
        book(booking("C-1").build(), 1);
        EffectiveFill first = half("E-1", "64000");
        fill(first);
        EffectiveFill v2 = corrected(first, correction("E-7", "E-1").setLastQty(Decimals.of("0.6")).build(), 107);
        fill(v2);
        fill(first); // a replay of the original version: ignored
        fill(v2); // a replay of the correction: ignored
        fill(half("E-2", "64000"));

        // 0.6 + 0.5: the correction counted once and the original not at all
        ReconciliationBreak overfill = only(breaks(), BreakType.OVERFILL, 1);
        assertThat(overfill.getActualValue()).isEqualTo("1.1");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void anOverfilledBookingPastItsFillDeadlineStaysAnOverfillAndTheWatermarkMovesOn() throws Exception {
        // regression: the fill deadline stayed scheduled for an overfilled booking, a timer in the past that fired
        // forever on one watermark and stalled the job's checkpoints
        book(booking("C-1").setFillDeadline(T0.plusSeconds(600)).build(), 1);
        fill(effective(ReconFixtures.fill("E-1").setLastQty(Decimals.of("1.5")).build(), 100));
        watermark(min(10));
        watermark(min(20));

        assertThat(only(breaks(), BreakType.OVERFILL, 1).getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(breaks()).noneMatch(b -> b.getBreakType() == BreakType.UNFILLED_BOOKING);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the overfill's ageing remains due
    }

    @Test
    void aBookingNotFilledByItsDeadlineIsUnfilledUntilTheLastFillArrives() throws Exception {
        book(booking("C-1").setFillDeadline(T0.plusSeconds(600)).build(), 1);
        fill(half("E-1", "64000"));
        watermark(min(10));

        ReconciliationBreak unfilled = only(breaks(), BreakType.UNFILLED_BOOKING, 1);
        assertThat(unfilled.getExpectedValue()).isEqualTo("1");
        assertThat(unfilled.getActualValue()).isEqualTo("0.5");
        assertThat(unfilled.getDifference()).isEqualByComparingTo("-0.5");
        assertThat(unfilled.getDetectedTime()).isEqualTo(instant(min(10)));

        EffectiveFill late = half("E-2", "64000");
        fill(late); // its event time (T0) is long behind the watermark
        assertThat(only(breaks(), BreakType.UNFILLED_BOOKING, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withoutAFillDeadlineTheVenueDefaultApplies() throws Exception {
        book(booking("C-1").build(), 1);
        watermark(T0.minusSeconds(1).plusSeconds(3600).toEpochMilli());

        ReconciliationBreak unfilled = only(breaks(), BreakType.UNFILLED_BOOKING, 1);
        assertThat(unfilled.getActualValue()).isEqualTo("0");
    }

    @Test
    void aVolumeWeightedPriceWorseThanTheLimitIsAPriceMismatch() throws Exception {
        book(booking("C-1").setLimitPrice(Decimals.of("64000")).build(), 1);
        fill(half("E-1", "64000"));
        fill(half("E-2", "64100"));

        ReconciliationBreak price = only(breaks(), BreakType.PRICE_MISMATCH, 1);
        assertThat(price.getField()).isEqualTo("averagePrice");
        assertThat(price.getExpectedValue()).isEqualTo("64000");
        assertThat(price.getActualValue()).isEqualTo("64050");
        assertThat(price.getDifference()).isEqualByComparingTo("50");
    }

    @Test
    void aSellBelowItsLimitIsAPriceMismatchButAboveIsFine() throws Exception {
        book(booking("C-1").setSide(Side.SELL).setLimitPrice(Decimals.of("64000")).build(), 1);
        fill(effective(ReconFixtures.fill("E-1").setSide(Side.SELL).setLastQty(Decimals.of("1"))
                .setLastPx(Decimals.of("64500")).build(), 100));
        assertThat(breaks()).isEmpty();
    }

    @Test
    void anAverageBookingIsCheckedWhenFilled() throws Exception {
        book(booking("C-1").setPriceType(PriceType.AVERAGE).setLimitPrice(null)
                .setAveragePrice(Decimals.of("64000")).build(), 1);
        fill(half("E-1", "63000")); // a partial fill far off the average: not judged yet
        assertThat(breaks()).isEmpty();
        fill(half("E-2", "63100"));

        ReconciliationBreak price = only(breaks(), BreakType.PRICE_MISMATCH, 1);
        assertThat(price.getActualValue()).isEqualTo("63050");
        assertThat(price.getDifference()).isEqualByComparingTo("-950");
    }

    @Test
    void fillsOnTheOtherSideAccountOrVenueAreBrokenOutPerAttribute() throws Exception {
        book(booking("C-1").build(), 1);
        fill(effective(ReconFixtures.fill("E-1").setSide(Side.SELL).setAccount("ACC-9").build(), 100));
        fill(effective(ReconFixtures.fill("E-2").setVenue("KRAKEN").setEventId("KRAKEN/E-2").build(), 101));

        ReconciliationBreak side = only(breaks(), BreakType.SIDE_MISMATCH, 1);
        assertThat(side.getExpectedValue()).isEqualTo("BUY");
        assertThat(side.getActualValue()).isEqualTo("SELL");
        assertThat(side.getDescription()).contains("BINANCE/E-1");
        List<ReconciliationBreak> other = breaks().stream().filter(b -> b.getBreakType() == BreakType.OTHER).toList();
        assertThat(other).extracting(ReconciliationBreak::getField, ReconciliationBreak::getActualValue)
                .containsExactlyInAnyOrder(tuple("account", "ACC-9"), tuple("venue", "KRAKEN"));
        assertThat(other).extracting(ReconciliationBreak::getBreakId).doesNotHaveDuplicates();
    }

    @Test
    void bookingDuplicatesAreDroppedConflictsFlaggedAndOlderVersionsIgnored() throws Exception {
        InternalTrade v1 = booking("C-1").build();
        book(v1, 1);
        book(v1, 1);
        assertThat(matcher.duplicatesDropped()).isEqualTo(1);

        book(booking("C-1").setAccount("ACC-2").build(), 2);
        ReconciliationBreak conflict = only(breaks(), BreakType.DUPLICATE_CONFLICT, 1);
        assertThat(conflict.getField()).isEqualTo("booking");
        assertThat(conflict.getEvidence()).extracting(EvidenceRef::getOffset).containsExactly(1L, 2L);

        InternalTrade v2 = booking("C-1").setEventId("T-C-1/2").setVersion(2).setBookingStatus(BookingStatus.AMENDED)
                .setOrderedQty(Decimals.of("0.5")).setBookedTime(T0).build();
        book(v2, 3);
        book(v1, 1); // an older version arriving late changes nothing
        fill(half("E-1", "64000"));
        assertThat(breaks()).hasSize(1);
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState).containsExactly(LifecycleState.BOOKED,
                LifecycleState.BOOKED, LifecycleState.FILLED);
    }

    @Test
    void anAmendedBookingThatMatchesTheFillsResolvesUnfilled() throws Exception {
        book(booking("C-1").setFillDeadline(T0.plusSeconds(60)).build(), 1);
        fill(half("E-1", "64000"));
        watermark(min(2));
        assertThat(only(breaks(), BreakType.UNFILLED_BOOKING, 1).getStatus()).isEqualTo(BreakStatus.OPEN);

        book(booking("C-1").setEventId("T-C-1/2").setVersion(2).setBookingStatus(BookingStatus.AMENDED)
                .setOrderedQty(Decimals.of("0.5")).setBookedTime(T0.plusSeconds(180)).build(), 2);
        assertThat(only(breaks(), BreakType.UNFILLED_BOOKING, 2).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void fillsAgainstACancelledBookingAreUnbooked() throws Exception {
        fill(half("E-1", "64000"));
        book(booking("C-1").setBookingStatus(BookingStatus.CANCELLED).build(), 1);

        ReconciliationBreak b = only(breaks(), BreakType.UNBOOKED_EXECUTION, 1);
        assertThat(b.getDescription()).contains("cancelled");
        assertThat(b.getDetectedTime()).isEqualTo(T0.minusSeconds(1));
        assertThat(breaks()).hasSize(1);
    }

    @Test
    void aCancelledBookingWithoutFillsIsCompleteAndALaterFillIsUnbookedAfterTheGrace() throws Exception {
        book(booking("C-1").setBookingStatus(BookingStatus.CANCELLED).build(), 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        fill(half("E-1", "64000"));
        watermark(min(5));

        assertThat(only(breaks(), BreakType.UNBOOKED_EXECUTION, 1).getStatus()).isEqualTo(BreakStatus.OPEN);
    }

    @Test
    void onlyBustedFillsWithoutBookingLeaveNothingToReconcile() throws Exception {
        EffectiveFill f = half("E-1", "64000");
        fill(f);
        fill(busted(f, bust("E-9", "E-1").build(), 101));
        watermark(min(30));

        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
