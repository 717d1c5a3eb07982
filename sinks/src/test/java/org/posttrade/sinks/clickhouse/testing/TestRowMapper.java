package org.posttrade.sinks.clickhouse.testing;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Maps {@link TestRow} into a test table. {@link #createTable} makes the table refuse (server side, with throwIf)
 * any row whose value is negative, which ClickHouse 18.16 answers with code 395; an amount beyond Decimal(18, 4)
 * cannot even be encoded by the client.
 */
public final class TestRowMapper implements ClickHouseRowMapper<TestRow> {
    private static final long serialVersionUID = 1L;

    private final String table;

    public TestRowMapper(String table) {
        this.table = table;
    }

    /** A ReplacingMergeTree keyed by key, refusing negative values. */
    public static void createTable(ClickHouseServer server, String database, String table) {
        createTable(server, database, table, "ReplacingMergeTree(version) ORDER BY key");
    }

    /** The same columns with another engine, e.g. {@code MergeTree ORDER BY key} where duplicates must show. */
    public static void createTable(ClickHouseServer server, String database, String table, String engine) {
        server.query("CREATE DATABASE IF NOT EXISTS " + database);
        server.query("CREATE TABLE " + database + "." + table + " (key String, value Int64, amount Decimal(18, 4), "
                + "version UInt64, value_check UInt8 MATERIALIZED throwIf(value < 0)) ENGINE = " + engine);
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> columnDefinitions() {
        return List.of("key String", "value Int64", "amount Decimal(18, 4)", "version UInt64");
    }

    @Override
    public void write(TestRow row, RowBinaryFormatWriter out) {
        out.setValue(1, row.key);
        out.setValue(2, row.value);
        out.setValue(3, row.amount);
        out.setValue(4, row.version);
    }

    @Override
    public String rowKey(TestRow row) {
        return row.key;
    }
}
