package org.posttrade.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;
import org.posttrade.sinks.clickhouse.ClickHouseSink;
import org.posttrade.sinks.clickhouse.RejectedRow;
import org.posttrade.sinks.clickhouse.RejectedRowHandler;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.posttrade.sinks.clickhouse.testing.TestRowMapper;
import org.posttrade.sinks.clickhouse.testing.TestWriterInitContext;

/**
 * The dead-letter path against a real Kafka broker and schema registry: run {@code local-cluster/up} first, which
 * exports POSTTRADE_KAFKA_BOOTSTRAP and POSTTRADE_REGISTRY_URL (or set them).
 */
class KafkaDeadLetterHandlerIT {

    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    private static String bootstrap;
    private static RegistryConfig registry;

    @BeforeAll
    static void services() {
        bootstrap = System.getenv("POSTTRADE_KAFKA_BOOTSTRAP");
        String url = System.getenv("POSTTRADE_REGISTRY_URL");
        if (bootstrap == null || bootstrap.isBlank() || url == null || url.isBlank()) {
            throw new IllegalStateException("KafkaDeadLetterHandlerIT needs a Kafka broker and a schema registry: run "
                    + "local-cluster/up and export POSTTRADE_KAFKA_BOOTSTRAP and POSTTRADE_REGISTRY_URL "
                    + "(e.g. 127.0.0.1:19092 and http://127.0.0.1:18081/apis/ccompat/v7)");
        }
        registry = RegistryConfig.of(url);
    }

    private final List<String> topics = new ArrayList<>();

    @AfterEach
    void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics).all().get();
        }
    }

    private String newTopic() throws Exception {
        String topic = "test.dead-letters." + UUID.randomUUID();
        topics.add(topic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected) {
                    // one more poll: anything beyond `expected` would be a duplicate or a stray record
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                    break;
                }
            }
        }
        return records;
    }

    @Test
    void flushedDeadLettersAreOnTheTopicInTheConfluentWireFormat() throws Exception {
        String topic = newTopic();
        KafkaDeadLetterHandler<TestRow> handler = KafkaDeadLetterHandler.<TestRow>builder()
                .bootstrapServers(bootstrap).topic(topic).registry(registry).build();
        TestRow row = TestRow.of(7);
        try (RejectedRowHandler.Writer<TestRow> writer = handler.open(new TestWriterInitContext(false))) {
            writer.reject(new RejectedRow<>(row, "k000007", "posttrade", "executions", "Code: 395, refused",
                    "ClickHouseException(code=395)", row.toString()));
            writer.reject(new RejectedRow<>(null, "k000008", "posttrade", "executions", "Code: 27, cannot parse",
                    "ClickHouseException(code=27)", "{\"key\":\"k000008\"}"));
            writer.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 2);
        assertThat(records).hasSize(2);
        ConfluentAvroDeserializer<DeadLetter> deserializer =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry), DeadLetter.class);
        DeadLetter first = deserializer.deserialize(records.get(0).value());
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("clickhouse/posttrade.executions/k000007");
        assertThat(first.getDeadLetterId()).isEqualTo("clickhouse/posttrade.executions/k000007");
        assertThat(first.getStage()).isEqualTo(DeadLetterStage.SINK_REJECTED);
        assertThat(first.getReason()).isEqualTo("Code: 395, refused");
        assertThat(first.getErrorClass()).isEqualTo("ClickHouseException(code=395)");
        assertThat(StandardCharsets.UTF_8.decode(first.getPayload()).toString()).isEqualTo(row.toString());
        assertThat(first.getSink()).isEqualTo("clickhouse:posttrade.executions");
        assertThat(first.getDetectedTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        DeadLetter second = deserializer.deserialize(records.get(1).value());
        assertThat(second.getDeadLetterId()).isEqualTo("clickhouse/posttrade.executions/k000008");
        assertThat(second.getRecordType()).isNull();
    }

    @Test
    void aRowClickHouseRefusesEndsUpOnTheDeadLetterTopicBeforeTheSinkFlushReturns() throws Exception {
        String topic = newTopic();
        TestRowMapper.createTable(CLICKHOUSE, "dlq", "t");
        ClickHouseSink<TestRow> sink = ClickHouseSink.<TestRow>builder().endpoints(CLICKHOUSE.url())
                .database("dlq").mapper(new TestRowMapper("t"))
                .rejectedRowHandler(KafkaDeadLetterHandler.<TestRow>builder().bootstrapServers(bootstrap)
                        .topic(topic).registry(registry).build())
                .build();
        try (SinkWriter<TestRow> writer = sink.createWriter(new TestWriterInitContext(false))) {
            for (int i = 0; i < 100; i++) {
                TestRow row = TestRow.of(i);
                row.value = i == 42 ? -42 : i;
                writer.write(row, null);
            }
            writer.flush(false);
        }
        assertThat(CLICKHOUSE.query("SELECT count(), countIf(key = 'k000042') FROM dlq.t")).isEqualTo("99\t0");
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 1);
        assertThat(records).hasSize(1);
        DeadLetter letter = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry), DeadLetter.class)
                .deserialize(records.get(0).value());
        assertThat(letter.getDeadLetterId()).isEqualTo("clickhouse/dlq.t/k000042");
        assertThat(letter.getReason()).startsWith("Code: 395")
                .contains("Value passed to 'throwIf' function is non zero");
        assertThat(letter.getSink()).isEqualTo("clickhouse:dlq.t");
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).contains("\"value\": -42");
    }
}
