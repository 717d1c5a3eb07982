package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.reconciliation.ReconFixtures.T0;
import static org.posttrade.operators.reconciliation.ReconFixtures.book;
import static org.posttrade.operators.reconciliation.ReconFixtures.booking;
import static org.posttrade.operators.reconciliation.ReconFixtures.bust;
import static org.posttrade.operators.reconciliation.ReconFixtures.conf;
import static org.posttrade.operators.reconciliation.ReconFixtures.confirmation;
import static org.posttrade.operators.reconciliation.ReconFixtures.correction;
import static org.posttrade.operators.reconciliation.ReconFixtures.exec;
import static org.posttrade.operators.reconciliation.ReconFixtures.fill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.cep.ReconciliationAlerts;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;

/**
 * The reconciliation operators composed as the job will compose them, on bounded input in a MiniCluster: proves the
 * keys, types and side outputs fit, and that the final state of every break does not depend on watermark timing.
 */
class ReconciliationPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void correctionsBustsAndLateDataReconcileEndToEnd() throws Exception {
        ReconciliationConfig config = ReconFixtures.config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        List<Sourced<ExecutionReport>> executions = List.of(
                // the correction of E-1 arrives before E-1
                exec(correction("E-2", "E-1").setLastQty(Decimals.of("0.4")).setTransactTime(T0.plusSeconds(60)).build(), 1),
                exec(fill("E-1").build(), 2),
                exec(fill("E-3").setLastQty(Decimals.of("0.6")).setTransactTime(T0.plusSeconds(10)).build(), 3),
                exec(fill("E-4").setLastQty(Decimals.of("0.1")).setTransactTime(T0.plusSeconds(20)).build(), 4),
                exec(fill("E-1").build(), 5), // a replay
                exec(bust("E-9", "E-4").setTransactTime(T0.plusSeconds(300)).build(), 6),
                // another order: never booked, never confirmed
                exec(fill("E-5").setClOrdId("C-2").setTransactTime(T0.plusSeconds(400)).build(), 7));
        List<Sourced<VenueConfirmation>> confirmations = List.of(
                conf(confirmation("E-3").setQuantity(Decimals.of("0.6")).setConfirmTime(T0.plusSeconds(40)).build(), 1),
                conf(confirmation("E-1").setQuantity(Decimals.of("0.4")).setConfirmTime(T0.plusSeconds(90)).build(), 2));
        List<Sourced<InternalTrade>> bookings = List.of(book(booking("C-1").build(), 1));

        DataStream<Sourced<ExecutionReport>> execs = env
                .fromData(executions, TypeInformation.of(new TypeHint<Sourced<ExecutionReport>>() {}))
                .assignTimestampsAndWatermarks(ReconciliationWatermarks.executionReports(Duration.ofSeconds(30), Duration.ofMinutes(1)));
        DataStream<Sourced<VenueConfirmation>> confs = env
                .fromData(confirmations, TypeInformation.of(new TypeHint<Sourced<VenueConfirmation>>() {}))
                .assignTimestampsAndWatermarks(ReconciliationWatermarks.confirmations(Duration.ofSeconds(30), Duration.ofMinutes(1)));
        DataStream<Sourced<InternalTrade>> books = env
                .fromData(bookings, TypeInformation.of(new TypeHint<Sourced<InternalTrade>>() {}))
                .assignTimestampsAndWatermarks(ReconciliationWatermarks.bookings(Duration.ofSeconds(30), Duration.ofMinutes(1)));

        SingleOutputStreamOperator<EffectiveFill> fills = execs.keyBy(FillNormalizer.KEY)
                .process(new FillNormalizer(config), EffectiveFill.TYPE).uid(FillNormalizer.UID).name(FillNormalizer.NAME);
        SingleOutputStreamOperator<ReconciliationBreak> confirmationBreaks = fills.keyBy(ConfirmationMatcher.FILL_KEY)
                .connect(confs.keyBy(ConfirmationMatcher.CONFIRMATION_KEY))
                .process(new ConfirmationMatcher(config), TypeInformation.of(ReconciliationBreak.class))
                .uid(ConfirmationMatcher.UID).name(ConfirmationMatcher.NAME);
        SingleOutputStreamOperator<ReconciliationBreak> bookingBreaks = books.keyBy(BookingMatcher.BOOKING_KEY)
                .connect(fills.keyBy(BookingMatcher.FILL_KEY))
                .process(new BookingMatcher(config), TypeInformation.of(ReconciliationBreak.class))
                .uid(BookingMatcher.UID).name(BookingMatcher.NAME);
        DataStream<ReconciliationBreak> breaks = fills.getSideOutput(ReconciliationOutputs.BREAKS)
                .union(confirmationBreaks, bookingBreaks);
        DataStream<TradeLifecycleEvent> lifecycle = fills.getSideOutput(ReconciliationOutputs.LIFECYCLE)
                .union(confirmationBreaks.getSideOutput(ReconciliationOutputs.LIFECYCLE),
                        bookingBreaks.getSideOutput(ReconciliationOutputs.LIFECYCLE));
        DataStream<Alert> alerts = ReconciliationAlerts.apply(breaks, lifecycle, config);

        CloseableIterator<ReconciliationBreak> breakIt = breaks.collectAsync();
        CloseableIterator<TradeLifecycleEvent> lifecycleIt = lifecycle.collectAsync();
        CloseableIterator<Alert> alertIt = alerts.collectAsync();
        env.executeAsync("reconciliation pipeline");
        List<ReconciliationBreak> breakList = drain(breakIt);
        List<TradeLifecycleEvent> steps = drain(lifecycleIt);
        List<Alert> alertList = drain(alertIt);

        // the latest version of each break: with its inputs complete, order-1 is resolved and order-2 escalated
        Map<String, ReconciliationBreak> latest = new TreeMap<>();
        for (ReconciliationBreak b : breakList) {
            latest.merge(b.getBreakId(), b, (x, y) -> x.getVersion() >= y.getVersion() ? x : y);
        }
        Map<String, BreakStatus> unresolved = latest.values().stream()
                .filter(b -> b.getStatus() != BreakStatus.AUTO_RESOLVED)
                .collect(Collectors.toMap(b -> b.getBreakType() + " " + b.getMatchKey(), ReconciliationBreak::getStatus));
        assertThat(unresolved).containsOnly(
                Map.entry("MISSING_CONFIRMATION BINANCE/BTC-USDT/E-5", BreakStatus.ESCALATED),
                Map.entry("UNBOOKED_EXECUTION C-2", BreakStatus.ESCALATED));
        // versions of a break are contiguous from 1
        breakList.stream().collect(Collectors.groupingBy(ReconciliationBreak::getBreakId)).values().forEach(versions ->
                assertThat(versions.stream().map(ReconciliationBreak::getVersion).sorted().toList())
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList()));
        assertThat(breakList).noneMatch(b -> b.getBreakType() == BreakType.DUPLICATE_CONFLICT);

        Map<String, LifecycleState> lastStep = new TreeMap<>();
        steps.stream().sorted(Comparator.comparingLong(TradeLifecycleEvent::getVersion))
                .forEach(e -> lastStep.put(e.getTradeKey(), e.getState()));
        assertThat(lastStep).containsEntry("BINANCE/E-1", LifecycleState.CONFIRMED)
                .containsEntry("BINANCE/E-3", LifecycleState.CONFIRMED)
                .containsEntry("BINANCE/E-4", LifecycleState.BUSTED)
                .containsEntry("BINANCE/E-5", LifecycleState.FILLED)
                .containsEntry("T-C-1", LifecycleState.FILLED);

        assertThat(alertList).filteredOn(a -> a.getAlertType() == AlertType.CONFIRMATION_TIMEOUT)
                .extracting(Alert::getAlertKey).contains("BINANCE/E-5");
        assertThat(alertList).filteredOn(a -> a.getAlertType() == AlertType.BREAK_SLA_BREACH)
                .extracting(Alert::getBreakIds).flatMap(ids -> ids)
                .contains(BreakIds.of(BreakType.UNBOOKED_EXECUTION, "C-2", "booking"));
    }

    static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
