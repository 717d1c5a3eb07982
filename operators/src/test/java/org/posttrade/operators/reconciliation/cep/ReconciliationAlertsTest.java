package org.posttrade.operators.reconciliation.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.posttrade.operators.reconciliation.ReconciliationWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.contracts.Decimals;
import org.posttrade.operators.reconciliation.BreakIds;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.operators.reconciliation.ReconciliationConfig.Option;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.Severity;
import org.posttrade.schema.Side;
import org.posttrade.schema.TradeLifecycleEvent;

/** The alert patterns on a bounded stream in a MiniCluster: event time from the records, end of input ends time. */
class ReconciliationAlertsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static Instant min(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static ReconciliationBreak brk(String key, BreakType type, String venue, String instrument, int version,
                                   BreakStatus status, long eventMin, long detectedMin) {
        return ReconciliationBreak.newBuilder()
                .setBreakId(BreakIds.of(type, key, "f")).setVersion(version).setBreakType(type)
                .setSeverity(Severity.HIGH).setStatus(status).setMatchKey(key).setVenue(venue).setAccount("ACC-1")
                .setInstrument(instrument).setAsset(null).setField("f").setExpectedValue("1").setActualValue("2")
                .setDifference(Decimals.of("1")).setDescription(type + " on " + key)
                .setEventTime(min(eventMin)).setDetectedTime(min(detectedMin))
                .setResolvedTime(status == BreakStatus.AUTO_RESOLVED ? min(eventMin) : null)
                .setEvidence(List.of(EvidenceRef.newBuilder().setEventType("ExecutionReport").setEventId(venue + "/" + key)
                        .setTopic("posttrade.execution-reports").setPartition(0).setOffset(1L).build()))
                .build();
    }

    static ReconciliationBreak opened(String key, BreakType type, String venue, String instrument, long atMin) {
        return brk(key, type, venue, instrument, 1, BreakStatus.OPEN, atMin, atMin);
    }

    static TradeLifecycleEvent step(String venue, String execId, long version, LifecycleState state, long atMin) {
        String tradeKey = venue + "/" + execId;
        return TradeLifecycleEvent.newBuilder()
                .setLifecycleId(tradeKey + "/" + version).setTradeKey(tradeKey).setVersion(version).setState(state)
                .setVenue(venue).setAccount("ACC-1").setDesk(null)
                .setInstrument(new Instrument("BTC-USDT", "BTC", "USDT")).setSide(Side.BUY)
                .setQuantity(Decimals.of("1")).setPrice(Decimals.of("64000"))
                .setEventTime(min(atMin)).setProcessedTime(T0)
                .setEvidence(List.of(EvidenceRef.newBuilder().setEventType("ExecutionReport").setEventId(tradeKey)
                        .setTopic("posttrade.execution-reports").setPartition(0).setOffset(version).build()))
                .build();
    }

    static <T> List<Alert> run(List<T> input, Class<T> type,
                               BiFunction<DataStream<T>, ReconciliationConfig, DataStream<Alert>> patterns,
                               ReconciliationConfig config, SerializableTimestampAssigner<T> time) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<T> stream = env.fromData(input, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<T>forMonotonousTimestamps().withTimestampAssigner(time));
        List<Alert> out = new ArrayList<>();
        try (CloseableIterator<Alert> it = patterns.apply(stream, config).executeAndCollect("alerts")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static List<Alert> onBreaks(List<ReconciliationBreak> breaks, ReconciliationConfig config,
                                BiFunction<DataStream<ReconciliationBreak>, ReconciliationConfig,
                                        DataStream<Alert>> patterns) throws Exception {
        return run(breaks, ReconciliationBreak.class, patterns, config, new ReconciliationWatermarks.BreakTime());
    }

    static List<Alert> onLifecycle(List<TradeLifecycleEvent> steps, ReconciliationConfig config,
                                   BiFunction<DataStream<TradeLifecycleEvent>, ReconciliationConfig,
                                           DataStream<Alert>> patterns) throws Exception {
        return run(steps, TradeLifecycleEvent.class, patterns, config, new ReconciliationWatermarks.LifecycleTime());
    }

    @Test
    void nBreaksOnOneVenueWithinTheWindowAreAVenueIncident() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.builder().set(Option.VENUE_INCIDENT_COUNT, "3")
                .set(Option.VENUE_INCIDENT_WINDOW, "10 min").set(Option.ALERT_SEVERITY, "CRITICAL", "VENUE_INCIDENT").build();
        List<ReconciliationBreak> breaks = List.of(
                opened("B/1", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 0),
                opened("K/1", BreakType.MISSING_CONFIRMATION, "KRAKEN", "BTC-USDT", 0),
                // later versions of a break are not new breaks
                brk("B/1", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 2, BreakStatus.AGED, 1, 0),
                opened("B/2", BreakType.PRICE_MISMATCH, "BINANCE", "BTC-USDT", 2),
                opened("B/3", BreakType.FEE_MISMATCH, "BINANCE", "ETH-USDT", 4),
                opened("K/2", BreakType.MISSING_CONFIRMATION, "KRAKEN", "BTC-USDT", 20),
                opened("K/3", BreakType.MISSING_CONFIRMATION, "KRAKEN", "BTC-USDT", 40));

        List<Alert> alerts = onBreaks(breaks, config, VenueIncidentPattern::apply);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getAlertType()).isEqualTo(AlertType.VENUE_INCIDENT);
            assertThat(a.getAlertKey()).isEqualTo("BINANCE");
            assertThat(a.getVenue()).isEqualTo("BINANCE");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getWindowStart()).isEqualTo(min(0));
            assertThat(a.getWindowEnd()).isEqualTo(min(4));
            assertThat(a.getBreakIds()).hasSize(3);
            assertThat(a.getEvidence()).extracting(EvidenceRef::getEventType).containsOnly("ReconciliationBreak");
            assertThat(a.getAlertId()).isEqualTo(Alerts.alertId(AlertType.VENUE_INCIDENT, "BINANCE", min(0).toEpochMilli()));
        });
    }

    @Test
    void repeatedPriceMismatchesOnOneInstrumentAreAStalePriceFeed() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.builder().set(Option.STALE_PRICE_COUNT, "2")
                .set(Option.STALE_PRICE_WINDOW, "15 min").build();
        List<ReconciliationBreak> breaks = List.of(
                opened("B/1", BreakType.PRICE_MISMATCH, "BINANCE", "ETH-USDT", 1),
                opened("B/2", BreakType.QUANTITY_MISMATCH, "BINANCE", "ETH-USDT", 2),
                opened("K/1", BreakType.PRICE_MISMATCH, "KRAKEN", "ETH-USDT", 5),
                opened("B/3", BreakType.PRICE_MISMATCH, "BINANCE", "BTC-USDT", 6),
                opened("B/4", BreakType.PRICE_MISMATCH, "BINANCE", "BTC-USDT", 30));

        List<Alert> alerts = onBreaks(breaks, config, StalePriceFeedPattern::apply);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getAlertType()).isEqualTo(AlertType.STALE_PRICE_FEED);
            assertThat(a.getAlertKey()).isEqualTo("ETH-USDT");
            assertThat(a.getInstrument()).isEqualTo("ETH-USDT");
            assertThat(a.getVenue()).isNull(); // two venues
            assertThat(a.getDescription()).contains("BINANCE, KRAKEN");
        });
    }

    @Test
    void aBreakUnresolvedPastItsSlaIsABreach() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.builder().set(Option.BREAK_SLA, "30 min")
                .set(Option.BREAK_SLA, "5 min", "SIDE_MISMATCH").build();
        List<ReconciliationBreak> breaks = List.of(
                opened("A", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 0),
                opened("B", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 0),
                opened("S", BreakType.SIDE_MISMATCH, "BINANCE", "BTC-USDT", 0),
                brk("A", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 2, BreakStatus.AUTO_RESOLVED, 10, 0),
                brk("S", BreakType.SIDE_MISMATCH, "BINANCE", "BTC-USDT", 2, BreakStatus.AUTO_RESOLVED, 10, 0),
                brk("B", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 2, BreakStatus.AGED, 30, 0),
                brk("B", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 3, BreakStatus.AUTO_RESOLVED, 45, 0));

        List<Alert> alerts = onBreaks(breaks, config, BreakSlaPattern::apply);

        assertThat(alerts).extracting(Alert::getAlertKey).containsExactlyInAnyOrder(
                BreakIds.of(BreakType.MISSING_CONFIRMATION, "B", "f"), BreakIds.of(BreakType.SIDE_MISMATCH, "S", "f"));
        Alert b = alerts.stream().filter(a -> a.getBreakIds().get(0).equals(BreakIds.of(BreakType.MISSING_CONFIRMATION, "B", "f")))
                .findFirst().orElseThrow();
        assertThat(b.getAlertType()).isEqualTo(AlertType.BREAK_SLA_BREACH);
        assertThat(b.getWindowStart()).isEqualTo(min(0));
        assertThat(b.getWindowEnd()).isEqualTo(min(30));
        assertThat(b.getEvidence()).extracting(EvidenceRef::getEventType)
                .containsExactlyInAnyOrder("ExecutionReport", "ReconciliationBreak");
    }

    @Test
    void anExecutionWithoutConfirmationWithinItsVenueDeadlineTimesOut() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.builder()
                .set(Option.CONFIRMATION_DEADLINE, "2 min", "BINANCE").build();
        List<TradeLifecycleEvent> steps = List.of(
                step("BINANCE", "E-1", 10, LifecycleState.FILLED, 0),
                step("BINANCE", "E-2", 10, LifecycleState.FILLED, 0),
                step("KRAKEN", "K-1", 10, LifecycleState.FILLED, 0),
                step("BINANCE", "E-1", 11, LifecycleState.CONFIRMED, 1),
                step("BINANCE", "E-2", 11, LifecycleState.CONFIRMED, 3),
                step("KRAKEN", "K-1", 11, LifecycleState.CONFIRMED, 4),
                step("BINANCE", "E-3", 10, LifecycleState.FILLED, 5),
                step("BINANCE", "E-3", 20, LifecycleState.BUSTED, 6),
                step("KRAKEN", "K-2", 10, LifecycleState.FILLED, 10),
                step("KRAKEN", "K-3", 10, LifecycleState.FILLED, 20));

        List<Alert> alerts = onLifecycle(steps, config, ConfirmationTimeoutPattern::apply);

        // K-3 is still waiting when the input ends, which ends event time
        assertThat(alerts).extracting(Alert::getAlertKey)
                .containsExactlyInAnyOrder("BINANCE/E-2", "KRAKEN/K-2", "KRAKEN/K-3");
        Alert e2 = alerts.stream().filter(a -> a.getAlertKey().equals("BINANCE/E-2")).findFirst().orElseThrow();
        assertThat(e2.getAlertType()).isEqualTo(AlertType.CONFIRMATION_TIMEOUT);
        assertThat(e2.getWindowEnd()).isEqualTo(min(2));
        Alert k2 = alerts.stream().filter(a -> a.getAlertKey().equals("KRAKEN/K-2")).findFirst().orElseThrow();
        assertThat(k2.getWindowEnd()).isEqualTo(min(15));
    }

    @Test
    void aTradeCorrectedMoreThanKTimesIsExcessive() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.builder().set(Option.CORRECTIONS_MAX, "2").build();
        List<TradeLifecycleEvent> steps = List.of(
                step("BINANCE", "E-1", 10, LifecycleState.FILLED, 0),
                step("BINANCE", "E-2", 10, LifecycleState.FILLED, 0),
                step("BINANCE", "E-1", 20, LifecycleState.CORRECTED, 1),
                step("BINANCE", "E-2", 20, LifecycleState.CORRECTED, 1),
                step("BINANCE", "E-1", 21, LifecycleState.CONFIRMED, 2),
                step("BINANCE", "E-1", 30, LifecycleState.CORRECTED, 3),
                step("BINANCE", "E-2", 30, LifecycleState.CORRECTED, 3),
                step("BINANCE", "E-1", 40, LifecycleState.CORRECTED, 4));

        List<Alert> alerts = onLifecycle(steps, config, ExcessiveCorrectionsPattern::apply);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getAlertType()).isEqualTo(AlertType.EXCESSIVE_CORRECTIONS);
            assertThat(a.getAlertKey()).isEqualTo("BINANCE/E-1");
            assertThat(a.getWindowStart()).isEqualTo(min(1));
            assertThat(a.getWindowEnd()).isEqualTo(min(4));
        });
    }

    @Test
    void allPatternsRunTogether() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<ReconciliationBreak> breaks = env.fromData(List.of(
                        opened("B/1", BreakType.MISSING_CONFIRMATION, "BINANCE", "BTC-USDT", 0)),
                        TypeInformation.of(ReconciliationBreak.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ReconciliationBreak>forMonotonousTimestamps()
                        .withTimestampAssigner(new ReconciliationWatermarks.BreakTime()));
        DataStream<TradeLifecycleEvent> lifecycle = env.fromData(List.of(
                        step("BINANCE", "E-1", 10, LifecycleState.FILLED, 0)), TypeInformation.of(TradeLifecycleEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<TradeLifecycleEvent>forMonotonousTimestamps()
                        .withTimestampAssigner(new ReconciliationWatermarks.LifecycleTime()));
        List<Alert> out = new ArrayList<>();
        try (CloseableIterator<Alert> it = ReconciliationAlerts.apply(breaks, lifecycle, ReconciliationConfig.defaults())
                .executeAndCollect("all alerts")) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).extracting(Alert::getAlertType)
                .containsExactlyInAnyOrder(AlertType.BREAK_SLA_BREACH, AlertType.CONFIRMATION_TIMEOUT);
    }
}
