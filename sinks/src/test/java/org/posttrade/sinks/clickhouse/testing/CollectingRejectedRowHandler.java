package org.posttrade.sinks.clickhouse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.InitContext;
import org.posttrade.sinks.clickhouse.RejectedRow;
import org.posttrade.sinks.clickhouse.RejectedRowHandler;

/**
 * Keeps rejected rows in memory, in a static registry so a test can read what the MiniCluster's writers (same JVM,
 * deserialized copies of this handler) received. Rows count as handled only once the sink has flushed the handler.
 */
public final class CollectingRejectedRowHandler<T> implements RejectedRowHandler<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<RejectedRow<?>>> FLUSHED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingRejectedRowHandler() {
        FLUSHED.put(id, new ArrayList<>());
    }

    /** Rows handed over and flushed so far, in order. */
    public List<RejectedRow<?>> flushed() {
        List<RejectedRow<?>> rows = FLUSHED.get(id);
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    @Override
    public Writer<T> open(InitContext context) {
        List<RejectedRow<?>> target = FLUSHED.get(id);
        return new Writer<>() {
            private final List<RejectedRow<T>> pending = new ArrayList<>();

            @Override
            public void reject(RejectedRow<T> row) {
                pending.add(row);
            }

            @Override
            public void flush() {
                synchronized (target) {
                    target.addAll(pending);
                }
                pending.clear();
            }
        };
    }
}
