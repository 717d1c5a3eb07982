package org.posttrade.generator;

import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.WireFormat;

/**
 * The writer's core, free of I/O: an event becomes a ProducerRecord on its stream's topic, keyed by the event's
 * key (the default partitioner then keeps an order's reports, a confirmation's copies and a movement's updates each
 * on one partition), timestamped with the event time, valued with the stream's serializer. Malformed events are
 * broken here, and only here.
 */
public final class WireRecords {
    private final Topics topics;
    private final Map<Stream, RecordSerializer> serializers;

    public WireRecords(Topics topics, Map<Stream, RecordSerializer> serializers) {
        this.topics = topics;
        this.serializers = Map.copyOf(serializers);
        for (Stream stream : topics.asMap().keySet()) {
            if (!this.serializers.containsKey(stream)) {
                throw new IllegalArgumentException("no serializer for " + stream);
            }
        }
    }

    public Topics topics() { return topics; }

    public ProducerRecord<String, byte[]> toProducerRecord(GeneratedEvent event) {
        return new ProducerRecord<>(topics.topic(event.stream()), null, event.eventTime(), event.key(), value(event));
    }

    /** The value bytes: the encoded record, or the malformed bytes the event's malformation calls for. */
    public byte[] value(GeneratedEvent event) {
        Malformation malformation = event.malformation();
        if (malformation != null && malformation.rawValue() != null) {
            return malformation.rawValue();
        }
        byte[] encoded = serializers.get(event.stream()).serialize(event.record());
        if (malformation == null) {
            return encoded;
        }
        return switch (malformation.kind()) {
            case WRONG_MAGIC_BYTE -> {
                byte[] bytes = encoded.clone();
                bytes[0] = 1;
                yield bytes;
            }
            case TRUNCATED_AVRO -> Arrays.copyOf(encoded,
                    WireFormat.HEADER_SIZE + (encoded.length - WireFormat.HEADER_SIZE) / 2);
            case UNKNOWN_SCHEMA_ID -> {
                byte[] bytes = encoded.clone();
                int id = MalformedKind.UNKNOWN_SCHEMA_ID_VALUE;
                bytes[1] = (byte) (id >>> 24);
                bytes[2] = (byte) (id >>> 16);
                bytes[3] = (byte) (id >>> 8);
                bytes[4] = (byte) id;
                yield bytes;
            }
            // valid Avro that breaks a business rule: encoded as it is
            case NON_POSITIVE_QUANTITY, NON_POSITIVE_PRICE, UNKNOWN_INSTRUMENT -> encoded;
            case GARBAGE_BYTES, JSON_PAYLOAD -> throw new IllegalStateException(malformation.kind() + " without bytes");
        };
    }
}
