package org.posttrade.sinks.clickhouse;

/**
 * A row the sink could not store, and why.
 *
 * @param value the stream element, or null when the sink could not keep it (object reuse is on, so the element may
 *              have changed since); {@link #payload} is always set
 * @param rowKey the mapper's row key (the table's ORDER BY key as text)
 * @param database the target database
 * @param table the target table
 * @param reason the server's message (or the serialization error's)
 * @param errorClass what failed: {@code ClickHouseException(code=395)} for a server refusal, the Java exception
 *                   class for a row the client could not serialize
 * @param payload the row as text: {@code value.toString()} when the value is at hand (Avro records print JSON),
 *                else the row as the server received it, as a JSON object of its columns
 * @param <IN> the stream element
 */
public record RejectedRow<IN>(IN value, String rowKey, String database, String table, String reason,
                              String errorClass, String payload) {

    /** {@code db.table}. */
    public String qualifiedTable() {
        return database + "." + table;
    }
}
