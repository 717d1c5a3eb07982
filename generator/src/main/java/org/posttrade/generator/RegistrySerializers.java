package org.posttrade.generator;

import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.ConfluentAvroSerializer;
import org.posttrade.registry.SchemaRegistryClient;

/**
 * The production serializers: one {@link ConfluentAvroSerializer} per input stream, under the TopicNameStrategy
 * subject {@code <topic>-value}. The schema id is registered (or looked up, when auto-registration is off) once,
 * when this is built, so a registry problem stops the run before anything is produced.
 */
public final class RegistrySerializers {
    private RegistrySerializers() {}

    public static Map<Stream, RecordSerializer> create(SchemaRegistryClient registry, Topics topics) {
        Map<Stream, RecordSerializer> serializers = new EnumMap<>(Stream.class);
        topics.asMap().forEach((stream, topic) -> {
            ConfluentAvroSerializer<SpecificRecord> serializer =
                    new ConfluentAvroSerializer<>(registry, Stream.valueSubject(topic), stream.schema());
            serializers.put(stream, serializer::serialize);
        });
        return serializers;
    }
}
