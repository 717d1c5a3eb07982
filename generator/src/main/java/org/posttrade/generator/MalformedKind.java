package org.posttrade.generator;

/**
 * How a {@link Label#MALFORMED} record is broken. The first five are not readable as Confluent-framed Avro (a
 * correct pipeline dead-letters them at DECODE); the last three are valid Avro execution reports that break a
 * business rule (dead-lettered at VALIDATION).
 */
public enum MalformedKind {
    GARBAGE_BYTES(true, "random bytes whose first byte is not the magic byte 0"),
    JSON_PAYLOAD(true, "the record as JSON text instead of Avro (first byte '{')"),
    WRONG_MAGIC_BYTE(true, "a valid Avro record framed with magic byte 1"),
    TRUNCATED_AVRO(true, "a valid header followed by only the first half of the Avro body"),
    UNKNOWN_SCHEMA_ID(true, "a valid Avro body framed with a schema id the registry does not have"),
    NON_POSITIVE_QUANTITY(false, "a TRADE execution report with lastQty zero or negative"),
    NON_POSITIVE_PRICE(false, "a TRADE execution report with lastPx zero or negative"),
    UNKNOWN_INSTRUMENT(false, "a TRADE execution report on an instrument outside the reference data");

    /** Schema id written by {@link #UNKNOWN_SCHEMA_ID}: far above any id a registry hands out in practice. */
    public static final int UNKNOWN_SCHEMA_ID_VALUE = 2_000_000_001;

    private final boolean undecodable;
    private final String description;

    MalformedKind(boolean undecodable, String description) {
        this.undecodable = undecodable;
        this.description = description;
    }

    /** True when the bytes are not readable as Confluent wire format with the stream's schema. */
    public boolean undecodable() { return undecodable; }

    public String description() { return description; }
}
