package org.posttrade.jobs.ingest;

import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.config.PipelineOptions;
import org.posttrade.sinks.kafka.ConfluentAvroSourceDeserializer;

/** Builds the KafkaSource of an input stream: Confluent-Avro decoding that never throws for a bad record. */
public final class KafkaSources {
    private final JobConfig config;

    public KafkaSources(JobConfig config) {
        this.config = config;
    }

    public <T extends SpecificRecord> KafkaSource<Decoded<T>> source(Stream stream, Class<T> recordClass,
                                                                   TypeInformation<Decoded<T>> type) {
        Properties props = config.kafkaProperties();
        // only committed records of transactional producers: an aborted write must never reach the books
        props.putIfAbsent("isolation.level", "read_committed");
        props.putIfAbsent("partition.discovery.interval.ms", "60000");
        KafkaSourceBuilder<Decoded<T>> builder = KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(config.get(PipelineOptions.KAFKA_BOOTSTRAP))
                .setTopics(config.topic(stream))
                .setGroupId(config.get(PipelineOptions.KAFKA_GROUP_ID))
                .setStartingOffsets(startingOffsets())
                .setDeserializer(new ConfluentAvroSourceDeserializer<>(recordClass, config.registry(), type))
                .setProperties(props);
        String stopping = config.get(PipelineOptions.KAFKA_STOPPING_OFFSETS);
        switch (stopping) {
            case "none" -> { }
            case "latest" -> builder.setBounded(OffsetsInitializer.latest());
            default -> throw new IllegalArgumentException(PipelineOptions.KAFKA_STOPPING_OFFSETS.key()
                    + " must be none or latest, got: " + stopping);
        }
        return builder.build();
    }

    private OffsetsInitializer startingOffsets() {
        String mode = config.get(PipelineOptions.KAFKA_STARTING_OFFSETS);
        return switch (mode) {
            case "committed-or-earliest" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> throw new IllegalArgumentException(PipelineOptions.KAFKA_STARTING_OFFSETS.key()
                    + " must be committed-or-earliest, earliest or latest, got: " + mode);
        };
    }
}
