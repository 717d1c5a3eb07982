package org.posttrade.jobs.ingest;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.Sourced;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.config.PipelineOptions;
import org.posttrade.jobs.reconciliation.ClickHouseReconciliationSinks;
import org.posttrade.jobs.reconciliation.ReconciliationPipeline;
import org.posttrade.jobs.reconciliation.ReconciliationSinks;
import org.posttrade.jobs.positions.ClickHousePositionsSinks;
import org.posttrade.jobs.positions.PositionsPipeline;
import org.posttrade.jobs.positions.PositionsSinks;
import org.posttrade.jobs.settlement.ClickHouseSettlementSinks;
import org.posttrade.jobs.settlement.SettlementPipeline;
import org.posttrade.jobs.settlement.SettlementSinks;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.operators.reconciliation.ReconciliationWatermarks;
import org.posttrade.operators.validation.CustodianConfirmationValidator;
import org.posttrade.operators.validation.ExecutionReportValidator;
import org.posttrade.operators.validation.InternalTradeValidator;
import org.posttrade.operators.validation.MarkPriceValidator;
import org.posttrade.operators.validation.RecordValidator;
import org.posttrade.operators.validation.ReferenceData;
import org.posttrade.operators.validation.ValidateOrDeadLetter;
import org.posttrade.operators.validation.VenueConfirmationValidator;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.VenueConfirmation;

/**
 * The first job of the pipeline: consumes every input topic, validates each record, lands valid events in
 * ClickHouse with their Kafka coordinates as evidence, and routes every undecodable or invalid record to the
 * dead-letter topic (exactly-once) and table with its reason. The valid fills are normalized once (corrections, busts,
 * duplicates) and feed, each switched by its {@code *.enabled} option: reconciliation against confirmations and
 * bookings ({@link ReconciliationPipeline}), positions and P&L ({@link PositionsPipeline}) and clearing and settlement
 * ({@link SettlementPipeline}), whose breaks join reconciliation's break stream.
 *
 * <p>The job receives its sinks, so tests run exactly this wiring against the services they choose.
 */
public final class IngestJob {
    private final JobConfig config;
    private final KafkaSources sources;
    private final IngestSinks sinks;
    private final ReconciliationSinks reconciliationSinks;
    private final PositionsSinks positionsSinks;
    private final SettlementSinks settlementSinks;

    public IngestJob(JobConfig config, KafkaSources sources, IngestSinks sinks, ReconciliationSinks reconciliationSinks,
                     PositionsSinks positionsSinks, SettlementSinks settlementSinks) {
        this.config = config;
        this.sources = sources;
        this.sinks = sinks;
        this.reconciliationSinks = reconciliationSinks;
        this.positionsSinks = positionsSinks;
        this.settlementSinks = settlementSinks;
    }

    /** With the production sinks of positions and settlement. */
    public IngestJob(JobConfig config, KafkaSources sources, IngestSinks sinks, ReconciliationSinks reconciliationSinks) {
        this(config, sources, sinks, reconciliationSinks, new ClickHousePositionsSinks(config),
                new ClickHouseSettlementSinks(config));
    }

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new IngestJob(config, new KafkaSources(config), new ClickHouseIngestSinks(config),
                new ClickHouseReconciliationSinks(config)).build(env);
        env.execute("posttrade-ingest");
    }

    /** Adds the job's pipeline to the environment; returns reconciliation's outputs, or null when it is disabled. */
    public ReconciliationPipeline.Outputs build(StreamExecutionEnvironment env) {
        env.enableCheckpointing(config.get(PipelineOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // operators here never change their input, and those keeping records in state get them freshly deserialized
        // after a keyBy: reuse saves a deep copy of every record per chained step
        env.getConfig().enableObjectReuse();
        ReferenceData reference = config.referenceData();

        SingleOutputStreamOperator<Sourced<ExecutionReport>> executions = ingest(env, Stream.EXECUTION_REPORTS,
                ExecutionReport.class, new TypeHint<Decoded<ExecutionReport>>() {}, new TypeHint<Sourced<ExecutionReport>>() {},
                new ReconciliationWatermarks.ExecutionTime(), new ExecutionReportValidator(reference),
                sinks.executions(), "executions");
        SingleOutputStreamOperator<Sourced<InternalTrade>> bookings = ingest(env, Stream.INTERNAL_TRADES,
                InternalTrade.class, new TypeHint<Decoded<InternalTrade>>() {}, new TypeHint<Sourced<InternalTrade>>() {},
                new ReconciliationWatermarks.BookingTime(), new InternalTradeValidator(reference),
                sinks.internalTrades(), "internal_trades");
        SingleOutputStreamOperator<Sourced<VenueConfirmation>> confirmations = ingest(env, Stream.VENUE_CONFIRMATIONS,
                VenueConfirmation.class, new TypeHint<Decoded<VenueConfirmation>>() {},
                new TypeHint<Sourced<VenueConfirmation>>() {}, new ReconciliationWatermarks.ConfirmationTime(),
                new VenueConfirmationValidator(reference), sinks.venueConfirmations(), "venue_confirmations");
        SingleOutputStreamOperator<Sourced<CustodianConfirmation>> custodian = ingest(env,
                Stream.CUSTODIAN_CONFIRMATIONS, CustodianConfirmation.class,
                new TypeHint<Decoded<CustodianConfirmation>>() {}, new TypeHint<Sourced<CustodianConfirmation>>() {},
                null, new CustodianConfirmationValidator(), sinks.custodianMovements(), "custodian_movements");
        SingleOutputStreamOperator<Sourced<MarkPrice>> marks = ingest(env, Stream.MARK_PRICES, MarkPrice.class,
                new TypeHint<Decoded<MarkPrice>>() {}, new TypeHint<Sourced<MarkPrice>>() {},
                null, new MarkPriceValidator(reference), sinks.markPrices(), "mark_prices");

        DataStream<DeadLetter> deadLetters = executions.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS).union(
                bookings.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS),
                confirmations.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS),
                custodian.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS),
                marks.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS));
        deadLetters.sinkTo(sinks.deadLetterTopic()).uid("sink-kafka-dead-letters").name("dead letters → Kafka");
        deadLetters.sinkTo(sinks.deadLetterTable()).uid("sink-clickhouse-dead-letters").name("dead letters → ClickHouse");

        boolean reconcile = config.get(PipelineOptions.RECONCILIATION_ENABLED);
        boolean positions = config.get(PipelineOptions.POSITIONS_ENABLED);
        boolean settle = config.get(PipelineOptions.SETTLEMENT_ENABLED);
        if (!reconcile && !positions && !settle) {
            return null;
        }
        SingleOutputStreamOperator<EffectiveFill> fills =
                ReconciliationPipeline.normalize(executions, config.reconciliation());
        if (positions) {
            PositionsPipeline.connect(new PositionsPipeline(PositionsPipeline.config(config)).build(fills, marks),
                    positionsSinks);
        }
        DataStream<ReconciliationBreak> settlementBreaks = null;
        if (settle) {
            SettlementPipeline.Outputs settlement =
                    new SettlementPipeline(SettlementPipeline.config(config)).build(fills, custodian);
            SettlementPipeline.connect(settlement, settlementSinks);
            settlementBreaks = settlement.breaks();
        }
        if (reconcile) {
            return new ReconciliationPipeline(config.reconciliation(), reconciliationSinks)
                    .build(fills, bookings, confirmations, settlementBreaks);
        }
        if (settlementBreaks != null) {
            ReconciliationPipeline.connectBreaks(settlementBreaks, reconciliationSinks, config.reconciliation());
        }
        return null;
    }

    /**
     * Source → validate → table for one input stream; returns the valid records (dead letters on its side output),
     * with event time = {@code businessTime}, or the Kafka timestamp when null.
     */
    private <T extends SpecificRecord> SingleOutputStreamOperator<Sourced<T>> ingest(
            StreamExecutionEnvironment env, Stream stream, Class<T> recordClass, TypeHint<Decoded<T>> decodedType,
            TypeHint<Sourced<T>> sourcedType, SerializableTimestampAssigner<Sourced<T>> businessTime,
            RecordValidator<T> validator, Sink<Sourced<T>> table, String tableName) {
        String name = config.topic(stream);
        String id = stream.name().toLowerCase().replace('_', '-');
        TypeInformation<Decoded<T>> decodedInfo = TypeInformation.of(decodedType);

        WatermarkStrategy<Decoded<T>> watermarks = watermarks();
        if (businessTime != null) {
            watermarks = watermarks.withTimestampAssigner(new SourceEventTime<>(businessTime));
        }
        DataStream<Decoded<T>> decoded = env.fromSource(sources.source(stream, recordClass, decodedInfo),
                        watermarks, "kafka " + name)
                .uid("source-" + id);
        SingleOutputStreamOperator<Sourced<T>> valid = decoded
                .process(new ValidateOrDeadLetter<>(validator), TypeInformation.of(sourcedType))
                .uid("validate-" + id).name("validate " + id);
        valid.sinkTo(table).uid("sink-clickhouse-" + id).name(id + " → ClickHouse " + tableName);
        return valid;
    }

    private <T> WatermarkStrategy<T> watermarks() {
        // per partition (in the source); idle partitions must not stall event time
        Duration outOfOrder = config.get(PipelineOptions.WATERMARK_OUT_OF_ORDERNESS);
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrder)
                .withIdleness(config.get(PipelineOptions.WATERMARK_IDLENESS));
    }
}
