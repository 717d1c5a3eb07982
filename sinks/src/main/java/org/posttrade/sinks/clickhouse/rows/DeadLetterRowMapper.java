package org.posttrade.sinks.clickhouse.rows;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.posttrade.schema.DeadLetter;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/**
 * Table {@code dead_letters}: one row per dead letter, key dead_letter_id (deterministic: topic/partition/offset or
 * sink/table/rowKey). version = detected_time (processing time): when a replay dead-letters the same record again,
 * the latest detection wins. The raw Kafka key and value are stored as text: themselves when printable UTF-8
 * (encoding 'utf8', e.g. a rejected row as JSON), else Base64 (encoding 'base64'); '' encoding when absent.
 */
public final class DeadLetterRowMapper implements ClickHouseRowMapper<DeadLetter> {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "dead_letters";

    private static final List<String> COLUMNS = List.of(
            "dead_letter_id String",
            "stage String",
            "reason String",
            "error_class Nullable(String)",
            "record_type Nullable(String)",
            "source_topic Nullable(String)",
            "source_partition Nullable(Int32)",
            "source_offset Nullable(Int64)",
            "source_timestamp Nullable(UInt64)",
            "schema_id Nullable(Int32)",
            "record_key Nullable(String)",
            "record_key_encoding String",
            "payload Nullable(String)",
            "payload_encoding String",
            "sink Nullable(String)",
            "detected_time UInt64",
            "event_date Date",
            "version UInt64");

    @Override
    public String table() { return TABLE; }

    @Override
    public List<String> columnDefinitions() { return COLUMNS; }

    @Override
    public void write(DeadLetter d, RowBinaryFormatWriter row) {
        Rows.EncodedBytes key = Rows.EncodedBytes.of(d.getKey());
        Rows.EncodedBytes payload = Rows.EncodedBytes.of(d.getPayload());
        row.setValue("dead_letter_id", d.getDeadLetterId());
        row.setValue("stage", Rows.name(d.getStage()));
        row.setValue("reason", d.getReason());
        row.setValue("error_class", d.getErrorClass());
        row.setValue("record_type", d.getRecordType());
        row.setValue("source_topic", d.getSourceTopic());
        row.setValue("source_partition", d.getSourcePartition());
        row.setValue("source_offset", d.getSourceOffset());
        row.setValue("source_timestamp", Rows.millis(d.getSourceTimestamp()));
        row.setValue("schema_id", d.getSchemaId());
        row.setValue("record_key", key.text());
        row.setValue("record_key_encoding", key.encoding());
        row.setValue("payload", payload.text());
        row.setValue("payload_encoding", payload.encoding());
        row.setValue("sink", d.getSink());
        row.setValue("detected_time", Rows.millis(d.getDetectedTime()));
        row.setValue("event_date", Rows.utcDate(d.getDetectedTime()));
        row.setValue("version", Rows.millis(d.getDetectedTime()));
    }

    @Override
    public String rowKey(DeadLetter d) {
        return d.getDeadLetterId();
    }
}
