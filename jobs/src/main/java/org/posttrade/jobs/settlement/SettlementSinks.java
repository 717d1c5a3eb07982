package org.posttrade.jobs.settlement;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;
import org.posttrade.sinks.clickhouse.rows.SettlementStatusEntry;

/**
 * Where settlement writes. Production ({@link ClickHouseSettlementSinks}) and tests supply their own. Settlement
 * breaks are not here: the job unions them with the trade breaks into the shared break sinks.
 */
public interface SettlementSinks {
    /** Every instruction version, for payment systems (exactly-once, key instructionId). */
    Sink<SettlementInstruction> instructionsTopic();

    /** The current version of each instruction (table settlement_instructions). */
    Sink<SettlementInstruction> instructionsTable();

    /** The settlement status of every instruction version (table settlement_status). */
    Sink<SettlementStatusEntry> statusTable();

    /** Instruction transitions, one per instruction version with its evidence (table audit_log). */
    Sink<AuditLogEntry> auditLogTable();
}
