package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.reconciliation.ReconFixtures.T0;
import static org.posttrade.operators.reconciliation.ReconFixtures.bust;
import static org.posttrade.operators.reconciliation.ReconFixtures.correction;
import static org.posttrade.operators.reconciliation.ReconFixtures.exec;
import static org.posttrade.operators.reconciliation.ReconFixtures.fill;
import static org.posttrade.operators.reconciliation.ReconFixtures.instant;
import static org.posttrade.operators.reconciliation.ReconFixtures.min;
import static org.posttrade.operators.reconciliation.ReconFixtures.values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;

class FillNormalizerTest {
    KeyedOneInputStreamOperatorTestHarness<String, Sourced<ExecutionReport>, EffectiveFill> harness;
    FillNormalizer normalizer;

    @BeforeEach
    void setUp() throws Exception {
        start(ReconFixtures.config());
    }

    void start(ReconciliationConfig config) throws Exception {
        normalizer = new FillNormalizer(config);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(normalizer, FillNormalizer.KEY, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    long offset = 100;

    void report(ExecutionReport r) throws Exception {
        harness.processElement(exec(r, offset++), r.getTransactTime().toEpochMilli());
    }

    List<EffectiveFill> fills() {
        return harness.extractOutputValues();
    }

    EffectiveFill last() {
        List<EffectiveFill> fills = fills();
        return fills.get(fills.size() - 1);
    }

    List<ReconciliationBreak> breaks() {
        return values(harness.getSideOutput(ReconciliationOutputs.BREAKS));
    }

    List<TradeLifecycleEvent> lifecycle() {
        return values(harness.getSideOutput(ReconciliationOutputs.LIFECYCLE));
    }

    static ExecutionReport e1() {
        return fill("E-1").build();
    }

    static ExecutionReport c1() {
        return correction("E-2", "E-1").setLastQty(Decimals.of("0.4")).setLastPx(Decimals.of("64001"))
                .setTransactTime(T0.plusSeconds(60)).build();
    }

    static ExecutionReport c2() {
        return correction("E-3", "E-2").setLastQty(Decimals.of("0.3")).setLastPx(Decimals.of("64002"))
                .setTransactTime(T0.plusSeconds(120)).build();
    }

    @Test
    void aFillBecomesVersionOneOfItsEffectiveFill() throws Exception {
        report(e1());

        EffectiveFill f = last();
        assertThat(fills()).hasSize(1);
        assertThat(f.getExecId()).isEqualTo("E-1");
        assertThat(f.getVersion()).isEqualTo(1);
        assertThat(f.getQuantity()).isEqualByComparingTo("0.5");
        assertThat(f.isBusted()).isFalse();
        assertThat(f.getEvidence()).singleElement().satisfies(e -> {
            assertThat(e.getEventId()).isEqualTo("BINANCE/E-1");
            assertThat(e.getOffset()).isEqualTo(100L);
        });
        assertThat(lifecycle()).singleElement().satisfies(e -> {
            assertThat(e.getState()).isEqualTo(LifecycleState.FILLED);
            assertThat(e.getLifecycleId()).isEqualTo("BINANCE/E-1/10");
        });
        assertThat(breaks()).isEmpty();
    }

    @Test
    void aCorrectionReplacesTheTermsAsTheNextVersion() throws Exception {
        report(e1());
        report(c1());

        EffectiveFill f = last();
        assertThat(f.getVersion()).isEqualTo(2);
        assertThat(f.getExecId()).isEqualTo("E-1");
        assertThat(f.getEffectiveExecId()).isEqualTo("E-2");
        assertThat(f.getQuantity()).isEqualByComparingTo("0.4");
        assertThat(f.getPrice()).isEqualByComparingTo("64001");
        assertThat(f.getCorrections()).isEqualTo(1);
        assertThat(f.getChangeTime()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(f.getExecutionTime()).isEqualTo(T0.toEpochMilli());
        assertThat(f.getEvidence()).extracting(EvidenceRef::getEventId).containsExactly("BINANCE/E-1", "BINANCE/E-2");
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState, TradeLifecycleEvent::getVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LifecycleState.FILLED, 10L),
                        org.assertj.core.groups.Tuple.tuple(LifecycleState.CORRECTED, 20L));
    }

    @Test
    void aCorrectionOfACorrectionChainsToTheSameOriginal() throws Exception {
        report(e1());
        report(c1());
        report(c2());

        EffectiveFill f = last();
        assertThat(f.getVersion()).isEqualTo(3);
        assertThat(f.getExecId()).isEqualTo("E-1");
        assertThat(f.getEffectiveExecId()).isEqualTo("E-3");
        assertThat(f.getQuantity()).isEqualByComparingTo("0.3");
        assertThat(f.getCorrections()).isEqualTo(2);
    }

    @Test
    void aCorrectionBeforeItsOriginalIsParkedAndTheOriginalIsNeverAppliedAlone() throws Exception {
        report(c1());
        assertThat(fills()).isEmpty();

        report(e1());
        assertThat(fills()).singleElement().satisfies(f -> {
            assertThat(f.getVersion()).isEqualTo(2);
            assertThat(f.getQuantity()).isEqualByComparingTo("0.4");
        });
        assertThat(breaks()).isEmpty();
    }

    @Test
    void aCorrectionOfACorrectionArrivingFirstWaitsForTheWholeChain() throws Exception {
        report(c2());
        report(c1());
        assertThat(fills()).isEmpty();
        report(e1());

        assertThat(fills()).singleElement().satisfies(f -> {
            assertThat(f.getVersion()).isEqualTo(3);
            assertThat(f.getEffectiveExecId()).isEqualTo("E-3");
        });
    }

    @Test
    void aBustZeroesTheFill() throws Exception {
        report(e1());
        report(bust("E-9", "E-1").setTransactTime(T0.plusSeconds(90)).build());

        EffectiveFill f = last();
        assertThat(f.isBusted()).isTrue();
        assertThat(f.getQuantity()).isEqualByComparingTo("0");
        assertThat(f.getQuantity().scale()).isEqualTo(Decimals.SCALE);
        assertThat(f.getVersion()).isEqualTo(2);
        assertThat(lifecycle()).extracting(TradeLifecycleEvent::getState)
                .containsExactly(LifecycleState.FILLED, LifecycleState.BUSTED);
    }

    @Test
    void aBustOfACorrectionBustsTheTrade() throws Exception {
        report(e1());
        report(c1());
        report(bust("E-9", "E-2").setTransactTime(T0.plusSeconds(90)).build());

        assertThat(last().isBusted()).isTrue();
        assertThat(last().getVersion()).isEqualTo(3);
    }

    @Test
    void theEffectiveFillDoesNotDependOnArrivalOrder() throws Exception {
        List<ExecutionReport> chain = List.of(e1(), c1(), c2(),
                // a second correction of the original, older than the chain's deepest one
                correction("E-4", "E-1").setLastQty(Decimals.of("0.45")).setTransactTime(T0.plusSeconds(200)).build());
        EffectiveFill expected = null;
        for (List<ExecutionReport> order : permutations(chain)) {
            harness.close();
            start(ReconFixtures.config());
            for (ExecutionReport r : order) {
                // the same Kafka offsets whatever the arrival order, as on a replay
                harness.processElement(exec(r, 100 + chain.indexOf(r)), r.getTransactTime().toEpochMilli());
            }
            EffectiveFill result = last();
            if (expected == null) {
                expected = result;
                assertThat(result.getEffectiveExecId()).isEqualTo("E-3");
                assertThat(result.getVersion()).isEqualTo(4);
            }
            assertThat(result).as("order " + order.stream().map(ExecutionReport::getExecId).toList()).isEqualTo(expected);
        }
    }

    @Test
    void anExactDuplicateIsDroppedAndCounted() throws Exception {
        report(e1());
        report(e1());
        // a re-publication with new producer metadata is the same report
        report(fill("E-1").setMeta(new org.posttrade.schema.SourceMetadata("replay", T0.plusSeconds(999), null)).build());

        assertThat(fills()).hasSize(1);
        assertThat(normalizer.duplicatesDropped()).isEqualTo(2);
        assertThat(breaks()).isEmpty();
    }

    @Test
    void aDuplicateWithDifferentContentIsADuplicateConflictAndTheFirstStands() throws Exception {
        report(e1());
        report(fill("E-1").setLastQty(Decimals.of("5")).build());

        assertThat(fills()).hasSize(1);
        assertThat(breaks()).singleElement().satisfies(b -> {
            assertThat(b.getBreakType()).isEqualTo(BreakType.DUPLICATE_CONFLICT);
            assertThat(b.getStatus()).isEqualTo(BreakStatus.OPEN);
            assertThat(b.getMatchKey()).isEqualTo("BINANCE/BTC-USDT/E-1");
            assertThat(b.getField()).isEqualTo("execution");
            assertThat(b.getExpectedValue()).contains(" 0.5 BTC-USDT");
            assertThat(b.getActualValue()).contains(" 5 BTC-USDT");
            assertThat(b.getEvidence()).extracting(EvidenceRef::getOffset).containsExactly(100L, 101L);
        });
        assertThat(normalizer.duplicatesDropped()).isZero();
    }

    @Test
    void anOrphanCorrectionOpensABreakAfterTheTimeoutAndTheOriginalResolvesIt() throws Exception {
        report(c1());
        harness.processWatermark(new Watermark(T0.plusSeconds(60).plus(Duration.ofMinutes(10)).toEpochMilli()));

        ReconciliationBreak orphan = breaks().get(0);
        assertThat(orphan.getBreakType()).isEqualTo(BreakType.OTHER);
        assertThat(orphan.getField()).isEqualTo("execRefId");
        assertThat(orphan.getExpectedValue()).isEqualTo("E-1");
        assertThat(orphan.getStatus()).isEqualTo(BreakStatus.OPEN);
        assertThat(orphan.getDetectedTime()).isEqualTo(T0.plusSeconds(660));

        report(e1()); // late: far behind the watermark, still applied
        assertThat(breaks()).hasSize(2);
        assertThat(breaks().get(1).getStatus()).isEqualTo(BreakStatus.AUTO_RESOLVED);
        assertThat(breaks().get(1).getBreakId()).isEqualTo(orphan.getBreakId());
        assertThat(last().getVersion()).isEqualTo(2);
    }

    @Test
    void reportsThatAreNotFillsAreIgnored() throws Exception {
        report(fill("E-1").setExecType(ExecType.NEW).setLastQty(Decimals.ZERO).build());
        report(fill("E-2").setExecType(ExecType.CANCELED).setLastQty(Decimals.ZERO).build());

        assertThat(fills()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anOrdersReportsAreClearedAfterTheirRetention() throws Exception {
        report(e1());
        report(c1());
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(T0.plusSeconds(60).plus(Duration.ofDays(2)).toEpochMilli() - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(new Watermark(T0.plusSeconds(60).plus(Duration.ofDays(2)).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anUnresolvedConflictAgesAndEscalates() throws Exception {
        report(e1());
        report(fill("E-1").setLastQty(Decimals.of("5")).build());
        harness.processWatermark(new Watermark(min(4 * 60)));

        assertThat(breaks()).extracting(ReconciliationBreak::getStatus)
                .containsExactly(BreakStatus.OPEN, BreakStatus.AGED, BreakStatus.ESCALATED);
        assertThat(breaks()).extracting(ReconciliationBreak::getEventTime)
                .containsExactly(T0, instant(min(30)), instant(min(240)));
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
