package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;
import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.time.Instant;
import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code venue_balances}: every version of the balance per (venue, account, asset), key (venue, account, asset,
 * version), so an exact replay collapses and the history stays; view {@code v_venue_exposure} reads the latest
 * version per key. event_date is the UTC date of as_of.
 */
public final class VenueBalanceRowMapper implements ClickHouseRowMapper<VenueBalanceRow> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "venue_balances";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "venue String",
            "account String",
            "asset String",
            "version UInt64",
            "quantity " + DECIMAL,
            "unsettled " + NULLABLE_DECIMAL,
            "as_of UInt64",
            "event_date Date"), Rows.EVIDENCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(VenueBalanceRow b, RowBinaryFormatWriter row) {
        row.setValue("venue", b.venue());
        row.setValue("account", b.account());
        row.setValue("asset", b.asset());
        row.setValue("version", b.version());
        row.setValue("quantity", Rows.decimal(b.quantity()));
        row.setValue("unsettled", Rows.nullableDecimal(b.unsettled()));
        row.setValue("as_of", b.asOf());
        row.setValue("event_date", Rows.utcDate(Instant.ofEpochMilli(b.asOf())));
        Rows.writeEvidence(row, b.evidence());
    }

    @Override
    public String rowKey(VenueBalanceRow b) {
        return b.key() + "/" + b.version();
    }
}
