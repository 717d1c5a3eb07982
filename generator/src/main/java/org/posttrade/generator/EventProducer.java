package org.posttrade.generator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the scenario to Kafka in event-time order at a steady rate, prints a progress line now and then, and stops
 * at the first failed send (with an idempotent producer a failed batch is fatal for ordering, so carrying on would
 * produce a stream with a hole). Sends are asynchronous; {@link #run} flushes before it returns, so the result counts
 * acknowledged records.
 */
public final class EventProducer {
    private final Producer<String, byte[]> producer;
    private final WireRecords wire;
    private final double recordsPerSecond;
    private final long progressNanos;
    private final PrintStream progress;

    /**
     * @param recordsPerSecond target rate; 0 sends as fast as the producer accepts
     * @param progressInterval how often to print a progress line; zero for none
     */
    public EventProducer(Producer<String, byte[]> producer, WireRecords wire, double recordsPerSecond,
                         Duration progressInterval, PrintStream progress) {
        if (recordsPerSecond < 0) {
            throw new IllegalArgumentException("--rate must be >= 0, got " + recordsPerSecond);
        }
        this.producer = producer;
        this.wire = wire;
        this.recordsPerSecond = recordsPerSecond;
        this.progressNanos = progressInterval.toNanos();
        this.progress = progress;
    }

    /** Producer settings for an ordered, exactly-once-per-partition write; {@code overrides} win. */
    public static Properties producerProperties(String bootstrap, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "posttrade-generator");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // one request in flight: a batch to a partition that is still being created (topics made just before a
        // run) is retried before the next one is sent; with more, the broker can take the next batches first and
        // then refuse the retried one as out of order (OutOfOrderSequenceException, seen on fresh topics)
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(overrides);
        return props;
    }

    /** What was produced. {@code firstError} is null when every record was acknowledged. */
    public record Result(long sent, long acknowledged, long failed, Map<String, Long> acknowledgedPerTopic,
                         Exception firstError, Duration elapsed) {
        public boolean succeeded() { return firstError == null && failed == 0; }
    }

    /** Sends every event (each is handed to {@code onSent} once it is sent), then flushes. */
    public Result run(Iterator<GeneratedEvent> events, Consumer<GeneratedEvent> onSent) {
        long startNanos = System.nanoTime();
        long nextProgress = startNanos + progressNanos;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        Map<String, AtomicLong> perTopic = new TreeMap<>();
        long sent = 0;
        long lastEventTime = 0;
        while (events.hasNext() && firstError.get() == null) {
            GeneratedEvent event = events.next();
            pace(startNanos, sent);
            ProducerRecord<String, byte[]> record = wire.toProducerRecord(event);
            AtomicLong topicCount = perTopic.computeIfAbsent(record.topic(), t -> new AtomicLong());
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.incrementAndGet();
                    topicCount.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, exception);
                }
            });
            sent++;
            lastEventTime = event.eventTime();
            onSent.accept(event);
            long now = System.nanoTime();
            if (progressNanos > 0 && now >= nextProgress) {
                double seconds = (now - startNanos) / 1e9;
                progress.printf("progress: %d sent, %d acknowledged, %.0f records/s, event time %s%n", sent,
                        acknowledged.get(), sent / seconds, Records.iso(lastEventTime));
                nextProgress = now + progressNanos;
            }
        }
        producer.flush();
        Map<String, Long> counts = new TreeMap<>();
        perTopic.forEach((topic, n) -> counts.put(topic, n.get()));
        return new Result(sent, acknowledged.get(), failed.get(), counts, firstError.get(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Waits until record number {@code sent} is due at the configured rate. */
    private void pace(long startNanos, long sent) {
        if (recordsPerSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (sent * 1e9 / recordsPerSecond);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
