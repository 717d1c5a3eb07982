package org.posttrade.sinks.clickhouse;

import java.io.Serializable;
import org.apache.flink.api.connector.sink2.InitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to rows ClickHouse refuses (or the client cannot serialize). The handler itself is the serializable
 * factory shipped with the job; each sink writer opens its own {@link Writer}. The sink calls
 * {@link Writer#flush()} from its own flush, so a completed checkpoint also covers the rejected rows.
 *
 * @param <IN> the stream element
 */
public interface RejectedRowHandler<IN> extends Serializable {

    /** Opens the per-writer (or per-committer) part: connections, producers. */
    Writer<IN> open(InitContext context) throws Exception;

    /** Per sink writer; used from the task thread only. */
    interface Writer<IN> extends AutoCloseable {
        /** Takes one rejected row; may buffer it until {@link #flush()}. */
        void reject(RejectedRow<IN> row) throws Exception;

        /** Returns once every row given so far is safely stored. */
        void flush() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * The default: the job fails on the first rejected row, naming it. Nothing is dropped silently, but a bad row
     * stops the pipeline until it is dealt with; production jobs configure a dead-letter handler.
     */
    static <IN> RejectedRowHandler<IN> failJob() {
        return new FailJob<>();
    }

    /** Logs each rejected row at ERROR (reason and key, not the payload) and drops it. For tests and tooling. */
    static <IN> RejectedRowHandler<IN> logAndDrop() {
        return new LogAndDrop<>();
    }

    final class FailJob<IN> implements RejectedRowHandler<IN> {
        private static final long serialVersionUID = 1L;

        @Override
        public Writer<IN> open(InitContext context) {
            return new Writer<>() {
                @Override
                public void reject(RejectedRow<IN> row) throws ClickHouseSinkException {
                    throw new ClickHouseSinkException("row " + row.rowKey() + " rejected by " + row.qualifiedTable()
                            + " (" + row.errorClass() + "): " + row.reason()
                            + "; configure a RejectedRowHandler (dead-letter topic) to keep the job running");
                }

                @Override
                public void flush() {
                }
            };
        }

        @Override
        public String toString() {
            return "RejectedRowHandler.failJob()";
        }
    }

    final class LogAndDrop<IN> implements RejectedRowHandler<IN> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(LogAndDrop.class);

        @Override
        public Writer<IN> open(InitContext context) {
            return new Writer<>() {
                @Override
                public void reject(RejectedRow<IN> row) {
                    LOG.error("Dropping row {} rejected by {} ({}): {}", row.rowKey(), row.qualifiedTable(),
                            row.errorClass(), row.reason());
                }

                @Override
                public void flush() {
                }
            };
        }

        @Override
        public String toString() {
            return "RejectedRowHandler.logAndDrop()";
        }
    }
}
