package org.posttrade.jobs.reconciliation;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.schema.Alert;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;

/** Where reconciliation writes. Production ({@link ClickHouseReconciliationSinks}) and tests supply their own. */
public interface ReconciliationSinks {
    /** Every break version, for alerting systems (exactly-once, key breakId). */
    Sink<ReconciliationBreak> breaksTopic();

    /** The current version of each break (table breaks). */
    Sink<ReconciliationBreak> breaksTable();

    /** Every break version (table breaks_history). */
    Sink<ReconciliationBreak> breaksHistoryTable();

    /** Trade lifecycle steps (table trade_lifecycle). */
    Sink<TradeLifecycleEvent> lifecycleTable();

    /** CEP alerts (exactly-once, key alertId). */
    Sink<Alert> alertsTopic();

    /** CEP alerts (table alerts). */
    Sink<Alert> alertsTable();

    /** Break transitions (table audit_log). */
    Sink<AuditLogEntry> auditLogTable();
}
