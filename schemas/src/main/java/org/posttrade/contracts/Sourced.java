package org.posttrade.contracts;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.posttrade.schema.EvidenceRef;

/**
 * A contract record together with where it was read from (topic, partition, offset, Kafka timestamp), so that
 * every result can name its evidence. A plain POJO so Flink serializes it without Kryo.
 */
public class Sourced<T extends SpecificRecord> {
    private T value;
    private String topic;
    private int partition;
    private long offset;
    private long kafkaTimestamp;

    public Sourced() {}

    public Sourced(T value, String topic, int partition, long offset, long kafkaTimestamp) {
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
    }

    public static <T extends SpecificRecord> Sourced<T> of(T value, String topic, int partition, long offset,
                                                            long kafkaTimestamp) {
        return new Sourced<>(value, topic, partition, offset, kafkaTimestamp);
    }

    /** The evidence reference of this record: its type, its eventId and its Kafka coordinates. */
    public EvidenceRef evidence(String eventId) {
        return EvidenceRef.newBuilder()
                .setEventType(value.getSchema().getName())
                .setEventId(eventId)
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .build();
    }

    public T getValue() { return value; }

    public void setValue(T value) { this.value = value; }

    public String getTopic() { return topic; }

    public void setTopic(String topic) { this.topic = topic; }

    public int getPartition() { return partition; }

    public void setPartition(int partition) { this.partition = partition; }

    public long getOffset() { return offset; }

    public void setOffset(long offset) { this.offset = offset; }

    public long getKafkaTimestamp() { return kafkaTimestamp; }

    public void setKafkaTimestamp(long kafkaTimestamp) { this.kafkaTimestamp = kafkaTimestamp; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sourced<?> other && partition == other.partition && offset == other.offset
                && kafkaTimestamp == other.kafkaTimestamp && Objects.equals(value, other.value)
                && Objects.equals(topic, other.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset + " " + value;
    }
}
