package org.posttrade.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Sourced;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.operators.positions.PositionsConfig;
import org.posttrade.operators.positions.VenueBalance;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.sinks.clickhouse.rows.VenueBalanceRow;

class PositionsPipelineTest {

    @Test
    void configReadsTheJobsFlatPositionsSettingsAndRefusesUnknownOnes() {
        PositionsConfig config = PositionsPipeline.config(JobConfig.of(Map.of(
                "positions.cost-method", "AVERAGE_COST", "positions.cost-method.ACC-1", "FIFO",
                "positions.reporting-currency", "USDT", "positions.remark.interval", "30 s",
                "kafka.group.id", "ignored-here")));
        assertThat(config.costMethod("ACC-9")).isEqualTo(CostMethod.AVERAGE_COST);
        assertThat(config.costMethod("ACC-1")).isEqualTo(CostMethod.FIFO);
        assertThat(config.reportingCurrency()).isEqualTo("USDT");
        assertThat(config.remarkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PositionsPipeline.config(JobConfig.of(Map.of())).costMethod("ACC-1")).isEqualTo(CostMethod.FIFO);

        assertThatThrownBy(() -> PositionsPipeline.config(JobConfig.of(Map.of("positions.cost-methd", "FIFO"))))
                .hasMessageContaining("positions.cost-methd");
    }

    @Test
    void connectAttachesEverySinkWithAStableUid() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var executions = env.fromData(List.<Sourced<ExecutionReport>>of(),
                TypeInformation.of(new TypeHint<Sourced<ExecutionReport>>() {}));
        var marks = env.fromData(List.<Sourced<MarkPrice>>of(),
                TypeInformation.of(new TypeHint<Sourced<MarkPrice>>() {}));
        PositionsPipeline.Outputs out = new PositionsPipeline(PositionsConfig.defaults())
                .buildFromExecutions(executions, marks, ReconciliationConfig.fromProperties(Map.of()));
        PositionsPipeline.connect(out, new DiscardingSinks());

        List<String> uids = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(Objects::nonNull).toList();
        assertThat(uids).contains(PositionsPipeline.SINK_POSITION_UPDATES_UID, PositionsPipeline.SINK_POSITIONS_UID,
                PositionsPipeline.SINK_POSITIONS_HISTORY_UID, PositionsPipeline.SINK_VENUE_BALANCES_UID,
                PositionsPipeline.FILL_NORMALIZER_UID);
        assertThat(uids).doesNotHaveDuplicates();
    }

    @Test
    void venueBalanceBecomesItsRowUnchanged() {
        EvidenceRef ref = EvidenceRef.newBuilder().setEventType("ExecutionReport").setEventId("BINANCE/e-1").build();
        VenueBalance b = new VenueBalance("BINANCE", "ACC-1", "BTC", new BigDecimal("-0.123456789012345678"), null,
                4, 1_772_705_730_123L, List.of(ref));
        assertThat(ClickHousePositionsSinks.VenueBalanceMapper.row(b)).isEqualTo(new VenueBalanceRow("BINANCE",
                "ACC-1", "BTC", 4, new BigDecimal("-0.123456789012345678"), null, 1_772_705_730_123L, List.of(ref)));
        assertThat(new ClickHousePositionsSinks.VenueBalanceMapper().rowKey(b)).isEqualTo("BINANCE/ACC-1/BTC/4");
        assertThat(new ClickHousePositionsSinks.VenueBalanceMapper().table()).isEqualTo("venue_balances");
    }

    private static final class DiscardingSinks implements PositionsSinks {
        @Override
        public Sink<PositionUpdate> positionUpdatesTopic() { return new DiscardingSink<>(); }

        @Override
        public Sink<PositionUpdate> positionsTable() { return new DiscardingSink<>(); }

        @Override
        public Sink<PositionUpdate> positionsHistoryTable() { return new DiscardingSink<>(); }

        @Override
        public Sink<VenueBalance> venueBalancesTable() { return new DiscardingSink<>(); }
    }
}
