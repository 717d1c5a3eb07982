package org.posttrade.sinks.clickhouse.bench;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/** Maps {@link BenchExecution} to the benchmark table, by column index (name lookups cost a map access per cell). */
public final class BenchExecutionMapper implements ClickHouseRowMapper<BenchExecution> {
    private static final long serialVersionUID = 1L;

    static final List<String> COLUMNS = List.of(
            "exec_id String", "order_id String", "trade_id String", "venue String", "account String",
            "instrument String", "side Enum8('BUY' = 1, 'SELL' = 2)", "liquidity Enum8('MAKER' = 1, 'TAKER' = 2)",
            "status Enum8('NEW' = 1, 'PARTIALLY_FILLED' = 2, 'FILLED' = 3)",
            "quantity Decimal(38, 18)", "price Decimal(38, 18)", "notional Decimal(38, 18)", "fee Decimal(38, 18)",
            "fee_asset String", "exec_time_ms UInt64", "received_time_ms UInt64", "sequence UInt64",
            "source_topic String", "version UInt64");

    private final String table;

    public BenchExecutionMapper(String table) {
        this.table = table;
    }

    static String ddl(String qualifiedTable) {
        return "CREATE TABLE " + qualifiedTable + " (" + String.join(", ", COLUMNS)
                + ") ENGINE = ReplacingMergeTree(version) ORDER BY exec_id";
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> columnDefinitions() {
        return COLUMNS;
    }

    @Override
    public void write(BenchExecution e, RowBinaryFormatWriter row) {
        row.setValue(1, e.execId);
        row.setValue(2, e.orderId);
        row.setValue(3, e.tradeId);
        row.setValue(4, e.venue);
        row.setValue(5, e.account);
        row.setValue(6, e.instrument);
        row.setValue(7, e.side);
        row.setValue(8, e.liquidity);
        row.setValue(9, e.status);
        row.setValue(10, e.quantity);
        row.setValue(11, e.price);
        row.setValue(12, e.notional);
        row.setValue(13, e.fee);
        row.setValue(14, e.feeAsset);
        row.setValue(15, e.execTimeMs);
        row.setValue(16, e.receivedTimeMs);
        row.setValue(17, e.sequence);
        row.setValue(18, e.sourceTopic);
        row.setValue(19, e.version);
    }

    @Override
    public String rowKey(BenchExecution e) {
        return e.execId;
    }
}
