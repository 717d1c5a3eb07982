package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.time.Instant;
import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code settlement_status}: one row per instruction version (key instruction_id, version), with the amounts
 * settled, pending and still open at that version, the matched movements (parallel arrays: id, txHash,
 * confirmations, status) and the times. Partitioned by the UTC date of the cycle start, which no version changes.
 * View {@code v_settlement_exposure} reads the latest version of each instruction.
 */
public final class SettlementStatusRowMapper implements ClickHouseRowMapper<SettlementStatusEntry> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "settlement_status";

    private static final List<String> COLUMNS = List.of(
            "instruction_id String",
            "version UInt64",
            "venue String",
            "account String",
            "asset String",
            "custodian String",
            "direction String",
            "status String",
            "amount " + DECIMAL,
            "settled_amount " + DECIMAL,
            "pending_amount " + DECIMAL,
            "unsettled_amount " + DECIMAL,
            "network_fees " + DECIMAL,
            "movement_ids Array(String)",
            "tx_hashes Array(String)",
            "confirmations Array(Int32)",
            "movement_statuses Array(String)",
            "cycle_id String",
            "cycle_start UInt64",
            "cutoff_time UInt64",
            "settlement_deadline UInt64",
            "event_time UInt64",
            "settled_time Nullable(UInt64)",
            "cycle_date Date");

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(SettlementStatusEntry s, RowBinaryFormatWriter row) {
        row.setValue("instruction_id", s.getInstructionId());
        row.setValue("version", s.getVersion());
        row.setValue("venue", s.getVenue());
        row.setValue("account", s.getAccount());
        row.setValue("asset", s.getAsset());
        row.setValue("custodian", s.getCustodian() == null ? "" : s.getCustodian());
        row.setValue("direction", s.getDirection());
        row.setValue("status", s.getStatus());
        row.setValue("amount", Rows.decimal(s.getAmount()));
        row.setValue("settled_amount", Rows.decimal(s.getSettledAmount()));
        row.setValue("pending_amount", Rows.decimal(s.getPendingAmount()));
        row.setValue("unsettled_amount", Rows.decimal(s.getUnsettledAmount()));
        row.setValue("network_fees", Rows.decimal(s.getNetworkFees()));
        row.setValue("movement_ids", List.copyOf(s.getMovementIds()));
        row.setValue("tx_hashes", List.copyOf(s.getTxHashes()));
        row.setValue("confirmations", List.copyOf(s.getConfirmations()));
        row.setValue("movement_statuses", List.copyOf(s.getMovementStatuses()));
        row.setValue("cycle_id", s.getCycleId());
        row.setValue("cycle_start", s.getCycleStart());
        row.setValue("cutoff_time", s.getCutoffTime());
        row.setValue("settlement_deadline", s.getSettlementDeadline());
        row.setValue("event_time", s.getEventTime());
        row.setValue("settled_time", s.getSettledTime());
        row.setValue("cycle_date", Rows.utcDate(Instant.ofEpochMilli(s.getCycleStart())));
    }

    @Override
    public String rowKey(SettlementStatusEntry s) {
        return s.getInstructionId() + "/" + s.getVersion();
    }
}
