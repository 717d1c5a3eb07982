package org.posttrade.sinks.kafka;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.DeadLetters;
import org.posttrade.contracts.Sourced;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.registry.WireFormatException;
import org.posttrade.schema.DeadLetterStage;

/**
 * KafkaSource deserializer for the Confluent wire format. Every consumed record yields exactly one element: the
 * decoded record with its topic/partition/offset, or a DECODE dead letter carrying the raw bytes and the reason.
 * A registry that cannot be reached is not the record's fault: that error propagates and the job restarts from its
 * checkpoint instead of dead-lettering good data.
 */
public final class ConfluentAvroSourceDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final Class<T> recordClass;
    private final RegistryConfig registryConfig;
    private final TypeInformation<Decoded<T>> producedType;
    private transient ConfluentAvroDeserializer<T> deserializer;
    private transient Counter decodeFailures;

    public ConfluentAvroSourceDeserializer(Class<T> recordClass, RegistryConfig registryConfig,
                                           TypeInformation<Decoded<T>> producedType) {
        this.recordClass = recordClass;
        this.registryConfig = registryConfig;
        this.producedType = producedType;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        deserializer = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registryConfig), recordClass);
        decodeFailures = context.getMetricGroup().counter("decodeFailures");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) throws IOException {
        try {
            T value = deserializer.deserialize(record.value());
            out.collect(Decoded.ok(Sourced.of(value, record.topic(), record.partition(), record.offset(),
                    record.timestamp())));
        } catch (WireFormatException e) {
            decodeFailures.inc();
            out.collect(Decoded.failed(DeadLetters.forConsumedRecord(DeadLetterStage.DECODE, e.getMessage(),
                    e.getClass().getName(), recordClass.getSimpleName(), record.topic(), record.partition(),
                    record.offset(), record.timestamp(), e.schemaId() >= 0 ? e.schemaId() : null, record.key(),
                    record.value(), Instant.now())));
        }
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return producedType;
    }
}
