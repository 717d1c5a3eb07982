package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;
import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code custodian_movements}: one row per custodian report, key (custodian, movement_id, update_sequence)
 * (= the eventId CUSTODIAN/movementId/updateSequence), version meta.producedAt. A movement's current state is its
 * highest update_sequence (view {@code v_custodian_movements_latest}).
 */
public final class CustodianMovementRowMapper implements ClickHouseRowMapper<Sourced<CustodianConfirmation>> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "custodian_movements";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "event_id String",
            "movement_id String",
            "update_sequence Int64",
            "custodian String",
            "account String",
            "wallet String",
            "asset String",
            "amount " + DECIMAL,
            "network String",
            "tx_hash Nullable(String)",
            "confirmations Int32",
            "status String",
            "network_fee " + NULLABLE_DECIMAL,
            "network_fee_asset Nullable(String)",
            "settlement_reference Nullable(String)",
            "counterparty Nullable(String)",
            "block_time Nullable(UInt64)",
            "reported_time UInt64",
            "event_date Date"), Rows.SOURCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(Sourced<CustodianConfirmation> sourced, RowBinaryFormatWriter row) {
        CustodianConfirmation c = sourced.getValue();
        row.setValue("event_id", c.getEventId());
        row.setValue("movement_id", c.getMovementId());
        row.setValue("update_sequence", c.getUpdateSequence());
        row.setValue("custodian", c.getCustodian());
        row.setValue("account", c.getAccount());
        row.setValue("wallet", c.getWallet());
        row.setValue("asset", c.getAsset());
        row.setValue("amount", Rows.decimal(c.getAmount()));
        row.setValue("network", c.getNetwork());
        row.setValue("tx_hash", c.getTxHash());
        row.setValue("confirmations", c.getConfirmations());
        row.setValue("status", Rows.name(c.getStatus()));
        row.setValue("network_fee", Rows.nullableDecimal(c.getNetworkFee()));
        row.setValue("network_fee_asset", c.getNetworkFeeAsset());
        row.setValue("settlement_reference", c.getSettlementReference());
        row.setValue("counterparty", c.getCounterparty());
        row.setValue("block_time", Rows.millis(c.getBlockTime()));
        row.setValue("reported_time", Rows.millis(c.getReportedTime()));
        row.setValue("event_date", Rows.utcDate(c.getReportedTime()));
        Rows.writeSource(row, sourced, c.getMeta());
    }

    @Override
    public String rowKey(Sourced<CustodianConfirmation> sourced) {
        CustodianConfirmation c = sourced.getValue();
        return c.getCustodian() + "/" + c.getMovementId() + "/" + c.getUpdateSequence() + Rows.sourceSuffix(sourced);
    }
}
