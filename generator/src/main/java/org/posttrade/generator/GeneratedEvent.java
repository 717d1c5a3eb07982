package org.posttrade.generator;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.posttrade.contracts.Stream;

/**
 * One record of the scenario, in event-time order: the stream it goes to, its event time (the Kafka record
 * timestamp), its Kafka key and its value. A malformed event carries a {@link Malformation} that tells the writer how
 * to break the bytes; its record is then only the carrier (or, for the business-rule kinds, the invalid record).
 *
 * <p>Kafka keys keep related records in order on one partition: execution reports and bookings are keyed by
 * clOrdId (an order's fills, corrections and busts stay ordered, and bookings co-partition with their fills when the
 * partition counts match), venue confirmations by VENUE/execId, custodian updates by CUSTODIAN/movementId, marks by
 * symbol.
 *
 * @param sequence   position in the scenario, breaks ties between equal event times
 * @param stream     target stream
 * @param eventTime  event time in epoch milliseconds
 * @param key        Kafka key
 * @param record     the value; never null
 * @param malformation how the writer breaks the bytes; null for a well-formed record
 */
public record GeneratedEvent(long sequence, Stream stream, long eventTime, String key, SpecificRecordBase record,
                             Malformation malformation) {
    public GeneratedEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }

    public boolean isMalformed() { return malformation != null; }

    public Instant eventInstant() { return Instant.ofEpochMilli(eventTime); }

    @Override
    public String toString() {
        return "#" + sequence + " " + stream + " @" + eventInstant() + " key=" + key
                + (malformation == null ? "" : " MALFORMED(" + malformation.kind() + ")");
    }
}
