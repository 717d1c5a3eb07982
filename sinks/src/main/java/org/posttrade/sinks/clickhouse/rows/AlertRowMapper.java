package org.posttrade.sinks.clickhouse.rows;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.Alert;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code alerts}: one row per alert, key alert_id. An alert has no version of its own; its id is a hash of
 * type, key and window and detected_time is the event time the pattern completed, so a replay writes the same row:
 * version = detected_time.
 */
public final class AlertRowMapper implements ClickHouseRowMapper<Alert> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "alerts";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "alert_id String",
            "alert_type String",
            "severity String",
            "alert_key String",
            "venue Nullable(String)",
            "instrument Nullable(String)",
            "description String",
            "window_start UInt64",
            "window_end UInt64",
            "break_ids Array(String)",
            "detected_time UInt64",
            "event_date Date"), Rows.EVIDENCE_COLUMNS, List.of("version UInt64"));

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(Alert a, RowBinaryFormatWriter row) {
        row.setValue("alert_id", a.getAlertId());
        row.setValue("alert_type", Rows.name(a.getAlertType()));
        row.setValue("severity", Rows.name(a.getSeverity()));
        row.setValue("alert_key", a.getAlertKey());
        row.setValue("venue", a.getVenue());
        row.setValue("instrument", a.getInstrument());
        row.setValue("description", a.getDescription());
        row.setValue("window_start", Rows.millis(a.getWindowStart()));
        row.setValue("window_end", Rows.millis(a.getWindowEnd()));
        row.setValue("break_ids", a.getBreakIds() == null ? List.of() : List.copyOf(a.getBreakIds()));
        row.setValue("detected_time", Rows.millis(a.getDetectedTime()));
        row.setValue("event_date", Rows.utcDate(a.getDetectedTime()));
        Rows.writeEvidence(row, a.getEvidence());
        row.setValue("version", Rows.millis(a.getDetectedTime()));
    }

    @Override
    public String rowKey(Alert a) {
        return a.getAlertId();
    }
}
