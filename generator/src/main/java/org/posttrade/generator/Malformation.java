package org.posttrade.generator;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a malformed event's bytes are broken. Chosen by the model (so it is seeded and deterministic) and applied
 * only by the writer ({@link WireRecords}): the model's records stay valid Avro.
 *
 * @param kind     what is wrong
 * @param rawValue the exact value bytes for {@link MalformedKind#GARBAGE_BYTES} and {@link MalformedKind#JSON_PAYLOAD};
 *                 null for the kinds derived from the encoded carrier record
 */
public record Malformation(MalformedKind kind, byte[] rawValue) {
    public Malformation {
        Objects.requireNonNull(kind, "kind");
        if ((kind == MalformedKind.GARBAGE_BYTES || kind == MalformedKind.JSON_PAYLOAD) != (rawValue != null)) {
            throw new IllegalArgumentException(kind + " needs raw bytes exactly when it replaces the record");
        }
        rawValue = rawValue == null ? null : rawValue.clone();
    }

    @Override
    public byte[] rawValue() { return rawValue == null ? null : rawValue.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Malformation other && kind == other.kind && Arrays.equals(rawValue, other.rawValue);
    }

    @Override
    public int hashCode() { return 31 * kind.hashCode() + Arrays.hashCode(rawValue); }

    @Override
    public String toString() { return "Malformation{" + kind + "}"; }
}
