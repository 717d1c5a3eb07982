package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.VenueConfirmation;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code venue_confirmations}: one row per confirmation, key (venue, confirm_id) (= the eventId
 * VENUE/confirmId), version meta.producedAt.
 */
public final class VenueConfirmationRowMapper implements ClickHouseRowMapper<Sourced<VenueConfirmation>> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "venue_confirmations";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "event_id String",
            "confirm_id String",
            "venue String",
            "exec_id String",
            "account String",
            "symbol String",
            "base_asset String",
            "quote_asset String",
            "side String",
            "quantity " + DECIMAL,
            "price " + DECIMAL,
            "fee " + DECIMAL,
            "fee_asset String",
            "status String",
            "reject_reason Nullable(String)",
            "trade_time UInt64",
            "confirm_time UInt64",
            "event_date Date"), Rows.SOURCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(Sourced<VenueConfirmation> sourced, RowBinaryFormatWriter row) {
        VenueConfirmation c = sourced.getValue();
        row.setValue("event_id", c.getEventId());
        row.setValue("confirm_id", c.getConfirmId());
        row.setValue("venue", c.getVenue());
        row.setValue("exec_id", c.getExecId());
        row.setValue("account", c.getAccount());
        row.setValue("symbol", c.getInstrument().getSymbol());
        row.setValue("base_asset", c.getInstrument().getBaseAsset());
        row.setValue("quote_asset", c.getInstrument().getQuoteAsset());
        row.setValue("side", Rows.name(c.getSide()));
        row.setValue("quantity", Rows.decimal(c.getQuantity()));
        row.setValue("price", Rows.decimal(c.getPrice()));
        row.setValue("fee", Rows.decimal(c.getFee()));
        row.setValue("fee_asset", c.getFeeAsset());
        row.setValue("status", Rows.name(c.getStatus()));
        row.setValue("reject_reason", c.getRejectReason());
        row.setValue("trade_time", Rows.millis(c.getTradeTime()));
        row.setValue("confirm_time", Rows.millis(c.getConfirmTime()));
        row.setValue("event_date", Rows.utcDate(c.getConfirmTime()));
        Rows.writeSource(row, sourced, c.getMeta());
    }

    @Override
    public String rowKey(Sourced<VenueConfirmation> sourced) {
        return sourced.getValue().getVenue() + "/" + sourced.getValue().getConfirmId() + Rows.sourceSuffix(sourced);
    }
}
