package org.posttrade.registry;

/** A record is not Avro in the Confluent wire format, or cannot be read with the reader's schema. */
public class WireFormatException extends RuntimeException {
    private final int schemaId;

    public WireFormatException(String message, int schemaId, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    /** The schema id the record names, or -1 when the header could not be read. */
    public int schemaId() { return schemaId; }
}
