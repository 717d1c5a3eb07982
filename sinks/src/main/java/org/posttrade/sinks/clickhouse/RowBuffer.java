package org.posttrade.sinks.clickhouse;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The current batch: RowBinary bytes in one reusable array, where each row starts, and per row what a dead letter
 * needs later (the stream element when it may be kept, else its row key). Single-threaded, like the writer.
 */
final class RowBuffer {
    private final Bytes bytes;
    private int[] rowStarts = new int[1024];
    private Object[] values = new Object[1024];
    private String[] keys = new String[1024];
    private int rows;

    RowBuffer(int initialBytes) {
        this.bytes = new Bytes(initialBytes);
    }

    /** Where the row writer writes; the row counts once {@link #commitRow} is called. */
    OutputStream stream() {
        return bytes;
    }

    /** Position before the next row, for {@link #rollback}. */
    int mark() {
        return bytes.size;
    }

    /** Drops the bytes of a row that failed half-way. */
    void rollback(int mark) {
        bytes.size = mark;
    }

    /** Records the row written since {@code mark}. {@code value} or {@code key} may be null. */
    void commitRow(int mark, Object value, String key) {
        if (rows == rowStarts.length) {
            int capacity = rows * 2;
            rowStarts = Arrays.copyOf(rowStarts, capacity);
            values = Arrays.copyOf(values, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        rowStarts[rows] = mark;
        values[rows] = value;
        keys[rows] = key;
        rows++;
    }

    int rows() { return rows; }

    int bytes() { return bytes.size; }

    boolean isEmpty() { return rows == 0; }

    /** The backing array: valid from 0 to {@link #bytes()}. */
    byte[] array() { return bytes.buf; }

    int rowStart(int row) { return rowStarts[row]; }

    /** Exclusive end of a row; for a range of rows [from, to) the bytes are rowStart(from) to rowEnd(to - 1). */
    int rowEnd(int row) { return row + 1 < rows ? rowStarts[row + 1] : bytes.size; }

    Object value(int row) { return values[row]; }

    String key(int row) { return keys[row]; }

    /** A copy of the batch as a committable: its bytes, where each row starts, and the row keys. */
    ClickHouseBatch seal() {
        return new ClickHouseBatch(Arrays.copyOf(bytes.buf, bytes.size), Arrays.copyOf(rowStarts, rows),
                Arrays.copyOf(keys, rows));
    }

    /** A buffer over a committed batch, for the committer's inserts (no elements, keys only). */
    static RowBuffer of(ClickHouseBatch batch) {
        RowBuffer buffer = new RowBuffer(0);
        buffer.bytes.buf = batch.rows();
        buffer.bytes.size = batch.rows().length;
        buffer.rowStarts = batch.rowStarts();
        buffer.keys = batch.keys();
        buffer.values = new Object[batch.rowCount()];
        buffer.rows = batch.rowCount();
        return buffer;
    }

    /** Empties the batch; keeps the arrays, drops the references to elements. */
    void clear() {
        Arrays.fill(values, 0, rows, null);
        Arrays.fill(keys, 0, rows, null);
        rows = 0;
        bytes.size = 0;
    }

    /** A ByteArrayOutputStream without synchronization and with its array exposed. */
    private static final class Bytes extends OutputStream {
        private byte[] buf;
        private int size;

        Bytes(int initial) {
            buf = new byte[Math.max(64, initial)];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int extra) {
            long needed = (long) size + extra;
            if (needed > buf.length) {
                long grown = Math.max(needed, (long) buf.length * 2);
                buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 8));
            }
        }
    }
}
