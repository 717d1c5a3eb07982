package org.posttrade.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes SpecificRecords in the Confluent wire format: magic byte 0, the schema's 4-byte big-endian registry id,
 * then Avro binary. The id is resolved once (registered when the config allows, otherwise looked up) under the
 * TopicNameStrategy subject {@code <topic>-value}. Not thread-safe: one instance per task; buffers are reused.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> {
    private final SpecificDatumWriter<T> writer;
    private final int schemaId;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    public ConfluentAvroSerializer(SchemaRegistryClient registry, String subject, Schema schema) {
        this.writer = new SpecificDatumWriter<>(schema);
        this.schemaId = registry.config().autoRegister() ? registry.register(subject, schema)
                : registry.lookup(subject, schema);
    }

    public int schemaId() { return schemaId; }

    public byte[] serialize(T record) {
        buffer.reset();
        buffer.write(WireFormat.MAGIC_BYTE);
        WireFormat.writeSchemaId(buffer, schemaId);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
