package org.posttrade.sinks.clickhouse;

import java.io.IOException;

/** Calls into a {@link RejectedRowHandler.Writer} with its checked exceptions turned into the sink's own. */
final class RejectedRows {
    private RejectedRows() {}

    static <IN> void reject(RejectedRowHandler.Writer<IN> handler, RejectedRow<IN> row) throws IOException {
        try {
            handler.reject(row);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseSinkException("rejected-row handler failed on row " + row.rowKey(), e);
        }
    }

    static void flush(RejectedRowHandler.Writer<?> handler) throws IOException, InterruptedException {
        try {
            handler.flush();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseSinkException("rejected-row handler could not flush", e);
        }
    }
}
