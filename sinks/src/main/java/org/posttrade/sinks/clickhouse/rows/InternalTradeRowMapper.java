package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;
import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.InternalTrade;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code internal_trades}: one row per OMS booking version, key (trade_id, booking_version) (= the eventId
 * tradeId/version), version meta.producedAt. The current booking of a trade is its highest booking_version.
 */
public final class InternalTradeRowMapper implements ClickHouseRowMapper<Sourced<InternalTrade>> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "internal_trades";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "event_id String",
            "trade_id String",
            "booking_version Int32",
            "booking_status String",
            "cl_ord_id String",
            "account String",
            "desk String",
            "strategy String",
            "symbol String",
            "base_asset String",
            "quote_asset String",
            "side String",
            "ordered_qty " + DECIMAL,
            "price_type String",
            "limit_price " + NULLABLE_DECIMAL,
            "average_price " + NULLABLE_DECIMAL,
            "intended_venue String",
            "booked_time UInt64",
            "fill_deadline Nullable(UInt64)",
            "event_date Date"), Rows.SOURCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(Sourced<InternalTrade> sourced, RowBinaryFormatWriter row) {
        InternalTrade t = sourced.getValue();
        row.setValue("event_id", t.getEventId());
        row.setValue("trade_id", t.getTradeId());
        row.setValue("booking_version", t.getVersion());
        row.setValue("booking_status", Rows.name(t.getBookingStatus()));
        row.setValue("cl_ord_id", t.getClOrdId());
        row.setValue("account", t.getAccount());
        row.setValue("desk", t.getDesk());
        row.setValue("strategy", t.getStrategy());
        row.setValue("symbol", t.getInstrument().getSymbol());
        row.setValue("base_asset", t.getInstrument().getBaseAsset());
        row.setValue("quote_asset", t.getInstrument().getQuoteAsset());
        row.setValue("side", Rows.name(t.getSide()));
        row.setValue("ordered_qty", Rows.decimal(t.getOrderedQty()));
        row.setValue("price_type", Rows.name(t.getPriceType()));
        row.setValue("limit_price", Rows.nullableDecimal(t.getLimitPrice()));
        row.setValue("average_price", Rows.nullableDecimal(t.getAveragePrice()));
        row.setValue("intended_venue", t.getIntendedVenue());
        row.setValue("booked_time", Rows.millis(t.getBookedTime()));
        row.setValue("fill_deadline", Rows.millis(t.getFillDeadline()));
        row.setValue("event_date", Rows.utcDate(t.getBookedTime()));
        Rows.writeSource(row, sourced, t.getMeta());
    }

    @Override
    public String rowKey(Sourced<InternalTrade> sourced) {
        return sourced.getValue().getTradeId() + "/" + sourced.getValue().getVersion() + Rows.sourceSuffix(sourced);
    }
}
