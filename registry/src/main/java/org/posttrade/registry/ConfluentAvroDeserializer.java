package org.posttrade.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the Confluent wire format into SpecificRecords of the reader's schema, resolving each record's writer
 * schema by its id (schema evolution: older and newer writers are read into the current classes). Any failure is a
 * {@link WireFormatException} that names the schema id, so callers can dead-letter the record. Not thread-safe.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> {
    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new HashMap<>();
    private BinaryDecoder decoder;

    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> recordClass) {
        this.registry = registry;
        this.readerSchema = SpecificData.get().getSchema(recordClass);
    }

    public T deserialize(byte[] bytes) {
        if (bytes == null) {
            throw new WireFormatException("empty record (null value, e.g. a tombstone)", -1, null);
        }
        int schemaId = WireFormat.schemaId(bytes);
        SpecificDatumReader<T> reader = readerFor(schemaId);
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                    bytes.length - WireFormat.HEADER_SIZE, decoder);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException("trailing bytes after the Avro record (schema id " + schemaId + ")",
                        schemaId, null);
            }
            return record;
        } catch (WireFormatException e) {
            throw e;
        } catch (Exception e) {
            throw new WireFormatException("cannot decode Avro with writer schema id " + schemaId + " as "
                    + readerSchema.getName() + ": " + e, schemaId, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int schemaId) {
        SpecificDatumReader<T> reader = readersByWriterId.get(schemaId);
        if (reader == null) {
            Schema writerSchema;
            try {
                writerSchema = registry.schemaById(schemaId);
            } catch (RegistryException e) {
                if (!e.isPermanent()) {
                    throw e; // registry down: not the record's fault, let the job retry
                }
                throw new WireFormatException("unknown schema id " + schemaId + ": " + e.getMessage(), schemaId, e);
            }
            reader = new SpecificDatumReader<>(writerSchema, readerSchema);
            readersByWriterId.put(schemaId, reader);
        }
        return reader;
    }
}
