package org.posttrade.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.GeneratorMain;
import org.posttrade.generator.GroundTruth;
import org.posttrade.generator.RunSummary;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.testing.ClickHouseQueries;
import org.posttrade.jobs.testing.FlinkRestClient;
import org.posttrade.jobs.tools.MigrationSetup;
import org.posttrade.jobs.tools.SchemaSetup;
import org.posttrade.jobs.tools.TopicSetup;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;

/**
 * End to end, as a data team deploys: the job jar is uploaded to the real Flink session cluster of local-cluster
 * and run against the real Kafka broker, Schema Registry and ClickHouse; the generator produces a labelled run with
 * malformed records. Every consumed record must come out exactly once: valid ones as rows of their table, the others
 * as dead letters (topic, read_committed, and table) with their reason and source offsets.
 */
class IngestJobE2EIT {
    static final Path JOB_JAR = Path.of("target/posttrade-jobs.jar");
    static final String RUN = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String PREFIX = RUN + ".";
    static final String DATABASE = "e2e_" + RUN;

    static FlinkRestClient flink;
    static ClickHouseQueries clickHouse;
    static JobConfig config;
    static String jarId;
    static String jobId;

    @BeforeAll
    static void deployJob() throws Exception {
        String flinkRest = requiredEnv("POSTTRADE_FLINK_REST");
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", requiredEnv("POSTTRADE_KAFKA_BOOTSTRAP"));
        settings.put("registry.url", requiredEnv("POSTTRADE_REGISTRY_URL"));
        settings.put("clickhouse.endpoints", requiredEnv("POSTTRADE_CLICKHOUSE_URL"));
        settings.put("clickhouse.database", DATABASE);
        settings.put("kafka.group.id", RUN);
        settings.put("kafka.transactional-id-prefix", RUN);
        settings.put("checkpoint.interval", "2s");
        for (Stream stream : Stream.values()) {
            settings.put("topic." + stream.name().toLowerCase().replace('_', '-'), PREFIX + stream.defaultTopic());
        }
        config = JobConfig.of(settings);
        TopicSetup.createMissing(config, (short) 1);
        SchemaSetup.registerAll(config);
        MigrationSetup.apply(config);

        assertThat(JOB_JAR).as("the shaded job jar (built by mvn package)").exists();
        flink = new FlinkRestClient(flinkRest);
        clickHouse = new ClickHouseQueries(requiredEnv("POSTTRADE_CLICKHOUSE_URL"));
        jarId = flink.uploadJar(JOB_JAR);
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        jobId = flink.runJar(jarId, IngestJob.class.getName(), args);
        flink.awaitState(jobId, "RUNNING", Duration.ofMinutes(2));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (jobId != null) {
            flink.cancel(jobId);
            flink.awaitState(jobId, "CANCELED", Duration.ofMinutes(1));
        }
        if (jarId != null) {
            flink.deleteJar(jarId);
        }
        if (clickHouse != null) {
            clickHouse.query("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void everyGeneratedRecordLandsOnceAsARowOrAsADeadLetter() throws Exception {
        Path truthFile = Files.createTempFile("ground-truth", ".jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = GeneratorMain.run(new String[] {
                "--bootstrap", requiredEnv("POSTTRADE_KAFKA_BOOTSTRAP"), "--registry", requiredEnv("POSTTRADE_REGISTRY_URL"),
                "--seed", "7", "--trades", "300", "--topic-prefix", PREFIX, "--ground-truth", truthFile.toString(),
                // event times close to now: brokers refuse timestamps far in the future and expire old ones
                "--start", Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()},
                new PrintStream(out), new PrintStream(out));
        assertThat(exit).as("generator output:\n%s", out).isZero();
        RunSummary summary = GroundTruth.load(truthFile).summary().orElseThrow();
        assertThat(summary.malformedRecords()).as("the run must contain malformed records").isPositive();

        Map<String, Long> expectedRows = new HashMap<>();
        expectedRows.put("executions", valid(summary, Stream.EXECUTION_REPORTS));
        expectedRows.put("internal_trades", valid(summary, Stream.INTERNAL_TRADES));
        expectedRows.put("venue_confirmations", valid(summary, Stream.VENUE_CONFIRMATIONS));
        expectedRows.put("custodian_movements", valid(summary, Stream.CUSTODIAN_CONFIRMATIONS));
        expectedRows.put("mark_prices", valid(summary, Stream.MARK_PRICES));
        expectedRows.put("dead_letters", summary.malformedRecords());

        Map<String, Long> actual = awaitRowCounts(expectedRows, Duration.ofMinutes(3));
        assertThat(actual).isEqualTo(expectedRows);
        // evidence: every execution row names the Kafka record it came from, and each record only once
        assertThat(clickHouse.count("SELECT uniqExact(source_partition, source_offset) FROM " + DATABASE + ".executions FINAL"))
                .isEqualTo(expectedRows.get("executions"));

        List<DeadLetter> deadLetters = readDeadLetterTopic(summary.malformedRecords(), Duration.ofMinutes(1));
        assertThat(deadLetters).hasSize((int) summary.malformedRecords());
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.getReason()).isNotBlank();
            assertThat(d.getSourceTopic()).startsWith(PREFIX);
            assertThat(d.getSourceOffset()).isNotNull();
            assertThat(d.getDeadLetterId()).isEqualTo("kafka/" + d.getSourceTopic() + "/" + d.getSourcePartition()
                    + "/" + d.getSourceOffset());
        });
        long undecodable = deadLetters.stream().filter(d -> d.getStage() == DeadLetterStage.DECODE).count();
        long invalid = deadLetters.stream().filter(d -> d.getStage() == DeadLetterStage.VALIDATION).count();
        assertThat(undecodable).isPositive();
        assertThat(invalid).isPositive();
        assertThat(undecodable + invalid).isEqualTo(summary.malformedRecords());
    }

    static long valid(RunSummary summary, Stream stream) {
        long all = summary.recordsPerStream().getOrDefault(stream.name(), 0L);
        long malformed = summary.labelsPerStream().getOrDefault(stream.name(), Map.of()).getOrDefault("MALFORMED", 0L);
        return all - malformed;
    }

    static Map<String, Long> awaitRowCounts(Map<String, Long> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> actual = new HashMap<>();
        while (System.nanoTime() < deadline) {
            for (String table : expected.keySet()) {
                actual.put(table, clickHouse.count("SELECT count() FROM " + DATABASE + "." + table + " FINAL"));
            }
            if (actual.equals(expected)) {
                return actual;
            }
            Thread.sleep(1000);
        }
        return actual;
    }

    static List<DeadLetter> readDeadLetterTopic(long expected, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", requiredEnv("POSTTRADE_KAFKA_BOOTSTRAP"));
        props.put("group.id", RUN + "-verify");
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        ConfluentAvroDeserializer<DeadLetter> deserializer = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(config.registry()), DeadLetter.class);
        List<DeadLetter> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(PREFIX + Stream.DEAD_LETTERS.defaultTopic()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && read.size() < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(deserializer.deserialize(record.value()));
                }
            }
            // one more poll: more than expected must show up as a failure, not be left unread
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                read.add(deserializer.deserialize(record.value()));
            }
        }
        return read;
    }

    static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests with local-cluster/test, or start "
                    + "the services with local-cluster/up and export the addresses it prints");
        }
        return value;
    }
}
