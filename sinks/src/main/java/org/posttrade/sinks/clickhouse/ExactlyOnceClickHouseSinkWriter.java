package org.posttrade.sinks.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * The writer of {@link ExactlyOnceClickHouseSink}: encodes rows as RowBinary like the at-least-once writer, but
 * inserts nothing. Full buffers are sealed into {@link ClickHouseBatch}es, and at each checkpoint
 * {@link #prepareCommit} hands them to the committer, which inserts them once the checkpoint has completed. Rows the
 * client cannot encode are dead-lettered here at once (they would never be accepted); rows the server refuses are
 * dead-lettered by the committer.
 *
 * <p>Memory: the rows of one checkpoint interval are held until its barrier, then in the committer's state until
 * the checkpoint completes; size the checkpoint interval with the output rate.
 */
final class ExactlyOnceClickHouseSinkWriter<IN> implements CommittingSinkWriter<IN, ClickHouseBatch> {
    private final ClickHouseRowMapper<IN> mapper;
    private final String database;
    private final String table;
    private final int maxRows;
    private final long maxBytes;
    private final RowBuffer buffer;
    private final RowBinaryFormatWriter rowWriter;
    private final RejectedRowHandler.Writer<IN> rejected;
    private final ClickHouseSinkMetrics metrics;
    private final List<ClickHouseBatch> sealed = new ArrayList<>();

    ExactlyOnceClickHouseSinkWriter(ClickHouseRowMapper<IN> mapper, ClickHouseSinkSettings settings,
                                    TableSchema schema, RejectedRowHandler.Writer<IN> rejected,
                                    ClickHouseSinkMetrics metrics) {
        this.mapper = mapper;
        this.database = settings.database();
        this.table = mapper.table();
        this.maxRows = settings.maxBatchRows();
        this.maxBytes = settings.maxBatchBytes();
        this.buffer = new RowBuffer((int) Math.min(maxBytes + 1024, 1 << 20));
        this.rowWriter = new RowBinaryFormatWriter(buffer.stream(), schema, ClickHouseFormat.RowBinary);
        this.rejected = rejected;
        this.metrics = metrics;
    }

    @Override
    public void write(IN element, Context context) throws IOException {
        int mark = buffer.mark();
        String key;
        try {
            mapper.write(element, rowWriter);
            rowWriter.commitRow();
            if (buffer.mark() == mark) {
                throw new IllegalArgumentException("the mapper set no column");
            }
            key = mapper.rowKey(element);
        } catch (Exception e) {
            // a row the client cannot encode would never be accepted: dead-letter it, keep the batch intact
            rowWriter.clearRow();
            buffer.rollback(mark);
            metrics.rejected();
            RejectedRows.reject(rejected, new RejectedRow<>(element, RejectedRows.safeKey(mapper, element), database,
                    table, String.valueOf(e.getMessage()), e.getClass().getName(), RejectedRows.safeToString(element)));
            return;
        }
        buffer.commitRow(mark, null, key);
        if (buffer.rows() >= maxRows || buffer.bytes() >= maxBytes) {
            seal();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        RejectedRows.flush(rejected);
    }

    @Override
    public Collection<ClickHouseBatch> prepareCommit() {
        seal();
        List<ClickHouseBatch> out = new ArrayList<>(sealed);
        sealed.clear();
        return out;
    }

    @Override
    public void close() throws Exception {
        rejected.close();
    }

    private void seal() {
        if (!buffer.isEmpty()) {
            sealed.add(buffer.seal());
            buffer.clear();
        }
    }
}
