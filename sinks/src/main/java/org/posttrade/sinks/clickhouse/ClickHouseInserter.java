package org.posttrade.sinks.clickhouse;

/**
 * Sends one INSERT of RowBinary rows to one table. One attempt per call: retrying and bisecting are the caller's
 * job, so they can be tested without a server.
 */
public interface ClickHouseInserter extends AutoCloseable {

    /**
     * Inserts {@code length} bytes of whole RowBinary rows from {@code data[offset..]} and returns once the server
     * has stored them.
     *
     * @throws InsertException classified: retry it, bisect it or give up
     * @throws InterruptedException when the task is cancelled while waiting for the server
     */
    void insert(byte[] data, int offset, int length) throws InsertException, InterruptedException;

    @Override
    default void close() {
    }
}
