package org.posttrade.sinks.clickhouse;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.InitContext;

/** Calls into a {@link RejectedRowHandler.Writer} with its checked exceptions turned into the sink's own. */
final class RejectedRows {
    private RejectedRows() {}

    static <IN> RejectedRowHandler.Writer<IN> open(RejectedRowHandler<IN> handler, InitContext context)
            throws IOException {
        try {
            return handler.open(context);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open rejected-row handler " + handler, e);
        }
    }

    /** The mapper's row key, or why it could not be computed: a dead letter must never fail on its own key. */
    static <IN> String safeKey(ClickHouseRowMapper<IN> mapper, IN value) {
        try {
            return mapper.rowKey(value);
        } catch (RuntimeException e) {
            return "<rowKey failed: " + e + ">";
        }
    }

    static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString failed: " + e + ">";
        }
    }

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
