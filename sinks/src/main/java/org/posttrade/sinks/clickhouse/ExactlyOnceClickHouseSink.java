package org.posttrade.sinks.clickhouse;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stream into one ClickHouse table, EXACTLY-ONCE for readers of FINAL: rows are encoded by the writer and
 * inserted by the committer only after the checkpoint that covers them has completed (two-phase, like Flink's file
 * and Kafka sinks). A failed attempt leaves nothing in ClickHouse beyond its last completed checkpoint, so a replay
 * that takes another path through the data (other interleaving of inputs, other timer firings) cannot leave rows
 * behind that it does not produce again. A committed batch may be inserted twice (after a failure between insert
 * and checkpoint bookkeeping); the ReplacingMergeTree keys make that invisible.
 *
 * <p>Rows become visible one checkpoint interval later than with {@link ClickHouseSink}, and the rows of an
 * interval are held in memory until its checkpoint, then in the checkpoint (use file-based checkpoint storage: the
 * JobManager's in-memory storage refuses states above 5 MB). Same options, retries, bisection of refused rows and
 * dead letters as {@link ClickHouseSink}; built with {@link ClickHouseSink.Builder#buildExactlyOnce()}.
 */
public final class ExactlyOnceClickHouseSink<IN> implements Sink<IN>, SupportsCommitter<ClickHouseBatch> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceClickHouseSink.class);

    private final ClickHouseSinkSettings settings;
    private final RetryPolicy retryPolicy;
    private final ClickHouseRowMapper<IN> mapper;
    private final RejectedRowHandler<IN> rejectedRowHandler;

    ExactlyOnceClickHouseSink(ClickHouseSinkSettings settings, RetryPolicy retryPolicy, ClickHouseRowMapper<IN> mapper,
                              RejectedRowHandler<IN> rejectedRowHandler) {
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.mapper = mapper;
        this.rejectedRowHandler = rejectedRowHandler;
    }

    public ClickHouseSinkSettings settings() { return settings; }

    @Override
    public CommittingSinkWriter<IN, ClickHouseBatch> createWriter(WriterInitContext context) throws IOException {
        LOG.info("Opening exactly-once ClickHouse sink writer for {}.{} {} handler={}", settings.database(),
                mapper.table(), settings, rejectedRowHandler);
        return new ExactlyOnceClickHouseSinkWriter<>(mapper, settings, ClickHouseSink.schema(settings, mapper),
                RejectedRows.open(rejectedRowHandler, context),
                new ClickHouseSinkMetrics(context.metricGroup()));
    }

    @Override
    public Committer<ClickHouseBatch> createCommitter(CommitterInitContext context) throws IOException {
        String insert = ClickHouseSink.insertStatement(settings, mapper);
        LOG.info("Opening exactly-once ClickHouse sink committer: {} {} {}", insert, settings, retryPolicy);
        ClickHouseSinkMetrics metrics = ClickHouseSinkMetrics.forCommitter(context.metricGroup());
        ClickHouseInserter inserter = new HttpClickHouseInserter(settings, settings.resolvePassword(), insert);
        String target = settings.database() + "." + mapper.table();
        BatchBisector bisector = new BatchBisector(
                new RetryingInserter(inserter, retryPolicy, target, metrics.insertListener()),
                settings.maxRejectedPerBatch(), target);
        return new ClickHouseBatchCommitter<>(settings.database(), mapper.table(), bisector, inserter,
                RejectedRows.open(rejectedRowHandler, context), new RowJson(ClickHouseSink.schema(settings, mapper)),
                metrics);
    }

    @Override
    public SimpleVersionedSerializer<ClickHouseBatch> getCommittableSerializer() {
        return new ClickHouseBatch.Serializer();
    }

    @Override
    public String toString() {
        return "ExactlyOnceClickHouseSink{table=" + settings.database() + "." + mapper.table() + ", " + settings
                + ", " + retryPolicy + ", rejectedRowHandler=" + rejectedRowHandler + "}";
    }
}
