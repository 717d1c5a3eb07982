package org.posttrade.generator;

import org.apache.avro.specific.SpecificRecord;

/** Turns a record of one stream into its Kafka value bytes (Confluent wire format). */
@FunctionalInterface
public interface RecordSerializer {
    byte[] serialize(SpecificRecord record);
}
