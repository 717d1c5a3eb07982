package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;
import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.math.BigDecimal;
import java.util.List;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code executions}: one row per execution report, key (venue, exec_id) (= the eventId VENUE/execId),
 * version meta.producedAt. notional = lastQty * lastPx in quote asset, rounded half-even to 18 places (the exact
 * product has up to 36).
 */
public final class ExecutionRowMapper implements ClickHouseRowMapper<Sourced<ExecutionReport>> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "executions";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "event_id String",
            "venue String",
            "exec_id String",
            "order_id String",
            "cl_ord_id String",
            "account String",
            "symbol String",
            "base_asset String",
            "quote_asset String",
            "side String",
            "exec_type String",
            "ord_status String",
            "exec_ref_id Nullable(String)",
            "last_qty " + DECIMAL,
            "last_px " + DECIMAL,
            "notional " + DECIMAL,
            "cum_qty " + DECIMAL,
            "leaves_qty " + DECIMAL,
            "commission " + NULLABLE_DECIMAL,
            "commission_asset Nullable(String)",
            "liquidity String",
            "transact_time UInt64",
            "trade_date Date",
            "settl_date Nullable(Date)",
            "event_date Date"), Rows.SOURCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    /** lastQty * lastPx, half-even at 18 places. */
    public static BigDecimal notional(ExecutionReport report) {
        return Decimals.rounded(report.getLastQty().multiply(report.getLastPx()));
    }

    @Override
    public void write(Sourced<ExecutionReport> sourced, RowBinaryFormatWriter row) {
        ExecutionReport r = sourced.getValue();
        row.setValue("event_id", r.getEventId());
        row.setValue("venue", r.getVenue());
        row.setValue("exec_id", r.getExecId());
        row.setValue("order_id", r.getOrderId());
        row.setValue("cl_ord_id", r.getClOrdId());
        row.setValue("account", r.getAccount());
        row.setValue("symbol", r.getInstrument().getSymbol());
        row.setValue("base_asset", r.getInstrument().getBaseAsset());
        row.setValue("quote_asset", r.getInstrument().getQuoteAsset());
        row.setValue("side", Rows.name(r.getSide()));
        row.setValue("exec_type", Rows.name(r.getExecType()));
        row.setValue("ord_status", Rows.name(r.getOrdStatus()));
        row.setValue("exec_ref_id", r.getExecRefId());
        row.setValue("last_qty", Rows.decimal(r.getLastQty()));
        row.setValue("last_px", Rows.decimal(r.getLastPx()));
        row.setValue("notional", notional(r));
        row.setValue("cum_qty", Rows.decimal(r.getCumQty()));
        row.setValue("leaves_qty", Rows.decimal(r.getLeavesQty()));
        row.setValue("commission", Rows.nullableDecimal(r.getCommission()));
        row.setValue("commission_asset", r.getCommissionAsset());
        row.setValue("liquidity", Rows.name(r.getLiquidityIndicator()));
        row.setValue("transact_time", Rows.millis(r.getTransactTime()));
        row.setValue("trade_date", r.getTradeDate());
        row.setValue("settl_date", r.getSettlDate());
        row.setValue("event_date", Rows.utcDate(r.getTransactTime()));
        Rows.writeSource(row, sourced, r.getMeta());
    }

    @Override
    public String rowKey(Sourced<ExecutionReport> sourced) {
        return sourced.getValue().getVenue() + "/" + sourced.getValue().getExecId() + Rows.sourceSuffix(sourced);
    }
}
