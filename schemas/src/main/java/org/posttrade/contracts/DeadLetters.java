package org.posttrade.contracts;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;

/** Builds dead letters for consumed Kafka records, with the deterministic id {@code kafka/topic/partition/offset}. */
public final class DeadLetters {
    private DeadLetters() {}

    public static String idOf(String topic, int partition, long offset) {
        return "kafka/" + topic + "/" + partition + "/" + offset;
    }

    /** A dead letter for a consumed record; raw key and value are kept so the record can be replayed after a fix. */
    public static DeadLetter forConsumedRecord(DeadLetterStage stage, String reason, String errorClass,
                                               String recordType, String topic, int partition, long offset,
                                               long kafkaTimestamp, Integer schemaId, byte[] key, byte[] value,
                                               Instant detectedTime) {
        return DeadLetter.newBuilder()
                .setDeadLetterId(idOf(topic, partition, offset))
                .setStage(stage)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setRecordType(recordType)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceTimestamp(kafkaTimestamp >= 0 ? Instant.ofEpochMilli(kafkaTimestamp) : null)
                .setSchemaId(schemaId)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(value == null ? null : ByteBuffer.wrap(value))
                .setSink(null)
                .setDetectedTime(detectedTime)
                .build();
    }
}
