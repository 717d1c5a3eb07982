package org.posttrade.jobs.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.Sourced;

/**
 * Event time of a decoded Kafka record at the source: the record's business time (e.g. transactTime) when it
 * decoded, else the Kafka timestamp (a dead letter has no business time). Assigned in the source so that watermarks
 * are tracked per partition.
 */
final class SourceEventTime<T extends SpecificRecord> implements SerializableTimestampAssigner<Decoded<T>> {
    private static final long serialVersionUID = 1L;
    private final SerializableTimestampAssigner<Sourced<T>> businessTime;

    SourceEventTime(SerializableTimestampAssigner<Sourced<T>> businessTime) {
        this.businessTime = businessTime;
    }

    @Override
    public long extractTimestamp(Decoded<T> decoded, long kafkaTimestamp) {
        return decoded.isOk() ? businessTime.extractTimestamp(decoded.getRecord(), kafkaTimestamp) : kafkaTimestamp;
    }
}
