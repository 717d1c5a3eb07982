package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.MarkPrice;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code mark_prices}: one row per price, key (symbol, price_time, price_source) (the eventId
 * SOURCE/symbol/priceTime, ordered for time-range reads per symbol), version meta.producedAt.
 */
public final class MarkPriceRowMapper implements ClickHouseRowMapper<Sourced<MarkPrice>> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "mark_prices";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "event_id String",
            "symbol String",
            "base_asset String",
            "quote_asset String",
            "price " + DECIMAL,
            "price_source String",
            "price_time UInt64",
            "event_date Date"), Rows.SOURCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(Sourced<MarkPrice> sourced, RowBinaryFormatWriter row) {
        MarkPrice p = sourced.getValue();
        row.setValue("event_id", p.getEventId());
        row.setValue("symbol", p.getInstrument().getSymbol());
        row.setValue("base_asset", p.getInstrument().getBaseAsset());
        row.setValue("quote_asset", p.getInstrument().getQuoteAsset());
        row.setValue("price", Rows.decimal(p.getPrice()));
        row.setValue("price_source", p.getPriceSource());
        row.setValue("price_time", Rows.millis(p.getPriceTime()));
        row.setValue("event_date", Rows.utcDate(p.getPriceTime()));
        Rows.writeSource(row, sourced, p.getMeta());
    }

    @Override
    public String rowKey(Sourced<MarkPrice> sourced) {
        MarkPrice p = sourced.getValue();
        return p.getInstrument().getSymbol() + "/" + p.getPriceTime().toEpochMilli() + "/" + p.getPriceSource() + Rows.sourceSuffix(sourced);
    }
}
