package org.posttrade.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.posttrade.sinks.clickhouse.ClickHouseSinkOptions;

/**
 * Every setting of the pipeline's jobs, declared once with its key, default and description. The README's
 * configuration reference is generated from this class ({@code PosttradeTool config-reference}) and a test keeps
 * the two in step. Settings come from {@code --key value} arguments, a {@code --config file.properties}, or the
 * environment variables named in {@link JobConfig}.
 */
public final class PipelineOptions {
    private PipelineOptions() {}

    // ---- Kafka
    public static final ConfigOption<String> KAFKA_BOOTSTRAP = key("kafka.bootstrap.servers").stringType()
            .defaultValue("127.0.0.1:19092").withDescription("Kafka bootstrap servers. Env: POSTTRADE_KAFKA_BOOTSTRAP.");
    public static final ConfigOption<String> KAFKA_GROUP_ID = key("kafka.group.id").stringType()
            .defaultValue("posttrade-ingest").withDescription("Consumer group of the job's Kafka sources (offsets are "
                    + "committed on checkpoints, for monitoring; the job restores from its own checkpoints).");
    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS = key("kafka.starting-offsets").stringType()
            .defaultValue("committed-or-earliest").withDescription("Where a job without a checkpoint starts: "
                    + "committed-or-earliest, earliest or latest.");
    public static final ConfigOption<String> KAFKA_STOPPING_OFFSETS = key("kafka.stopping-offsets").stringType()
            .defaultValue("none").withDescription("none: the job runs forever (production). latest: the sources stop "
                    + "at the end offsets they find when the job starts (last committed record under read_committed) "
                    + "and the job finishes once everything before them is processed and committed: a bounded replay "
                    + "or a test run.");
    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT = key("kafka.transaction.timeout")
            .durationType().defaultValue(Duration.ofMinutes(10)).withDescription("Transaction timeout of the "
                    + "exactly-once Kafka sinks; must not exceed the brokers' transaction.max.timeout.ms (15 min by "
                    + "default) and must exceed the checkpoint interval plus the longest expected restart.");
    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix")
            .stringType().defaultValue("posttrade-ingest").withDescription("Prefix of the Kafka sinks' "
                    + "transactional ids; unique per job on a cluster.");
    public static final ConfigOption<Integer> KAFKA_REPLICATION_FACTOR = key("kafka.topic.replication-factor")
            .intType().defaultValue(1).withDescription("Replication factor of topics the tooling creates (setup).");
    public static final String KAFKA_PROPERTY_PREFIX = "kafka.property.";

    // ---- Topics
    public static final String TOPIC_PREFIX = "topic.";

    // ---- Schema registry
    public static final ConfigOption<String> REGISTRY_URL = key("registry.url").stringType()
            .defaultValue("http://127.0.0.1:18081/apis/ccompat/v7").withDescription("Schema Registry URL(s), comma "
                    + "separated (Confluent API; Apicurio's ccompat path works). Env: POSTTRADE_REGISTRY_URL.");
    public static final String REGISTRY_PROPERTY_PREFIX = "registry.property.";

    // ---- ClickHouse: the sink's own options (org.posttrade.sinks.clickhouse.ClickHouseSinkOptions), listed in all()

    // ---- Time and state
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval").durationType()
            .defaultValue(Duration.ofSeconds(10)).withDescription("Exactly-once checkpoint interval; ClickHouse rows "
                    + "and Kafka transactions are committed at this pace.");
    public static final ConfigOption<Duration> WATERMARK_OUT_OF_ORDERNESS = key("watermark.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(30)).withDescription("Bounded out-of-orderness of event time.");
    public static final ConfigOption<Duration> WATERMARK_IDLENESS = key("watermark.idle-timeout").durationType()
            .defaultValue(Duration.ofMinutes(1)).withDescription("A partition without data for this long stops holding "
                    + "back the watermark.");

    // ---- Validation
    public static final ConfigOption<List<String>> REFERENCE_INSTRUMENTS = key("reference.instruments").stringType()
            .asList().defaultValues("BTC-USDT", "ETH-USDT", "ETH-USD", "BTC-USD", "SOL-USDC", "SOL-USD", "ETH-BTC",
                    "USDT-USD", "USDC-USD", "BNB-USDT", "BNB-USD")
            .withDescription("Instruments the firm trades (BASE-QUOTE, ';' separated); others are dead-lettered.");
    public static final ConfigOption<String> VALIDATION_MAX_PRICE = key("validation.max-price").stringType()
            .defaultValue("1000000000").withDescription("Prices above this are refused as insane (decimal).");

    // ---- Reconciliation (its recon.* settings are declared by ReconciliationConfig.Option, see operators/RECONCILIATION.md)
    public static final ConfigOption<Boolean> RECONCILIATION_ENABLED = key("reconciliation.enabled").booleanType()
            .defaultValue(true).withDescription("Reconcile fills with venue confirmations and OMS bookings: breaks "
                    + "(Kafka, exactly-once, and ClickHouse breaks, breaks_history, audit_log), trade lifecycle and "
                    + "CEP alerts. Tuned by the recon.* settings of operators/RECONCILIATION.md.");

    public static final ConfigOption<Boolean> POSITIONS_ENABLED = key("positions.enabled").booleanType()
            .defaultValue(true).withDescription("Running positions and P&L from the normalized fills and mark prices: "
                    + "topic posttrade.position-updates (exactly-once) and ClickHouse positions, positions_history, "
                    + "venue_balances. Tuned by the positions.* settings of operators/POSITIONS.md.");
    public static final ConfigOption<Boolean> SETTLEMENT_ENABLED = key("settlement.enabled").booleanType()
            .defaultValue(true).withDescription("Netting per settlement cycle, instructions at each cut-off and custodian "
                    + "matching with finality: topic posttrade.settlement-instructions (exactly-once), ClickHouse "
                    + "settlement_instructions and settlement_status; settlement breaks join the break stream. Tuned "
                    + "by the settlement.* settings of operators/SETTLEMENT.md.");

    /** All declared options, for the generated reference. */
    public static List<ConfigOption<?>> all() {
        return List.of(KAFKA_BOOTSTRAP, KAFKA_GROUP_ID, KAFKA_STARTING_OFFSETS, KAFKA_STOPPING_OFFSETS,
                KAFKA_TRANSACTION_TIMEOUT,
                KAFKA_TRANSACTIONAL_ID_PREFIX, KAFKA_REPLICATION_FACTOR, REGISTRY_URL,
                ClickHouseSinkOptions.ENDPOINTS, ClickHouseSinkOptions.DATABASE, ClickHouseSinkOptions.USERNAME,
                ClickHouseSinkOptions.PASSWORD, ClickHouseSinkOptions.PASSWORD_ENV, ClickHouseSinkOptions.CONNECT_TIMEOUT,
                ClickHouseSinkOptions.REQUEST_TIMEOUT, ClickHouseSinkOptions.BATCH_MAX_ROWS,
                ClickHouseSinkOptions.BATCH_MAX_BYTES, ClickHouseSinkOptions.BATCH_MAX_DELAY,
                ClickHouseSinkOptions.RETRY_INITIAL_BACKOFF, ClickHouseSinkOptions.RETRY_MAX_BACKOFF,
                ClickHouseSinkOptions.RETRY_MULTIPLIER, ClickHouseSinkOptions.RETRY_MAX_ATTEMPTS,
                ClickHouseSinkOptions.RETRY_MAX_DURATION, ClickHouseSinkOptions.REJECTED_MAX_PER_BATCH,
                ClickHouseSinkOptions.DELIVERY_GUARANTEE,
                CHECKPOINT_INTERVAL, WATERMARK_OUT_OF_ORDERNESS, WATERMARK_IDLENESS, REFERENCE_INSTRUMENTS,
                VALIDATION_MAX_PRICE, RECONCILIATION_ENABLED, POSITIONS_ENABLED, SETTLEMENT_ENABLED);
    }
}
