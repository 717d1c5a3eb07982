package org.posttrade.sinks.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Rows of one writer for one checkpoint, encoded and waiting to be inserted by the exactly-once sink's committer:
 * RowBinary bytes, where each row starts, and each row's key (for dead letters of refused rows).
 */
public record ClickHouseBatch(byte[] rows, int[] rowStarts, String[] keys) {

    public ClickHouseBatch {
        if (rows == null || rowStarts == null || keys == null || rowStarts.length != keys.length) {
            throw new IllegalArgumentException("rows, rowStarts and keys are required, one start and key per row");
        }
    }

    public int rowCount() {
        return rowStarts.length;
    }

    /** Version 1: row count, byte count, bytes, row starts, keys as length-prefixed UTF-8 (-1 for null). */
    public static final class Serializer implements SimpleVersionedSerializer<ClickHouseBatch> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ClickHouseBatch batch) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(batch.rows().length + 16 * batch.rowCount() + 16);
            out.writeInt(batch.rowCount());
            out.writeInt(batch.rows().length);
            out.write(batch.rows());
            for (int start : batch.rowStarts()) {
                out.writeInt(start);
            }
            for (String key : batch.keys()) {
                if (key == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public ClickHouseBatch deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown ClickHouseBatch serializer version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int rowCount = in.readInt();
            byte[] rows = new byte[in.readInt()];
            in.readFully(rows);
            int[] starts = new int[rowCount];
            for (int i = 0; i < rowCount; i++) {
                starts[i] = in.readInt();
            }
            String[] keys = new String[rowCount];
            for (int i = 0; i < rowCount; i++) {
                int length = in.readInt();
                if (length >= 0) {
                    byte[] utf8 = new byte[length];
                    in.readFully(utf8);
                    keys[i] = new String(utf8, StandardCharsets.UTF_8);
                }
            }
            return new ClickHouseBatch(rows, starts, keys);
        }
    }
}
