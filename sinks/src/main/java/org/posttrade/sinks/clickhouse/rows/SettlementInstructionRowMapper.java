package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code settlement_instructions}: the current version (and so the current settlement status) of each
 * instruction, key instruction_id, version = the instruction's own version. Partitioned by the UTC date of the
 * cycle start, which no version changes.
 */
public final class SettlementInstructionRowMapper implements ClickHouseRowMapper<SettlementInstruction> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "settlement_instructions";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "instruction_id String",
            "version UInt64",
            "venue String",
            "account String",
            "asset String",
            "direction String",
            "amount " + DECIMAL,
            "counterparty String",
            "cycle_id String",
            "cycle_start UInt64",
            "cutoff_time UInt64",
            "settlement_deadline UInt64",
            "status String",
            "netted_trade_ids Array(String)",
            "cycle_date Date"), Rows.EVIDENCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(SettlementInstruction s, RowBinaryFormatWriter row) {
        row.setValue("instruction_id", s.getInstructionId());
        row.setValue("version", (long) s.getVersion());
        row.setValue("venue", s.getVenue());
        row.setValue("account", s.getAccount());
        row.setValue("asset", s.getAsset());
        row.setValue("direction", Rows.name(s.getDirection()));
        row.setValue("amount", Rows.decimal(s.getAmount()));
        row.setValue("counterparty", s.getCounterparty());
        row.setValue("cycle_id", s.getCycleId());
        row.setValue("cycle_start", Rows.millis(s.getCycleStart()));
        row.setValue("cutoff_time", Rows.millis(s.getCutoffTime()));
        row.setValue("settlement_deadline", Rows.millis(s.getSettlementDeadline()));
        row.setValue("status", Rows.name(s.getStatus()));
        row.setValue("netted_trade_ids", s.getNettedTradeIds() == null ? List.of() : List.copyOf(s.getNettedTradeIds()));
        row.setValue("cycle_date", Rows.utcDate(s.getCycleStart()));
        Rows.writeEvidence(row, s.getEvidence());
    }

    @Override
    public String rowKey(SettlementInstruction s) {
        return s.getInstructionId();
    }
}
