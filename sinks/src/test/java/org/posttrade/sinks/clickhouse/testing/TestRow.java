package org.posttrade.sinks.clickhouse.testing;

import java.math.BigDecimal;
import java.util.Objects;

/** A small row for sink tests; a Flink POJO (public fields, no-arg constructor). */
public class TestRow {
    public String key;
    public long value;
    public BigDecimal amount;
    public long version;

    public TestRow() {
    }

    public TestRow(String key, long value, BigDecimal amount, long version) {
        this.key = key;
        this.value = value;
        this.amount = amount;
        this.version = version;
    }

    /** Row {@code i}: key "k000042", value i, amount i/100, version 1. */
    public static TestRow of(long i) {
        return new TestRow(String.format("k%06d", i), i, BigDecimal.valueOf(i, 2), 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRow r && value == r.value && version == r.version && Objects.equals(key, r.key)
                && Objects.equals(amount, r.amount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, amount, version);
    }

    /** JSON, like an Avro record prints itself. */
    @Override
    public String toString() {
        return "{\"key\": \"" + key + "\", \"value\": " + value + ", \"amount\": " + amount + ", \"version\": "
                + version + "}";
    }
}
