package org.posttrade.sinks.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows as RowBinary and inserts them in batches. All methods, the batch timer included, run on the task
 * thread (the timer through the mailbox), so there is no locking.
 *
 * <p>At-least-once: {@link #flush} (called before every checkpoint barrier and at end of input) returns only once
 * every buffered row is stored or handed to the rejected-row handler and that handler has flushed. After a restore,
 * rows since the checkpoint are written again; ReplacingMergeTree tables and views reading the latest version make
 * that invisible to readers.
 */
final class ClickHouseSinkWriter<IN> implements SinkWriter<IN> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final ClickHouseRowMapper<IN> mapper;
    private final String database;
    private final String table;
    private final int maxRows;
    private final long maxBytes;
    private final long maxDelayMillis;
    private final boolean keepValues;
    private final RowBuffer buffer;
    private final RowBinaryFormatWriter rowWriter;
    private final RowJson rowJson;
    private final BatchBisector bisector;
    private final ClickHouseInserter inserter;
    private final RejectedRowHandler.Writer<IN> rejected;
    private final ProcessingTimeService time;
    private final ClickHouseSinkMetrics metrics;

    private long batchStartedAt;
    private ScheduledFuture<?> timer;
    private boolean closed;

    /**
     * @param keepValues whether buffered elements may be referenced until the flush (not with object reuse, where
     *                   the upstream may change them); they are only needed for rejected rows
     */
    ClickHouseSinkWriter(ClickHouseRowMapper<IN> mapper, ClickHouseSinkSettings settings, RetryPolicy retryPolicy,
                         TableSchema schema, ClickHouseInserter inserter, RejectedRowHandler.Writer<IN> rejected,
                         ProcessingTimeService time, ClickHouseSinkMetrics metrics, boolean keepValues) {
        this.mapper = mapper;
        this.database = settings.database();
        this.table = mapper.table();
        this.maxRows = settings.maxBatchRows();
        this.maxBytes = settings.maxBatchBytes();
        this.maxDelayMillis = settings.maxBatchDelay().toMillis();
        this.keepValues = keepValues;
        this.buffer = new RowBuffer((int) Math.min(maxBytes + 1024, 1 << 20));
        this.rowWriter = new RowBinaryFormatWriter(buffer.stream(), schema, ClickHouseFormat.RowBinary);
        this.rowJson = new RowJson(schema);
        String target = database + "." + table;
        this.bisector = new BatchBisector(new RetryingInserter(inserter, retryPolicy, target, metrics.insertListener()),
                settings.maxRejectedPerBatch(), target);
        this.inserter = inserter;
        this.rejected = rejected;
        this.time = time;
        this.metrics = metrics;
    }

    @Override
    public void write(IN element, Context context) throws IOException, InterruptedException {
        int mark = buffer.mark();
        String key;
        try {
            mapper.write(element, rowWriter);
            rowWriter.commitRow();
            if (buffer.mark() == mark) {
                throw new IllegalArgumentException("the mapper set no column");
            }
            key = keepValues ? null : mapper.rowKey(element);
        } catch (Exception e) {
            // a row the client cannot encode would never be accepted: dead-letter it, keep the batch intact
            rowWriter.clearRow();
            buffer.rollback(mark);
            reject(new RejectedRow<>(element, RejectedRows.safeKey(mapper, element), database, table,
                    String.valueOf(e.getMessage()), e.getClass().getName(), RejectedRows.safeToString(element)));
            return;
        }
        buffer.commitRow(mark, keepValues ? element : null, key);
        if (buffer.rows() == 1) {
            batchStartedAt = time.getCurrentProcessingTime();
            armTimer(batchStartedAt + maxDelayMillis);
        }
        if (buffer.rows() >= maxRows || buffer.bytes() >= maxBytes) {
            // blocking here is the backpressure: the buffer never outgrows its bounds
            flushBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBuffer();
        RejectedRows.flush(rejected);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            rejected.close();
        } finally {
            inserter.close();
        }
    }

    private void armTimer(long at) {
        if (timer == null || timer.isDone()) {
            timer = time.registerTimer(at, this::onTimer);
        }
    }

    private void onTimer(long now) throws IOException, InterruptedException {
        timer = null;
        if (closed || buffer.isEmpty()) {
            return;
        }
        // the timer may belong to a batch already flushed: only a batch that is old enough goes now
        long due = batchStartedAt + maxDelayMillis;
        if (now >= due) {
            flushBuffer();
        } else {
            armTimer(due);
        }
    }

    private void flushBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int rows = buffer.rows();
        int refused;
        try {
            refused = bisector.store(buffer, this::rejectStored);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseSinkException("rejected-row handler failed", e);
        }
        buffer.clear();
        long millis = (System.nanoTime() - start) / 1_000_000L;
        metrics.flushed(millis);
        LOG.debug("Flushed {} rows to {}.{} in {} ms ({} refused)", rows, database, table, millis, refused);
    }

    @SuppressWarnings("unchecked")
    private void rejectStored(int row, InsertException cause) throws Exception {
        IN value = (IN) buffer.value(row);
        String key = value != null ? RejectedRows.safeKey(mapper, value) : buffer.key(row);
        String payload = value != null ? RejectedRows.safeToString(value)
                : rowJson.toJson(buffer.array(), buffer.rowStart(row), buffer.rowEnd(row));
        reject(new RejectedRow<>(value, key, database, table, cause.serverMessage(),
                "ClickHouseException(code=" + cause.code() + ")", payload));
    }

    private void reject(RejectedRow<IN> row) throws IOException {
        metrics.rejected();
        RejectedRows.reject(rejected, row);
    }
}
