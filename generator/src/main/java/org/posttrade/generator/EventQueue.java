package org.posttrade.generator;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecordBase;
import org.posttrade.contracts.Stream;

/** Events generated ahead of the emission frontier, ordered by event time, then by the order they were generated. */
final class EventQueue {
    private static final Comparator<GeneratedEvent> ORDER =
            Comparator.comparingLong(GeneratedEvent::eventTime).thenComparingLong(GeneratedEvent::sequence);

    private final PriorityQueue<GeneratedEvent> queue = new PriorityQueue<>(ORDER);
    private long sequence;

    void push(Stream stream, long eventTime, String key, SpecificRecordBase record) {
        queue.add(new GeneratedEvent(sequence++, stream, eventTime, key, record, null));
    }

    void pushMalformed(Stream stream, long eventTime, String key, SpecificRecordBase carrier, Malformation malformation) {
        queue.add(new GeneratedEvent(sequence++, stream, eventTime, key, carrier, malformation));
    }

    boolean isEmpty() { return queue.isEmpty(); }

    long peekTime() { return queue.peek().eventTime(); }

    GeneratedEvent poll() { return queue.poll(); }

    /** Latest event time queued, or {@code otherwise} when empty. */
    long maxTime(long otherwise) {
        return queue.stream().mapToLong(GeneratedEvent::eventTime).max().orElse(otherwise);
    }
}
