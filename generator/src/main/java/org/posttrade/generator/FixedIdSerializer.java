package org.posttrade.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.WireFormat;

/**
 * Confluent wire format with a schema id given rather than registered: for {@code --dry-run} (which checks that
 * every record encodes and measures the bytes) and for tests. Never used to produce to Kafka: a consumer could not
 * resolve the id.
 */
public final class FixedIdSerializer implements RecordSerializer {
    private final int schemaId;
    private final SpecificDatumWriter<SpecificRecord> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;

    public FixedIdSerializer(Schema schema, int schemaId) {
        this.schemaId = schemaId;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    /** One serializer per input stream, with ids 1, 2, ... in Stream order. */
    public static Map<Stream, RecordSerializer> forInputs() {
        Map<Stream, RecordSerializer> serializers = new EnumMap<>(Stream.class);
        int id = 1;
        for (Stream stream : Stream.values()) {
            if (stream.direction() == Stream.Direction.INPUT) {
                serializers.put(stream, new FixedIdSerializer(stream.schema(), id++));
            }
        }
        return serializers;
    }

    @Override
    public byte[] serialize(SpecificRecord record) {
        buffer.reset();
        buffer.write(WireFormat.MAGIC_BYTE);
        buffer.write(schemaId >>> 24);
        buffer.write(schemaId >>> 16);
        buffer.write(schemaId >>> 8);
        buffer.write(schemaId);
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
