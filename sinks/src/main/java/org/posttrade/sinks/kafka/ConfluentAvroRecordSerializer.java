package org.posttrade.sinks.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.ConfluentAvroSerializer;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;

/**
 * KafkaSink serializer: Avro in the Confluent wire format under the TopicNameStrategy subject, keyed by a
 * deterministic id (breakId, deadLetterId...) so that all versions of one entity stay ordered on one partition and
 * compacted topics keep the latest.
 */
public final class ConfluentAvroRecordSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RegistryConfig registryConfig;
    private final SerializableFunction<T, String> keyOf;
    private transient ConfluentAvroSerializer<T> serializer;

    public ConfluentAvroRecordSerializer(String topic, RegistryConfig registryConfig, SerializableFunction<T, String> keyOf) {
        this.topic = topic;
        this.registryConfig = registryConfig;
        this.keyOf = keyOf;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        serializer = null; // resolved lazily with the first record's schema
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        if (serializer == null) {
            serializer = new ConfluentAvroSerializer<>(new SchemaRegistryClient(registryConfig),
                    Stream.valueSubject(topic), element.getSchema());
        }
        return new ProducerRecord<>(topic, null, timestamp, keyOf.apply(element).getBytes(StandardCharsets.UTF_8),
                serializer.serialize(element));
    }
}
