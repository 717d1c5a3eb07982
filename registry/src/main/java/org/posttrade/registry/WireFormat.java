package org.posttrade.registry;

import java.io.ByteArrayOutputStream;

/** The Confluent wire format header: magic byte 0 then the schema id as a 4-byte big-endian int. */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** The schema id of a record; WireFormatException when the header is missing or has another magic byte. */
    public static int schemaId(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new WireFormatException("record of " + bytes.length + " bytes is shorter than the 5-byte wire format header", -1, null);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException("unknown magic byte " + bytes[0] + " (expected 0: not Confluent wire format)", -1, null);
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    static void writeSchemaId(ByteArrayOutputStream out, int id) {
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
    }
}
