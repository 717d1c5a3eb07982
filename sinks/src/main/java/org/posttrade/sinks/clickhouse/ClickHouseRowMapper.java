package org.posttrade.sinks.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.io.Serializable;
import java.util.List;

/**
 * Turns a stream element into one row of one ClickHouse table. The sink stays free of business rules: what a row
 * holds is decided here, next to the table's DDL (a test checks the two agree).
 *
 * @param <T> the stream element
 */
public interface ClickHouseRowMapper<T> extends Serializable {

    /** Table name without the database, e.g. {@code executions}. */
    String table();

    /**
     * The columns this mapper writes, in the table's order, as ClickHouse column definitions
     * ({@code "exec_id String"}, {@code "quantity Decimal(38, 18)"}). The sink builds the RowBinary schema from them
     * (ClickHouse 18.16 cannot be asked reliably through the client).
     */
    List<String> columnDefinitions();

    /** Sets every column of {@code value}'s row on the writer (the sink commits the row). */
    void write(T value, RowBinaryFormatWriter row) throws Exception;

    /** The row's deterministic key (the table's ORDER BY key as text): names a rejected row in the dead-letter topic. */
    String rowKey(T value);
}
