package org.posttrade.sinks.clickhouse.rows;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.time.Instant;
import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code audit_log}: every state transition of any entity, key (entity_type, entity_id, version), version =
 * the entity's version after the transition (an exact replay collapses, every transition stays).
 */
public final class AuditLogRowMapper implements ClickHouseRowMapper<AuditLogEntry> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "audit_log";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "entity_type String",
            "entity_id String",
            "version UInt64",
            "from_state Nullable(String)",
            "to_state String",
            "event_time UInt64",
            "event_date Date",
            "description String"), Rows.EVIDENCE_COLUMNS);

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(AuditLogEntry e, RowBinaryFormatWriter row) {
        row.setValue("entity_type", e.getEntityType());
        row.setValue("entity_id", e.getEntityId());
        row.setValue("version", e.getVersion());
        row.setValue("from_state", e.getFromState());
        row.setValue("to_state", e.getToState());
        row.setValue("event_time", e.getEventTime());
        row.setValue("event_date", Rows.utcDate(Instant.ofEpochMilli(e.getEventTime())));
        row.setValue("description", e.getDescription() == null ? "" : e.getDescription());
        Rows.writeEvidence(row, e.getEvidence());
    }

    @Override
    public String rowKey(AuditLogEntry e) {
        return e.getEntityType() + "/" + e.getEntityId() + "/" + e.getVersion();
    }
}
