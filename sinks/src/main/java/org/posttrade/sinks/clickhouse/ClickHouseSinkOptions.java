package org.posttrade.sinks.clickhouse;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Every option of the ClickHouse sink, declared once with its key, default and description (a configuration
 * reference can be generated from this class). {@link ClickHouseSink.Builder#configure} reads them; validation
 * messages name these keys.
 */
public final class ClickHouseSinkOptions {

    public static final ConfigOption<List<String>> ENDPOINTS = ConfigOptions.key("clickhouse.endpoints")
            .stringType().asList().noDefaultValue()
            .withDescription("HTTP(S) URLs of the ClickHouse servers, e.g. http://127.0.0.1:8123. With several, a "
                    + "request that fails transiently is retried on the next one.");

    public static final ConfigOption<String> DATABASE = ConfigOptions.key("clickhouse.database")
            .stringType().defaultValue("default").withDescription("Database of the mapper's table.");

    public static final ConfigOption<String> USERNAME = ConfigOptions.key("clickhouse.username")
            .stringType().defaultValue("default").withDescription("User for HTTP basic authentication.");

    public static final ConfigOption<String> PASSWORD = ConfigOptions.key("clickhouse.password")
            .stringType().noDefaultValue()
            .withDescription("Password. Prefer clickhouse.password-env, which keeps the secret out of the job graph.");

    public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("clickhouse.password-env")
            .stringType().noDefaultValue()
            .withDescription("Name of an environment variable of the TaskManagers that holds the password; read "
                    + "when the writer opens.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOptions.key("clickhouse.connect-timeout")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("TCP connect timeout.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("clickhouse.request-timeout")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("Time an INSERT may take before it counts as a transient failure and is retried.");

    public static final ConfigOption<Integer> BATCH_MAX_ROWS = ConfigOptions.key("sink.batch.max-rows")
            .intType().defaultValue(100_000)
            .withDescription("Rows buffered per writer before an INSERT is sent (write() blocks meanwhile).");

    public static final ConfigOption<MemorySize> BATCH_MAX_BYTES = ConfigOptions.key("sink.batch.max-bytes")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(32))
            .withDescription("RowBinary bytes buffered per writer before an INSERT is sent.");

    public static final ConfigOption<Duration> BATCH_MAX_DELAY = ConfigOptions.key("sink.batch.max-delay")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Longest time a row waits in the buffer before a partial batch is sent.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF = ConfigOptions.key("sink.retry.initial-backoff")
            .durationType().defaultValue(RetryPolicy.DEFAULT_INITIAL_BACKOFF)
            .withDescription("Ceiling of the first retry delay (the delay is uniform between 0 and the ceiling).");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF = ConfigOptions.key("sink.retry.max-backoff")
            .durationType().defaultValue(RetryPolicy.DEFAULT_MAX_BACKOFF)
            .withDescription("Largest ceiling of a retry delay.");

    public static final ConfigOption<Double> RETRY_MULTIPLIER = ConfigOptions.key("sink.retry.multiplier")
            .doubleType().defaultValue(RetryPolicy.DEFAULT_MULTIPLIER)
            .withDescription("Growth of the delay ceiling per retry.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS = ConfigOptions.key("sink.retry.max-attempts")
            .intType().defaultValue(RetryPolicy.DEFAULT_MAX_ATTEMPTS)
            .withDescription("Attempts per INSERT request (first included) before the job fails.");

    public static final ConfigOption<Duration> RETRY_MAX_DURATION = ConfigOptions.key("sink.retry.max-duration")
            .durationType().defaultValue(RetryPolicy.DEFAULT_MAX_RETRY_DURATION)
            .withDescription("Time an INSERT request is retried after its first failure before the job fails.");

    public static final ConfigOption<Integer> REJECTED_MAX_PER_BATCH = ConfigOptions.key("sink.rejected.max-per-batch")
            .intType().defaultValue(100)
            .withDescription("Refused rows tolerated in one batch; beyond it the job fails, because that many "
                    + "refusals mean the mapper and the table disagree rather than a few bad rows.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = ConfigOptions
            .key("sink.delivery-guarantee").enumType(DeliveryGuarantee.class).defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
            .withDescription("exactly-once: rows are inserted by the sink's committer once their checkpoint completes "
                    + "(visible one checkpoint later; a failed attempt writes nothing). at-least-once: batches are "
                    + "inserted as they fill and on each checkpoint; a replay writes its keys again.");

    private ClickHouseSinkOptions() {
    }
}
