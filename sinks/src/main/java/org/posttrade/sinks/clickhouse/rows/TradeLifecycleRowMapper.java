package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code trade_lifecycle}: every step of every trade, key (trade_key, version), version = the step's own
 * version. The current state of a trade is its highest version (view {@code v_trade_current_state}).
 */
public final class TradeLifecycleRowMapper implements ClickHouseRowMapper<TradeLifecycleEvent> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "trade_lifecycle";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "lifecycle_id String",
            "trade_key String",
            "version UInt64",
            "state String",
            "venue String",
            "account String",
            "desk Nullable(String)",
            "symbol String",
            "base_asset String",
            "quote_asset String",
            "side Nullable(String)",
            "quantity " + NULLABLE_DECIMAL,
            "price " + NULLABLE_DECIMAL,
            "event_time UInt64",
            "processed_time UInt64",
            "event_date Date"), Rows.EVIDENCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(TradeLifecycleEvent e, RowBinaryFormatWriter row) {
        row.setValue("lifecycle_id", e.getLifecycleId());
        row.setValue("trade_key", e.getTradeKey());
        row.setValue("version", e.getVersion());
        row.setValue("state", Rows.name(e.getState()));
        row.setValue("venue", e.getVenue());
        row.setValue("account", e.getAccount());
        row.setValue("desk", e.getDesk());
        row.setValue("symbol", e.getInstrument().getSymbol());
        row.setValue("base_asset", e.getInstrument().getBaseAsset());
        row.setValue("quote_asset", e.getInstrument().getQuoteAsset());
        row.setValue("side", Rows.name(e.getSide()));
        row.setValue("quantity", Rows.nullableDecimal(e.getQuantity()));
        row.setValue("price", Rows.nullableDecimal(e.getPrice()));
        row.setValue("event_time", Rows.millis(e.getEventTime()));
        row.setValue("processed_time", Rows.millis(e.getProcessedTime()));
        row.setValue("event_date", Rows.utcDate(e.getEventTime()));
        Rows.writeEvidence(row, e.getEvidence());
    }

    @Override
    public String rowKey(TradeLifecycleEvent e) {
        return e.getTradeKey() + "/" + e.getVersion();
    }
}
