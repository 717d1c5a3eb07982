package org.posttrade.sinks.clickhouse;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of a completed checkpoint, with the at-least-once writer's retries and bisection of refused
 * rows (which go to the rejected-row handler with the server's message). When the retry budget is spent it fails
 * the job; Flink then restores the batches from the checkpoint and commits them again. Inserting a batch twice is
 * harmless: the tables are ReplacingMergeTree on the rows' keys, read through FINAL.
 */
final class ClickHouseBatchCommitter<IN> implements Committer<ClickHouseBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseBatchCommitter.class);

    private final String database;
    private final String table;
    private final BatchBisector bisector;
    private final ClickHouseInserter inserter;
    private final RejectedRowHandler.Writer<IN> rejected;
    private final RowJson rowJson;
    private final ClickHouseSinkMetrics metrics;

    ClickHouseBatchCommitter(String database, String table, BatchBisector bisector, ClickHouseInserter inserter,
                             RejectedRowHandler.Writer<IN> rejected, RowJson rowJson, ClickHouseSinkMetrics metrics) {
        this.database = database;
        this.table = table;
        this.bisector = bisector;
        this.inserter = inserter;
        this.rejected = rejected;
        this.rowJson = rowJson;
        this.metrics = metrics;
    }

    @Override
    public void commit(Collection<CommitRequest<ClickHouseBatch>> requests) throws IOException, InterruptedException {
        for (CommitRequest<ClickHouseBatch> request : requests) {
            RowBuffer rows = RowBuffer.of(request.getCommittable());
            long start = System.nanoTime();
            int refused;
            try {
                refused = bisector.store(rows, (row, cause) -> reject(rows, row, cause));
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ClickHouseSinkException("rejected-row handler failed", e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            metrics.flushed(millis);
            LOG.debug("Committed {} rows to {}.{} in {} ms ({} refused)", rows.rows(), database, table, millis,
                    refused);
        }
        RejectedRows.flush(rejected);
    }

    /** The committer has no stream element: the payload is the row as the server received it. */
    private void reject(RowBuffer rows, int row, InsertException cause) throws IOException {
        metrics.rejected();
        String payload = rowJson.toJson(rows.array(), rows.rowStart(row), rows.rowEnd(row));
        RejectedRows.reject(rejected, new RejectedRow<IN>(null, rows.key(row), database, table,
                cause.serverMessage(), "ClickHouseException(code=" + cause.code() + ")", payload));
    }

    @Override
    public void close() throws Exception {
        try {
            rejected.close();
        } finally {
            inserter.close();
        }
    }
}
