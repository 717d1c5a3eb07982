package org.posttrade.jobs.reconciliation;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.schema.Alert;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.sinks.clickhouse.rows.AlertRowMapper;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;
import org.posttrade.sinks.clickhouse.rows.AuditLogRowMapper;
import org.posttrade.sinks.clickhouse.rows.BreakRowMapper;
import org.posttrade.sinks.clickhouse.rows.TradeLifecycleRowMapper;

/**
 * Production sinks of reconciliation: exactly-once Kafka topics for breaks and alerts (transactional ids of their
 * own, apart from the dead-letter sink's) and one ClickHouse sink per table, whose refused rows become dead letters.
 */
public final class ClickHouseReconciliationSinks implements ReconciliationSinks {
    private final JobConfig config;

    public ClickHouseReconciliationSinks(JobConfig config) {
        this.config = config;
    }

    @Override
    public Sink<ReconciliationBreak> breaksTopic() {
        return PipelineSinks.exactlyOnceTopic(config, Stream.BREAKS, ReconciliationBreak::getBreakId, "breaks");
    }

    @Override
    public Sink<ReconciliationBreak> breaksTable() {
        return PipelineSinks.clickHouse(config, BreakRowMapper.latest());
    }

    @Override
    public Sink<ReconciliationBreak> breaksHistoryTable() {
        return PipelineSinks.clickHouse(config, BreakRowMapper.history());
    }

    @Override
    public Sink<TradeLifecycleEvent> lifecycleTable() {
        return PipelineSinks.clickHouse(config, new TradeLifecycleRowMapper());
    }

    @Override
    public Sink<Alert> alertsTopic() {
        return PipelineSinks.exactlyOnceTopic(config, Stream.ALERTS, Alert::getAlertId, "alerts");
    }

    @Override
    public Sink<Alert> alertsTable() {
        return PipelineSinks.clickHouse(config, new AlertRowMapper());
    }

    @Override
    public Sink<AuditLogEntry> auditLogTable() {
        return PipelineSinks.clickHouse(config, new AuditLogRowMapper());
    }
}
