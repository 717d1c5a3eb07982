package org.posttrade.sinks.clickhouse.rows;

import static org.posttrade.sinks.clickhouse.rows.Rows.NULLABLE_DECIMAL;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Tables {@code breaks} (the current version of each break: key break_id) and {@code breaks_history} (every
 * version: key (break_id, version)); same columns, version = the break's own version. Partitioned by the date the
 * break was first detected, which no later version changes.
 */
public final class BreakRowMapper implements ClickHouseRowMapper<ReconciliationBreak> {
    private static final long serialVersionUID = 1L;
    public static final String LATEST_TABLE = "breaks";
    public static final String HISTORY_TABLE = "breaks_history";

    private static final List<String> COLUMNS = Rows.columns(List.of(
            "break_id String",
            "version UInt64",
            "break_type String",
            "severity String",
            "status String",
            "match_key String",
            "venue String",
            "account Nullable(String)",
            "instrument Nullable(String)",
            "asset Nullable(String)",
            "field Nullable(String)",
            "expected_value Nullable(String)",
            "actual_value Nullable(String)",
            "difference " + NULLABLE_DECIMAL,
            "description String",
            "event_time UInt64",
            "detected_time UInt64",
            "resolved_time Nullable(UInt64)",
            "detected_date Date"), Rows.EVIDENCE_COLUMNS);

    private final String table;
    private final boolean history;

    private BreakRowMapper(String table, boolean history) {
        this.table = table;
        this.history = history;
    }

    /** For {@code breaks}: one row per break_id, the highest version wins. */
    public static BreakRowMapper latest() { return new BreakRowMapper(LATEST_TABLE, false); }

    /** For {@code breaks_history}: one row per (break_id, version). */
    public static BreakRowMapper history() { return new BreakRowMapper(HISTORY_TABLE, true); }

    @Override
    public String table() { return table; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(ReconciliationBreak b, RowBinaryFormatWriter row) {
        row.setValue("break_id", b.getBreakId());
        row.setValue("version", (long) b.getVersion());
        row.setValue("break_type", Rows.name(b.getBreakType()));
        row.setValue("severity", Rows.name(b.getSeverity()));
        row.setValue("status", Rows.name(b.getStatus()));
        row.setValue("match_key", b.getMatchKey());
        row.setValue("venue", b.getVenue());
        row.setValue("account", b.getAccount());
        row.setValue("instrument", b.getInstrument());
        row.setValue("asset", b.getAsset());
        row.setValue("field", b.getField());
        row.setValue("expected_value", b.getExpectedValue());
        row.setValue("actual_value", b.getActualValue());
        row.setValue("difference", Rows.nullableDecimal(b.getDifference()));
        row.setValue("description", b.getDescription());
        row.setValue("event_time", Rows.millis(b.getEventTime()));
        row.setValue("detected_time", Rows.millis(b.getDetectedTime()));
        row.setValue("resolved_time", Rows.millis(b.getResolvedTime()));
        row.setValue("detected_date", Rows.utcDate(b.getDetectedTime()));
        Rows.writeEvidence(row, b.getEvidence());
    }

    @Override
    public String rowKey(ReconciliationBreak b) {
        return history ? b.getBreakId() + "/" + b.getVersion() : b.getBreakId();
    }
}
