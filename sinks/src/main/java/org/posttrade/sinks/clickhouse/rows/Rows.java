package org.posttrade.sinks.clickhouse.rows;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.SourceMetadata;

/**
 * Conversions shared by the row mappers, each in the form client-v2's RowBinaryFormatWriter expects: BigDecimal at
 * scale 18 for Decimal(38, 18), Long for UInt64/Int64 (epoch milliseconds), Integer for Int32, LocalDate (UTC) for
 * Date, String for String, List for Array, null for a NULL of a Nullable column.
 */
final class Rows {
    static final String DECIMAL = "Decimal(38, 18)";
    static final String NULLABLE_DECIMAL = "Nullable(Decimal(38, 18))";

    /** Producer and Kafka evidence of an input event, last columns of every input table; version last. */
    static final List<String> SOURCE_COLUMNS = List.of(
            "source_system String",
            "produced_at UInt64",
            "correlation_id Nullable(String)",
            "source_topic String",
            "source_partition Int32",
            "source_offset Int64",
            "kafka_timestamp UInt64",
            "version UInt64");

    /** The evidence of a result as parallel arrays, one element per EvidenceRef. */
    static final List<String> EVIDENCE_COLUMNS = List.of(
            "evidence_event_types Array(String)",
            "evidence_event_ids Array(String)",
            "evidence_topics Array(String)",
            "evidence_partitions Array(Int32)",
            "evidence_offsets Array(Int64)");

    private Rows() {}

    @SafeVarargs
    static List<String> columns(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    /**
     * A decimal for a Decimal(38, 18) column. The writer truncates extra places silently, so a value with more than
     * 18 places is refused here (ArithmeticException) rather than stored wrong.
     */
    static BigDecimal decimal(BigDecimal value) {
        return value.scale() == Decimals.SCALE ? value : Decimals.of(value);
    }

    static BigDecimal nullableDecimal(BigDecimal value) {
        return value == null ? null : decimal(value);
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** The UTC date of an instant, for the Date columns that partition and group. */
    static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /**
     * Columns {@link #SOURCE_COLUMNS}. version = meta.producedAt: it travels with the record, so the same event read
     * again from another partition, a mirror or a re-created topic gets the same version, while Kafka offsets are
     * only comparable within one partition; a producer's later re-send of the same eventId wins.
     */
    static void writeSource(RowBinaryFormatWriter row, Sourced<?> sourced, SourceMetadata meta) {
        long producedAt = meta.getProducedAt().toEpochMilli();
        row.setValue("source_system", meta.getSourceSystem());
        row.setValue("produced_at", producedAt);
        row.setValue("correlation_id", meta.getCorrelationId());
        row.setValue("source_topic", sourced.getTopic() == null ? "" : sourced.getTopic());
        row.setValue("source_partition", sourced.getPartition());
        row.setValue("source_offset", sourced.getOffset());
        row.setValue("kafka_timestamp", sourced.getKafkaTimestamp());
        row.setValue("version", producedAt);
    }

    /** Columns {@link #EVIDENCE_COLUMNS}; a topic, partition or offset the event has not is '' or -1. */
    static void writeEvidence(RowBinaryFormatWriter row, List<EvidenceRef> evidence) {
        int n = evidence == null ? 0 : evidence.size();
        List<String> types = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        List<String> topics = new ArrayList<>(n);
        List<Integer> partitions = new ArrayList<>(n);
        List<Long> offsets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EvidenceRef ref = evidence.get(i);
            types.add(ref.getEventType());
            ids.add(ref.getEventId());
            topics.add(ref.getTopic() == null ? "" : ref.getTopic());
            partitions.add(ref.getPartition() == null ? -1 : ref.getPartition());
            offsets.add(ref.getOffset() == null ? -1L : ref.getOffset());
        }
        row.setValue("evidence_event_types", types);
        row.setValue("evidence_event_ids", ids);
        row.setValue("evidence_topics", topics);
        row.setValue("evidence_partitions", partitions);
        row.setValue("evidence_offsets", offsets);
    }

    /** Raw bytes as text: themselves when they are printable UTF-8, else Base64. */
    record EncodedBytes(String text, String encoding) {
        static final String UTF8 = "utf8";
        static final String BASE64 = "base64";
        static final EncodedBytes NONE = new EncodedBytes(null, "");

        static EncodedBytes of(ByteBuffer buffer) {
            if (buffer == null) {
                return NONE;
            }
            ByteBuffer bytes = buffer.duplicate();
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(bytes.duplicate())
                        .toString();
                if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                    return new EncodedBytes(text, UTF8);
                }
            } catch (CharacterCodingException e) {
                // not text: fall through to Base64
            }
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            return new EncodedBytes(Base64.getEncoder().encodeToString(raw), BASE64);
        }
    }

    /**
     * The Kafka coordinates that complete an input row's key: a replay of the same record collapses onto its row,
     * while two records with the same business id (an exact or a conflicting duplicate from the producer) both stay
     * visible to auditors; reconciliation decides what they mean.
     */
    static String sourceSuffix(org.posttrade.contracts.Sourced<?> sourced) {
        return "@" + sourced.getTopic() + "/" + sourced.getPartition() + "/" + sourced.getOffset();
    }
}
