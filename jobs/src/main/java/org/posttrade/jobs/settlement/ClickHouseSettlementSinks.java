package org.posttrade.jobs.settlement;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;
import org.posttrade.sinks.clickhouse.rows.AuditLogRowMapper;
import org.posttrade.sinks.clickhouse.rows.SettlementInstructionRowMapper;
import org.posttrade.sinks.clickhouse.rows.SettlementStatusEntry;
import org.posttrade.sinks.clickhouse.rows.SettlementStatusRowMapper;

/**
 * Production sinks of settlement: the instructions topic written exactly-once (Confluent Avro, key instructionId,
 * transactional ids {@code <prefix>-settlement-instructions}, apart from every other sink's) and one ClickHouse sink
 * per table, whose refused rows become dead letters.
 */
public final class ClickHouseSettlementSinks implements SettlementSinks {
    /** Transactional-id suffix of the instructions topic sink. */
    public static final String INSTRUCTIONS_TRANSACTIONAL_ID_SUFFIX = "settlement-instructions";

    private final JobConfig config;

    public ClickHouseSettlementSinks(JobConfig config) {
        this.config = config;
    }

    @Override
    public Sink<SettlementInstruction> instructionsTopic() {
        return PipelineSinks.exactlyOnceTopic(config, Stream.SETTLEMENT_INSTRUCTIONS,
                SettlementInstruction::getInstructionId, INSTRUCTIONS_TRANSACTIONAL_ID_SUFFIX);
    }

    @Override
    public Sink<SettlementInstruction> instructionsTable() {
        return PipelineSinks.clickHouse(config, new SettlementInstructionRowMapper());
    }

    @Override
    public Sink<SettlementStatusEntry> statusTable() {
        return PipelineSinks.clickHouse(config, new SettlementStatusRowMapper());
    }

    @Override
    public Sink<AuditLogEntry> auditLogTable() {
        return PipelineSinks.clickHouse(config, new AuditLogRowMapper());
    }
}
