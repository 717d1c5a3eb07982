package org.posttrade.sinks.clickhouse;

import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseColumn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into one ClickHouse table, AT-LEAST-ONCE: a completed checkpoint means every row before it is
 * stored in ClickHouse (or was refused and handed to the {@link RejectedRowHandler}, which has flushed too). After a
 * failure, rows since the last checkpoint are written again, so the target table must tolerate duplicates: a
 * ReplacingMergeTree keyed like {@link ClickHouseRowMapper#rowKey}, read through FINAL or latest-version views.
 *
 * <p>Rows are encoded in RowBinary as they arrive and sent in batches bounded by rows, bytes and age; a full buffer
 * blocks the task (backpressure). Outages are retried under a {@link RetryPolicy}; once its budget is spent the job
 * fails and restarts from its last checkpoint. A batch the server refuses because of some rows is bisected until
 * those rows are isolated; they go to the handler with the server's reason and the rest is stored.
 *
 * <p>{@link Builder#buildExactlyOnce()} builds the exactly-once sibling, {@link ExactlyOnceClickHouseSink}, which
 * inserts only rows of completed checkpoints; the pipeline uses it by default.
 *
 * <pre>{@code
 * ClickHouseSink<Execution> sink = ClickHouseSink.<Execution>builder()
 *         .endpoints("http://clickhouse:8123").database("posttrade").username("writer").passwordEnv("CH_PASSWORD")
 *         .mapper(new ExecutionRowMapper())
 *         .rejectedRowHandler(KafkaDeadLetterHandler.<Execution>builder()...build())
 *         .build();
 * }</pre>
 */
public final class ClickHouseSink<IN> implements Sink<IN> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSink.class);

    private final ClickHouseSinkSettings settings;
    private final RetryPolicy retryPolicy;
    private final ClickHouseRowMapper<IN> mapper;
    private final RejectedRowHandler<IN> rejectedRowHandler;

    private ClickHouseSink(ClickHouseSinkSettings settings, RetryPolicy retryPolicy, ClickHouseRowMapper<IN> mapper,
                           RejectedRowHandler<IN> rejectedRowHandler) {
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.mapper = mapper;
        this.rejectedRowHandler = rejectedRowHandler;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public ClickHouseSinkSettings settings() { return settings; }

    public RetryPolicy retryPolicy() { return retryPolicy; }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
        String insert = insertStatement(settings, mapper);
        LOG.info("Opening ClickHouse sink writer: {} {} {} handler={}", insert, settings, retryPolicy,
                rejectedRowHandler);
        RejectedRowHandler.Writer<IN> rejected = RejectedRows.open(rejectedRowHandler, context);
        ClickHouseInserter inserter = new HttpClickHouseInserter(settings, settings.resolvePassword(), insert);
        return new ClickHouseSinkWriter<>(mapper, settings, retryPolicy, schema(settings, mapper), inserter, rejected,
                context.getProcessingTimeService(), new ClickHouseSinkMetrics(context.metricGroup()),
                !context.isObjectReuseEnabled());
    }

    /** The target table as the RowBinary writer needs it. */
    static TableSchema schema(ClickHouseSinkSettings settings, ClickHouseRowMapper<?> mapper) {
        return new TableSchema(mapper.table(), "", settings.database(), columns(mapper));
    }

    /** {@code INSERT INTO db.table (columns...) FORMAT RowBinary} for the mapper's columns. */
    static String insertStatement(ClickHouseSinkSettings settings, ClickHouseRowMapper<?> mapper) {
        return HttpClickHouseInserter.insertStatement(settings.database(), mapper.table(),
                columns(mapper).stream().map(ClickHouseColumn::getColumnName).toList());
    }

    /** The mapper's columns, parsed as client-v2 needs them (DESCRIBE through client-v2 fails on 18.16). */
    static List<ClickHouseColumn> columns(ClickHouseRowMapper<?> mapper) {
        List<String> definitions = mapper.columnDefinitions();
        if (definitions == null || definitions.isEmpty()) {
            throw new IllegalArgumentException("mapper " + mapper.getClass().getName() + " declares no columns");
        }
        List<ClickHouseColumn> columns = new ArrayList<>();
        for (String definition : definitions) {
            List<ClickHouseColumn> parsed;
            try {
                parsed = ClickHouseColumn.parse(definition);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("mapper " + mapper.getClass().getName()
                        + ": cannot parse column definition [" + definition + "]: " + e.getMessage(), e);
            }
            if (parsed.size() != 1) {
                throw new IllegalArgumentException("mapper " + mapper.getClass().getName()
                        + ": column definition [" + definition + "] must define exactly one column");
            }
            columns.add(parsed.get(0));
        }
        return columns;
    }

    @Override
    public String toString() {
        return "ClickHouseSink{table=" + settings.database() + "." + mapper.table() + ", " + settings + ", "
                + retryPolicy + ", rejectedRowHandler=" + rejectedRowHandler + "}";
    }

    /**
     * Options default to {@link ClickHouseSinkOptions}; {@link #build()} validates and names the failing option.
     * Endpoints and the mapper are required. Without a rejected-row handler, a refused row fails the job.
     */
    public static final class Builder<T> {
        private final ClickHouseSinkSettings.Builder settings = ClickHouseSinkSettings.builder();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ClickHouseRowMapper<T> mapper;
        private RejectedRowHandler<T> rejectedRowHandler = RejectedRowHandler.failJob();

        private Builder() {
        }

        /** One URL, several comma separated, or several arguments; tried in turn after transient failures. */
        public Builder<T> endpoints(String... urls) {
            settings.endpoints(urls);
            return this;
        }

        public Builder<T> database(String database) {
            settings.database(database);
            return this;
        }

        public Builder<T> username(String username) {
            settings.username(username);
            return this;
        }

        /** The password itself; it travels in the job graph. Prefer {@link #passwordEnv}. */
        public Builder<T> password(String password) {
            settings.password(password);
            return this;
        }

        /** The environment variable holding the password on the TaskManagers. */
        public Builder<T> passwordEnv(String variable) {
            settings.passwordEnv(variable);
            return this;
        }

        public Builder<T> connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        public Builder<T> requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        public Builder<T> maxBatchRows(int rows) {
            settings.maxBatchRows(rows);
            return this;
        }

        public Builder<T> maxBatchBytes(long bytes) {
            settings.maxBatchBytes(bytes);
            return this;
        }

        public Builder<T> maxBatchDelay(Duration delay) {
            settings.maxBatchDelay(delay);
            return this;
        }

        public Builder<T> maxRejectedPerBatch(int rows) {
            settings.maxRejectedPerBatch(rows);
            return this;
        }

        public Builder<T> retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder<T> mapper(ClickHouseRowMapper<T> mapper) {
            this.mapper = mapper;
            return this;
        }

        public Builder<T> rejectedRowHandler(RejectedRowHandler<T> handler) {
            this.rejectedRowHandler = handler;
            return this;
        }

        /** Applies every {@link ClickHouseSinkOptions} option present in {@code config}. */
        public Builder<T> configure(ReadableConfig config) {
            config.getOptional(ClickHouseSinkOptions.ENDPOINTS).ifPresent(l -> settings.endpoints(l));
            config.getOptional(ClickHouseSinkOptions.DATABASE).ifPresent(settings::database);
            config.getOptional(ClickHouseSinkOptions.USERNAME).ifPresent(settings::username);
            config.getOptional(ClickHouseSinkOptions.PASSWORD).ifPresent(settings::password);
            config.getOptional(ClickHouseSinkOptions.PASSWORD_ENV).ifPresent(settings::passwordEnv);
            config.getOptional(ClickHouseSinkOptions.CONNECT_TIMEOUT).ifPresent(settings::connectTimeout);
            config.getOptional(ClickHouseSinkOptions.REQUEST_TIMEOUT).ifPresent(settings::requestTimeout);
            config.getOptional(ClickHouseSinkOptions.BATCH_MAX_ROWS).ifPresent(settings::maxBatchRows);
            config.getOptional(ClickHouseSinkOptions.BATCH_MAX_BYTES).ifPresent(m -> settings.maxBatchBytes(m.getBytes()));
            config.getOptional(ClickHouseSinkOptions.BATCH_MAX_DELAY).ifPresent(settings::maxBatchDelay);
            config.getOptional(ClickHouseSinkOptions.REJECTED_MAX_PER_BATCH).ifPresent(settings::maxRejectedPerBatch);
            retryPolicy = RetryPolicy.builder()
                    .initialBackoff(config.getOptional(ClickHouseSinkOptions.RETRY_INITIAL_BACKOFF)
                            .orElse(retryPolicy.initialBackoff()))
                    .maxBackoff(config.getOptional(ClickHouseSinkOptions.RETRY_MAX_BACKOFF)
                            .orElse(retryPolicy.maxBackoff()))
                    .multiplier(config.getOptional(ClickHouseSinkOptions.RETRY_MULTIPLIER)
                            .orElse(retryPolicy.multiplier()))
                    .maxAttempts(config.getOptional(ClickHouseSinkOptions.RETRY_MAX_ATTEMPTS)
                            .orElse(retryPolicy.maxAttempts()))
                    .maxRetryDuration(config.getOptional(ClickHouseSinkOptions.RETRY_MAX_DURATION)
                            .orElse(retryPolicy.maxRetryDuration()))
                    .build();
            return this;
        }

        public ClickHouseSink<T> build() {
            ClickHouseSinkSettings built = settings.build();
            if (mapper == null) {
                throw new IllegalArgumentException("mapper (ClickHouseRowMapper) is required");
            }
            if (mapper.table() == null || mapper.table().isBlank()) {
                throw new IllegalArgumentException("mapper " + mapper.getClass().getName() + " names no table");
            }
            columns(mapper);
            if (rejectedRowHandler == null) {
                throw new IllegalArgumentException("rejectedRowHandler must not be null (the default fails the job "
                        + "on a refused row)");
            }
            return new ClickHouseSink<>(built, retryPolicy, mapper, rejectedRowHandler);
        }

        /** The same sink, exactly-once: rows inserted by a committer once their checkpoint completes. */
        public ExactlyOnceClickHouseSink<T> buildExactlyOnce() {
            ClickHouseSink<T> sink = build();
            return new ExactlyOnceClickHouseSink<>(sink.settings, sink.retryPolicy, sink.mapper,
                    sink.rejectedRowHandler);
        }

        /** {@link #buildExactlyOnce()} or {@link #build()}, as {@code sink.delivery-guarantee} says ({@code none} is refused). */
        public Sink<T> build(DeliveryGuarantee guarantee) {
            return switch (guarantee) {
                case EXACTLY_ONCE -> buildExactlyOnce();
                case AT_LEAST_ONCE -> build();
                default -> throw new IllegalArgumentException(ClickHouseSinkOptions.DELIVERY_GUARANTEE.key()
                        + " must be exactly-once or at-least-once, got " + guarantee);
            };
        }
    }
}
