package org.posttrade.sinks.clickhouse;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The sink's metrics, registered once per writer under stable names, plus Flink's standard sink counters
 * (numRecordsSend, numBytesSend, numRecordsSendErrors) so dashboards built for other sinks work too.
 */
final class ClickHouseSinkMetrics {
    static final String ROWS_WRITTEN = "rowsWritten";
    static final String BATCHES_WRITTEN = "batchesWritten";
    static final String BYTES_WRITTEN = "bytesWritten";
    static final String RETRIES = "retries";
    static final String REJECTED_ROWS = "rejectedRows";
    static final String FLUSH_LATENCY_MS = "flushLatencyMs";

    private final Counter rowsWritten;
    private final Counter batchesWritten;
    private final Counter bytesWritten;
    private final Counter retries;
    private final Counter rejectedRows;
    private final Histogram flushLatencyMs;
    private final Counter numRecordsSend;
    private final Counter numBytesSend;
    private final Counter numRecordsSendErrors;

    ClickHouseSinkMetrics(SinkWriterMetricGroup group) {
        this(group, group.getNumRecordsSendCounter(), group.getNumBytesSendCounter(),
                group.getNumRecordsSendErrorsCounter());
    }

    /** In the committer of the exactly-once sink, which inserts: the same names, in the committer's group. */
    static ClickHouseSinkMetrics forCommitter(MetricGroup group) {
        return new ClickHouseSinkMetrics(group, group.counter("numRecordsSend"), group.counter("numBytesSend"),
                group.counter("numRecordsSendErrors"));
    }

    private ClickHouseSinkMetrics(MetricGroup group, Counter records, Counter bytes, Counter errors) {
        this.rowsWritten = group.counter(ROWS_WRITTEN);
        this.batchesWritten = group.counter(BATCHES_WRITTEN);
        this.bytesWritten = group.counter(BYTES_WRITTEN);
        this.retries = group.counter(RETRIES);
        this.rejectedRows = group.counter(REJECTED_ROWS);
        this.flushLatencyMs = group.histogram(FLUSH_LATENCY_MS, new DescriptiveStatisticsHistogram(1000));
        this.numRecordsSend = records;
        this.numBytesSend = bytes;
        this.numRecordsSendErrors = errors;
    }

    /** An INSERT of {@code rows} rows and {@code bytes} bytes was stored. */
    void inserted(int rows, int bytes) {
        rowsWritten.inc(rows);
        batchesWritten.inc();
        bytesWritten.inc(bytes);
        numRecordsSend.inc(rows);
        numBytesSend.inc(bytes);
    }

    /** Feeds the insert counters from a {@link RetryingInserter}. */
    InsertListener insertListener() {
        return new InsertListener() {
            @Override
            public void onInserted(int rows, int bytes) {
                inserted(rows, bytes);
            }

            @Override
            public void onRetry(InsertException cause) {
                retried();
            }
        };
    }

    void retried() {
        retries.inc();
    }

    void rejected() {
        rejectedRows.inc();
        numRecordsSendErrors.inc();
    }

    void flushed(long millis) {
        flushLatencyMs.update(millis);
    }
}
