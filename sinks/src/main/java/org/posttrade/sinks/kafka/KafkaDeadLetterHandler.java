package org.posttrade.sinks.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.InitContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.ConfluentAvroSerializer;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;
import org.posttrade.sinks.clickhouse.ClickHouseSinkException;
import org.posttrade.sinks.clickhouse.RejectedRow;
import org.posttrade.sinks.clickhouse.RejectedRowHandler;

/**
 * Publishes rows ClickHouse refused as {@link DeadLetter}s (stage SINK_REJECTED) to a dead-letter topic, Avro in the
 * Confluent wire format (subject {@code <topic>-value}), keyed by the deterministic {@code deadLetterId}
 * {@code clickhouse/<db>.<table>/<rowKey>}, so a row refused again after a replay lands on the same partition under
 * the same id. The producer is idempotent with acks=all; {@link Writer#flush()} waits for every acknowledgement and
 * is called by the sink's flush, so a checkpoint covers the dead letters too.
 *
 * <p>Any producer property can be passed (security.protocol, sasl.jaas.config, ssl.*); their secrets are masked in
 * {@link #toString()}.
 */
public final class KafkaDeadLetterHandler<IN> implements RejectedRowHandler<IN> {
    private static final long serialVersionUID = 1L;
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|token|credential).*");

    private final String topic;
    private final Map<String, String> producerProperties;
    private final RegistryConfig registry;
    private final Duration closeTimeout;

    private KafkaDeadLetterHandler(Builder<IN> b) {
        this.topic = b.topic;
        this.producerProperties = Map.copyOf(b.properties);
        this.registry = b.registry;
        this.closeTimeout = b.closeTimeout;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public String topic() { return topic; }

    @Override
    public Writer<IN> open(InitContext context) {
        Properties props = new Properties();
        props.putAll(producerProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "posttrade-dead-letters-"
                + context.getTaskInfo().getTaskName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + context.getTaskInfo().getIndexOfThisSubtask());
        ConfluentAvroSerializer<DeadLetter> serializer = new ConfluentAvroSerializer<>(
                new SchemaRegistryClient(registry), Stream.valueSubject(topic), DeadLetter.getClassSchema());
        return new DeadLetterWriter<>(topic, new KafkaProducer<>(props), serializer, closeTimeout);
    }

    /** The dead letter for a rejected row; public so tests and tools build the same record. */
    public static DeadLetter toDeadLetter(RejectedRow<?> row, Instant detectedTime) {
        String id = "clickhouse/" + row.qualifiedTable() + "/" + row.rowKey();
        return DeadLetter.newBuilder()
                .setDeadLetterId(id)
                .setStage(DeadLetterStage.SINK_REJECTED)
                .setReason(row.reason() == null ? "" : row.reason())
                .setErrorClass(row.errorClass())
                .setRecordType(row.value() == null ? null : row.value().getClass().getSimpleName())
                .setPayload(row.payload() == null ? null
                        : ByteBuffer.wrap(row.payload().getBytes(StandardCharsets.UTF_8)))
                .setSink("clickhouse:" + row.qualifiedTable())
                .setDetectedTime(detectedTime)
                .build();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        producerProperties.forEach((k, v) -> shown.put(k, SECRET_KEY.matcher(k).matches() ? "******" : v));
        return "KafkaDeadLetterHandler{topic=" + topic + ", producer=" + shown + ", registry=" + registry + "}";
    }

    private static final class DeadLetterWriter<IN> implements Writer<IN> {
        private final String topic;
        private final KafkaProducer<byte[], byte[]> producer;
        private final ConfluentAvroSerializer<DeadLetter> serializer;
        private final Duration closeTimeout;
        // written by the producer's I/O thread, read by the task thread
        private volatile Exception sendError;

        DeadLetterWriter(String topic, KafkaProducer<byte[], byte[]> producer,
                         ConfluentAvroSerializer<DeadLetter> serializer, Duration closeTimeout) {
            this.topic = topic;
            this.producer = producer;
            this.serializer = serializer;
            this.closeTimeout = closeTimeout;
        }

        @Override
        public void reject(RejectedRow<IN> row) throws ClickHouseSinkException {
            checkError();
            DeadLetter letter = toDeadLetter(row, Instant.now());
            byte[] key = letter.getDeadLetterId().getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, key, serializer.serialize(letter)), (metadata, error) -> {
                if (error != null && sendError == null) {
                    sendError = error;
                }
            });
        }

        @Override
        public void flush() throws ClickHouseSinkException {
            producer.flush();
            checkError();
        }

        @Override
        public void close() {
            producer.close(closeTimeout);
        }

        private void checkError() throws ClickHouseSinkException {
            Exception error = sendError;
            if (error != null) {
                throw new ClickHouseSinkException("could not publish a dead letter to " + topic + ": " + error, error);
            }
        }
    }

    /** {@link #build()} validates and names the failing option. */
    public static final class Builder<T> {
        private String topic = Stream.DEAD_LETTERS.defaultTopic();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private RegistryConfig registry;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder<T> bootstrapServers(String servers) {
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            return this;
        }

        /** Default {@code posttrade.dead-letters}. */
        public Builder<T> topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder<T> registry(RegistryConfig registry) {
            this.registry = registry;
            return this;
        }

        /** Any KafkaProducer property, e.g. security settings. */
        public Builder<T> producerProperty(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder<T> producerProperties(Map<String, String> props) {
            properties.putAll(props);
            return this;
        }

        public Builder<T> closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        public KafkaDeadLetterHandler<T> build() {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("dead-letter topic must not be blank");
            }
            String servers = properties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
            if (servers == null || servers.isBlank()) {
                throw new IllegalArgumentException(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + " is required");
            }
            if (registry == null) {
                throw new IllegalArgumentException("registry (" + RegistryConfig.URL + ") is required");
            }
            // losing a dead letter loses the row: refuse weaker producer guarantees
            requireIfSet(ProducerConfig.ACKS_CONFIG, "all", "-1");
            requireIfSet(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            if (closeTimeout == null || closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must be >= 0");
            }
            return new KafkaDeadLetterHandler<>(this);
        }

        private void requireIfSet(String key, String... allowed) {
            String value = properties.get(key);
            if (value == null) {
                return;
            }
            for (String a : allowed) {
                if (a.equalsIgnoreCase(value.trim())) {
                    return;
                }
            }
            throw new IllegalArgumentException(key + "=" + value + " is not allowed for dead letters (need "
                    + String.join(" or ", allowed) + ")");
        }
    }
}
