package org.posttrade.operators.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.settlement.SettlementFixtures.BTC_ID;
import static org.posttrade.operators.settlement.SettlementFixtures.CUTOFF;
import static org.posttrade.operators.settlement.SettlementFixtures.min;
import static org.posttrade.operators.settlement.SettlementFixtures.movement;
import static org.posttrade.operators.settlement.SettlementFixtures.obligation;
import static org.posttrade.operators.settlement.SettlementFixtures.sourced;

import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.BreakIds;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementDirection;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.SettlementStatus;

class CustodianMatcherTest {
    static final long DEADLINE = CUTOFF + Duration.ofHours(2).toMillis();
    static final long HOUR = Duration.ofHours(1).toMillis();

    KeyedTwoInputStreamOperatorTestHarness<String, Obligation, Sourced<CustodianConfirmation>, SettlementInstruction> harness;
    long offset;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new CustodianMatcher(SettlementFixtures.config()), CustodianMatcher.OBLIGATION_KEY,
                CustodianMatcher.MOVEMENT_KEY, org.apache.flink.api.common.typeinfo.Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    void instruct(Obligation o) throws Exception {
        harness.processElement1(new StreamRecord<>(o, o.getCutoff()));
    }

    void move(CustodianConfirmation.Builder m) throws Exception {
        harness.processElement2(sourced(m.build(), offset++));
    }

    void watermark(long time) throws Exception {
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(time));
    }

    List<SettlementInstruction> instructions() {
        return harness.extractOutputValues();
    }

    List<SettlementStatus> statuses() {
        return instructions().stream().map(SettlementInstruction::getStatus).toList();
    }

    /** Every break version emitted. */
    List<ReconciliationBreak> allBreaks() {
        return SettlementFixtures.values(harness.getSideOutput(SettlementOutputs.BREAKS));
    }

    /** Break versions other than ageing (AGED / ESCALATED), which the lifecycle test covers. */
    List<ReconciliationBreak> breaks() {
        return allBreaks().stream().filter(b -> b.getStatus() != BreakStatus.AGED
                && b.getStatus() != BreakStatus.ESCALATED).toList();
    }

    @Test
    void settlesByReferenceOnlyAtTheNetworksFinality() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.5"));
        move(movement("M-1", 1, "1.5", MovementStatus.PENDING, 0, CUTOFF + min(15) - min(0)));
        move(movement("M-1", 2, "1.5", MovementStatus.CONFIRMED, 3, CUTOFF + 40 * 60_000));
        move(movement("M-1", 3, "1.5", MovementStatus.CONFIRMED, 6, CUTOFF + 60 * 60_000));

        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.PENDING,
                SettlementStatus.SETTLED);
        SettlementInstruction settled = instructions().get(2);
        assertThat(settled.getInstructionId()).isEqualTo(BTC_ID);
        assertThat(settled.getVersion()).isEqualTo(3);
        assertThat(settled.getDirection()).isEqualTo(SettlementDirection.RECEIVE);
        assertThat(settled.getAmount()).isEqualByComparingTo("1.5");
        assertThat(settled.getNettedTradeIds()).containsExactly("BINANCE/E-1", "BINANCE/E-2");
        assertThat(settled.getEvidence()).extracting(e -> e.getEventId())
                .contains("BINANCE/E-1", "FIREBLOCKS/M-1/1", "FIREBLOCKS/M-1/3");
        assertThat(breaks()).isEmpty();

        watermark(CUTOFF + 60 * 60_000 + 30 * 60_000); // the retention for reorgs has passed
        assertThat(harness.numKeyedStateEntries()).isZero();
        watermark(DEADLINE + 1);
        assertThat(breaks()).isEmpty();
    }

    @Test
    void everyVersionHasAStatusWithAmountsMovementsAndTimes() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "0.4", MovementStatus.CONFIRMED, 6, CUTOFF + min(10)));
        move(movement("M-2", 1, "0.6", MovementStatus.PENDING, 1, CUTOFF + min(20)));
        move(movement("M-2", 2, "0.6", MovementStatus.CONFIRMED, 6, CUTOFF + min(70)));

        List<InstructionStatus> status = SettlementFixtures.values(harness.getSideOutput(SettlementOutputs.STATUS));
        assertThat(status).extracting(InstructionStatus::getVersion)
                .containsExactlyElementsOf(instructions().stream().map(SettlementInstruction::getVersion).toList());
        assertThat(status).extracting(InstructionStatus::getStatus)
                .containsExactly("INSTRUCTED", "PARTIALLY_SETTLED", "SETTLED");
        assertThat(status).extracting(InstructionStatus::getFromStatus)
                .containsExactly(null, "INSTRUCTED", "PARTIALLY_SETTLED");
        assertThat(status).extracting(InstructionStatus::getInstruction).containsExactlyElementsOf(instructions());
        InstructionStatus first = status.get(0);
        assertThat(first.getCustodian()).isNull();
        assertThat(first.getMovementIds()).isEmpty();
        assertThat(first.getUnsettledAmount()).isEqualByComparingTo("1.0");
        assertThat(first.getEventTime()).isEqualTo(CUTOFF);
        InstructionStatus partial = status.get(1);
        assertThat(partial.getSettledAmount()).isEqualByComparingTo("0.4");
        assertThat(partial.getUnsettledAmount()).isEqualByComparingTo("0.6");
        assertThat(partial.getMovementIds()).containsExactly("M-1");
        assertThat(partial.getCustodian()).isEqualTo("FIREBLOCKS");
        assertThat(partial.getSettledTime()).isNull();
        InstructionStatus settled = status.get(2);
        assertThat(settled.getInstructionId()).isEqualTo(BTC_ID);
        assertThat(settled.getSettledAmount()).isEqualByComparingTo("1.0");
        assertThat(settled.getPendingAmount()).isEqualByComparingTo("0");
        assertThat(settled.getUnsettledAmount()).isEqualByComparingTo("0");
        assertThat(settled.getMovementIds()).containsExactly("M-1", "M-2");
        assertThat(settled.getConfirmations()).containsExactly(6, 6);
        assertThat(settled.getMovementStatuses()).containsExactly("CONFIRMED", "CONFIRMED");
        assertThat(settled.getTxHashes()).hasSize(2);
        assertThat(settled.getEventTime()).isEqualTo(CUTOFF + min(70));
        assertThat(settled.getSettledTime()).isEqualTo(CUTOFF + min(70));
        assertThat(settled.getSettlementDeadline()).isEqualTo(DEADLINE);
        assertThat(InstructionStatus.TYPE).as("a Flink POJO, not Kryo")
                .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
        assertThat(((org.apache.flink.api.java.typeutils.PojoTypeInfo<?>) InstructionStatus.TYPE)
                .getTypeAt("instruction").getClass().getSimpleName()).as("the version travels as Avro")
                .isEqualTo("AvroTypeInfo");
    }

    @Test
    void matchesWithoutReferenceByAmountWithinTheNetworkFee() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("ETH", "-2.0", 1));
        instruct(obligation("ETH", "-2.0", 1)); // a replayed revision changes nothing
        move(movement("M-1", 1, "-1.9995", MovementStatus.CONFIRMED, 64, CUTOFF + 20 * 60_000).setAsset("ETH")
                .setNetwork("ETHEREUM").setSettlementReference(null).setNetworkFee(Decimals.of("0.0005"))
                .setNetworkFeeAsset("ETH"));

        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.SETTLED);
        assertThat(instructions().get(0).getDirection()).isEqualTo(SettlementDirection.PAY);
        assertThat(breaks()).isEmpty();
        watermark(DEADLINE + HOUR);
        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void partialMovementsAccumulateUntilSettled() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "0.4", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000));
        move(movement("M-2", 1, "0.6", MovementStatus.PENDING, 1, CUTOFF + 20 * 60_000));
        move(movement("M-2", 2, "0.6", MovementStatus.CONFIRMED, 6, CUTOFF + 70 * 60_000));

        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.PARTIALLY_SETTLED,
                SettlementStatus.SETTLED);
        watermark(DEADLINE + HOUR);
        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aReorgAfterSettledReopensTheObligationUntilItSettlesAgain() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "1.0", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000));
        move(movement("M-1", 2, "1.0", MovementStatus.REVERSED, 0, CUTOFF + 20 * 60_000));
        watermark(CUTOFF + 50 * 60_000); // past the retention of the first SETTLED: the reorg keeps it
        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.SETTLED,
                SettlementStatus.REVERSED);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.SETTLEMENT_REVERSED);
            assertThat(b.getStatus()).isEqualTo(BreakStatus.OPEN);
            assertThat(b.getMatchKey()).isEqualTo(BTC_ID);
            assertThat(b.getBreakId()).isEqualTo(BreakIds.of(BreakType.SETTLEMENT_REVERSED, BTC_ID, "status"));
            assertThat(b.getDetectedTime().toEpochMilli()).isEqualTo(CUTOFF + 20 * 60_000);
        });

        move(movement("M-2", 1, "1.0", MovementStatus.CONFIRMED, 6, CUTOFF + 60 * 60_000).setTxHash("tx-again"));
        assertThat(statuses()).endsWith(SettlementStatus.SETTLED);
        assertThat(breaks()).last().satisfies(b -> assertThat(b.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED));
        watermark(DEADLINE + HOUR);
        assertThat(breaks()).hasSize(2); // no SETTLEMENT_MISSING: movements were seen
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aMovementBeforeItsInstructionWaitsForIt() throws Exception {
        move(movement("M-1", 1, "1.0", MovementStatus.CONFIRMED, 6, CUTOFF - 5 * 60_000).setSettlementReference(null));
        assertThat(instructions()).isEmpty();
        watermark(CUTOFF);
        instruct(obligation("1.0"));

        assertThat(statuses()).containsExactly(SettlementStatus.SETTLED);
        assertThat(instructions().get(0).getVersion()).isEqualTo(1);
        watermark(DEADLINE + HOUR);
        assertThat(breaks()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void noMovementByTheDeadlineIsMissingAndALateMovementResolvesIt() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        watermark(DEADLINE);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.SETTLEMENT_MISSING);
            assertThat(b.getStatus()).isEqualTo(BreakStatus.OPEN);
            assertThat(b.getDetectedTime().toEpochMilli()).isEqualTo(DEADLINE);
            assertThat(b.getExpectedValue()).isEqualTo("1");
            assertThat(b.getActualValue()).isEqualTo("0");
            assertThat(b.getEvidence()).extracting(e -> e.getEventId()).containsExactly("BINANCE/E-1");
        });
        move(movement("M-1", 1, "1.0", MovementStatus.CONFIRMED, 6, DEADLINE + 10 * 60_000));
        assertThat(breaks()).last().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.SETTLEMENT_MISSING);
            assertThat(b.getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        });
        watermark(DEADLINE + 2 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aFailedMovementReopensTheObligation() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("-1.0"));
        move(movement("M-1", 1, "-1.0", MovementStatus.PENDING, 0, CUTOFF + 10 * 60_000));
        move(movement("M-1", 2, "-1.0", MovementStatus.FAILED, 0, CUTOFF + 15 * 60_000));
        watermark(DEADLINE + 1);
        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.PENDING,
                SettlementStatus.FAILED);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.SETTLEMENT_FAILED);
            assertThat(b.getActualValue()).isEqualTo("FAILED");
        });
        // a retry settles it
        move(movement("M-2", 1, "-1.0", MovementStatus.CONFIRMED, 6, DEADLINE + 20 * 60_000));
        assertThat(statuses()).endsWith(SettlementStatus.SETTLED);
        assertThat(breaks()).last().extracting(ReconciliationBreak::getStatus).isEqualTo(BreakStatus.AUTO_RESOLVED);
        watermark(DEADLINE + 2 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aShortAmountIsAMismatchAtTheDeadline() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "0.95", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000));
        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.PARTIALLY_SETTLED);
        assertThat(breaks()).isEmpty();
        watermark(DEADLINE);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.SETTLEMENT_AMOUNT_MISMATCH);
            assertThat(b.getExpectedValue()).isEqualTo("1");
            assertThat(b.getActualValue()).isEqualTo("0.95");
            assertThat(b.getDifference()).isEqualByComparingTo("-0.05");
            assertThat(b.getDetectedTime().toEpochMilli()).isEqualTo(DEADLINE);
        });
        assertThat(harness.numKeyedStateEntries()).isPositive(); // open break waits for a person or a top-up
    }

    @Test
    void anOffAmountWithoutReferenceIsPairedAsAMismatchNotUnexpected() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "1.05", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000).setSettlementReference(null));
        watermark(DEADLINE + HOUR);
        assertThat(breaks()).extracting(ReconciliationBreak::getBreakType)
                .containsExactly(BreakType.SETTLEMENT_AMOUNT_MISMATCH);
        assertThat(breaks().get(0).getActualValue()).isEqualTo("1.05");
        assertThat(statuses()).endsWith(SettlementStatus.SETTLED);
    }

    @Test
    void aMovementNoInstructionExplainsIsUnexpectedAfterItsGrace() throws Exception {
        move(movement("M-9", 1, "3.0", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000)
                .setSettlementReference(null).setCounterparty("COINBASE"));
        watermark(CUTOFF + 40 * 60_000);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.UNEXPECTED_MOVEMENT);
            assertThat(b.getMatchKey()).isEqualTo("FIREBLOCKS/M-9");
            assertThat(b.getVenue()).isEqualTo("COINBASE");
            assertThat(b.getDetectedTime().toEpochMilli()).isEqualTo(CUTOFF + 40 * 60_000);
        });
        assertThat(instructions()).isEmpty();
    }

    @Test
    void aSecondMovementOfTheSameTransactionIsADuplicateCountedOnce() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        move(movement("M-1", 1, "1.0", MovementStatus.CONFIRMED, 6, CUTOFF + 10 * 60_000).setTxHash("tx-1"));
        move(movement("M-2", 1, "1.0", MovementStatus.CONFIRMED, 6, CUTOFF + 12 * 60_000).setTxHash("tx-1")
                .setSettlementReference(null));
        watermark(DEADLINE + HOUR);
        assertThat(statuses()).containsExactly(SettlementStatus.INSTRUCTED, SettlementStatus.SETTLED);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.DUPLICATE_MOVEMENT);
            assertThat(b.getMatchKey()).isEqualTo(BTC_ID);
            assertThat(b.getActualValue()).isEqualTo("2");
            assertThat(b.getEvidence()).extracting(e -> e.getEventId())
                    .contains("FIREBLOCKS/M-1/1", "FIREBLOCKS/M-2/1");
        });
    }

    @Test
    void openBreaksAgeAndEscalateLikeTradeBreaks() throws Exception {
        watermark(CUTOFF);
        instruct(obligation("1.0"));
        watermark(DEADLINE + 5 * HOUR);
        assertThat(allBreaks()).extracting(ReconciliationBreak::getStatus)
                .containsExactly(BreakStatus.OPEN, BreakStatus.AGED, BreakStatus.ESCALATED);
        assertThat(allBreaks()).extracting(ReconciliationBreak::getVersion).containsExactly(1, 2, 3);
    }
}
