package org.posttrade.jobs.positions;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.posttrade.contracts.Sourced;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.operators.positions.AssetBalances;
import org.posttrade.operators.positions.FillVersions;
import org.posttrade.operators.positions.InstrumentPositions;
import org.posttrade.operators.positions.MarkPoint;
import org.posttrade.operators.positions.MarkPoints;
import org.posttrade.operators.positions.PositionDelta;
import org.posttrade.operators.positions.PositionOutputs;
import org.posttrade.operators.positions.PositionsConfig;
import org.posttrade.operators.positions.VenueBalance;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.operators.reconciliation.FillNormalizer;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.PositionUpdate;

/**
 * Positions and P&L (operators/POSITIONS.md): effective fill versions applied exactly once to instrument positions
 * and asset balances, valued with the mark price graph (broadcast), as one {@code PositionUpdate} stream with
 * deterministic versions per key, plus the balances per venue. {@link #connect} attaches them to {@link PositionsSinks}
 * (in production {@link ClickHousePositionsSinks}: the {@code posttrade.position-updates} topic and the
 * {@code positions} / {@code positions_history} / {@code venue_balances} tables).
 *
 * <p>Inputs must carry event time (fills: their transactTime through FillNormalizer; marks: priceTime or the Kafka
 * timestamp) with watermarks: re-marks are event-time timers.
 */
public final class PositionsPipeline {
    /** uid of the FillNormalizer that {@link #buildFromExecutions} adds (distinct from reconciliation's own). */
    public static final String FILL_NORMALIZER_UID = "positions-fill-normalizer";
    /** uids of the sinks that {@link #connect} attaches: stable, so a savepoint restores their state. */
    public static final String SINK_POSITION_UPDATES_UID = "sink-kafka-position-updates";
    public static final String SINK_POSITIONS_UID = "sink-clickhouse-positions";
    public static final String SINK_POSITIONS_HISTORY_UID = "sink-clickhouse-positions-history";
    public static final String SINK_VENUE_BALANCES_UID = "sink-clickhouse-venue-balances";

    private final PositionsConfig config;

    public PositionsPipeline(PositionsConfig config) {
        this.config = config;
    }

    /**
     * The positions settings of a job: its flat {@code positions.*} keys (operators/POSITIONS.md lists them),
     * validated: an unknown {@code positions.*} key or a malformed value fails here, naming the key.
     */
    public static PositionsConfig config(JobConfig job) {
        return job.positions();
    }

    /**
     * Connects what positions produce to their sinks, each with a stable uid: every update to the position-updates
     * topic (exactly-once) and to positions_history, the latest per key to positions, every venue balance version to
     * venue_balances.
     */
    public static void connect(Outputs outputs, PositionsSinks sinks) {
        outputs.positions().sinkTo(sinks.positionUpdatesTopic())
                .uid(SINK_POSITION_UPDATES_UID).name("position updates → Kafka");
        outputs.positions().sinkTo(sinks.positionsTable())
                .uid(SINK_POSITIONS_UID).name("position updates → ClickHouse positions");
        outputs.positions().sinkTo(sinks.positionsHistoryTable())
                .uid(SINK_POSITIONS_HISTORY_UID).name("position updates → ClickHouse positions_history");
        outputs.venueBalances().sinkTo(sinks.venueBalancesTable())
                .uid(SINK_VENUE_BALANCES_UID).name("venue balances → ClickHouse venue_balances");
    }

    /** What positions produce (not yet connected to any sink). */
    public record Outputs(DataStream<PositionUpdate> positions, DataStream<VenueBalance> venueBalances) {}

    /** From the effective fills of a FillNormalizer the job shares with reconciliation. */
    public Outputs build(DataStream<EffectiveFill> fills, DataStream<Sourced<MarkPrice>> marks) {
        BroadcastStream<MarkPoint> graph = marks
                .map(new MarkPoints(), MarkPoints.TYPE).uid(MarkPoints.UID).name(MarkPoints.NAME)
                .broadcast(PositionOutputs.MARKS);
        SingleOutputStreamOperator<PositionDelta> deltas = fills.keyBy(FillVersions.KEY)
                .process(new FillVersions(config), FillVersions.TYPE)
                .uid(FillVersions.UID).name(FillVersions.NAME);
        SingleOutputStreamOperator<PositionUpdate> instruments = deltas.keyBy(InstrumentPositions.KEY)
                .connect(graph)
                .process(new InstrumentPositions(config), InstrumentPositions.TYPE)
                .uid(InstrumentPositions.UID).name(InstrumentPositions.NAME);
        SingleOutputStreamOperator<PositionUpdate> assets = deltas.getSideOutput(PositionOutputs.ASSET_MOVEMENTS)
                .keyBy(AssetBalances.KEY)
                .connect(graph)
                .process(new AssetBalances(config), InstrumentPositions.TYPE)
                .uid(AssetBalances.UID).name(AssetBalances.NAME);
        return new Outputs(instruments.union(assets), assets.getSideOutput(PositionOutputs.VENUE_BALANCES));
    }

    /** Convenience when no FillNormalizer is shared: adds one (uid {@value #FILL_NORMALIZER_UID}). */
    public Outputs buildFromExecutions(DataStream<Sourced<ExecutionReport>> executions,
                                       DataStream<Sourced<MarkPrice>> marks, ReconciliationConfig reconciliation) {
        SingleOutputStreamOperator<EffectiveFill> fills = executions.keyBy(FillNormalizer.KEY)
                .process(new FillNormalizer(reconciliation), EffectiveFill.TYPE)
                .uid(FILL_NORMALIZER_UID).name("Positions: effective fills (corrections, busts, duplicates)");
        return build(fills, marks);
    }
}
