package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;
import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Tables {@code positions} (the current state of each position: key position_key) and {@code positions_history}
 * (every update: key (position_key, version)); same columns, version = the update's own version. event_date is the
 * UTC date of asOf.
 */
public final class PositionRowMapper implements ClickHouseRowMapper<PositionUpdate> {
    private static final long serialVersionUID = 1L;
    public static final String LATEST_TABLE = "positions";
    public static final String HISTORY_TABLE = "positions_history";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "position_key String",
            "version UInt64",
            "position_type String",
            "account String",
            "desk Nullable(String)",
            "instrument Nullable(String)",
            "asset String",
            "quote_asset String",
            "quantity " + DECIMAL,
            "cost_basis " + DECIMAL,
            "average_cost " + DECIMAL,
            "realized_pnl " + DECIMAL,
            "fees " + DECIMAL,
            "mark_price " + NULLABLE_DECIMAL,
            "unrealized_pnl " + NULLABLE_DECIMAL,
            "reporting_currency String",
            "realized_pnl_reporting " + NULLABLE_DECIMAL,
            "unrealized_pnl_reporting " + NULLABLE_DECIMAL,
            "cost_method String",
            "price_status String",
            "as_of UInt64",
            "event_date Date"), Rows.EVIDENCE_COLUMNS);

    private final String table;
    private final boolean history;

    private PositionRowMapper(String table, boolean history) {
        this.table = table;
        this.history = history;
    }

    /** For {@code positions}: one row per position_key, the highest version wins. */
    public static PositionRowMapper latest() { return new PositionRowMapper(LATEST_TABLE, false); }

    /** For {@code positions_history}: one row per (position_key, version). */
    public static PositionRowMapper history() { return new PositionRowMapper(HISTORY_TABLE, true); }

    @Override
    public String table() { return table; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(PositionUpdate p, RowBinaryFormatWriter row) {
        row.setValue("position_key", p.getPositionKey());
        row.setValue("version", p.getVersion());
        row.setValue("position_type", Rows.name(p.getPositionType()));
        row.setValue("account", p.getAccount());
        row.setValue("desk", p.getDesk());
        row.setValue("instrument", p.getInstrument());
        row.setValue("asset", p.getAsset());
        row.setValue("quote_asset", p.getQuoteAsset());
        row.setValue("quantity", Rows.decimal(p.getQuantity()));
        row.setValue("cost_basis", Rows.decimal(p.getCostBasis()));
        row.setValue("average_cost", Rows.decimal(p.getAverageCost()));
        row.setValue("realized_pnl", Rows.decimal(p.getRealizedPnl()));
        row.setValue("fees", Rows.decimal(p.getFees()));
        row.setValue("mark_price", Rows.nullableDecimal(p.getMarkPrice()));
        row.setValue("unrealized_pnl", Rows.nullableDecimal(p.getUnrealizedPnl()));
        row.setValue("reporting_currency", p.getReportingCurrency());
        row.setValue("realized_pnl_reporting", Rows.nullableDecimal(p.getRealizedPnlReporting()));
        row.setValue("unrealized_pnl_reporting", Rows.nullableDecimal(p.getUnrealizedPnlReporting()));
        row.setValue("cost_method", Rows.name(p.getCostMethod()));
        row.setValue("price_status", Rows.name(p.getPriceStatus()));
        row.setValue("as_of", Rows.millis(p.getAsOf()));
        row.setValue("event_date", Rows.utcDate(p.getAsOf()));
        Rows.writeEvidence(row, p.getEvidence());
    }

    @Override
    public String rowKey(PositionUpdate p) {
        return history ? p.getPositionKey() + "/" + p.getVersion() : p.getPositionKey();
    }
}
