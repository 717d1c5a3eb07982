package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** SHA-256 over every record as it would be produced (topic, key, timestamp, value) and every truth line. */
    private static String fingerprint(GeneratorConfig config) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        WireRecords wire = new WireRecords(Topics.defaults(), FixedIdSerializer.forInputs());
        StringWriter truth = new StringWriter();
        RunStatistics stats = new RunStatistics();
        try (GroundTruthWriter writer = new GroundTruthWriter(truth)) {
            ScenarioGenerator generator = new ScenarioGenerator(config, e -> {
                writer.write(e);
                stats.observe(e);
            });
            while (generator.hasNext()) {
                GeneratedEvent event = generator.next();
                stats.observe(event);
                ProducerRecord<String, byte[]> record = wire.toProducerRecord(event);
                digest.update(record.topic().getBytes(StandardCharsets.UTF_8));
                digest.update(record.key().getBytes(StandardCharsets.UTF_8));
                digest.update(Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
                digest.update(record.value());
            }
            writer.write(stats.summary(config, Topics.defaults().asMap()));
        }
        digest.update(truth.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void sameSeedAndOptionsGiveIdenticalBytes() throws Exception {
        assertThat(fingerprint(TestScenarios.DEFAULT)).isEqualTo(fingerprint(TestScenarios.DEFAULT));
        assertThat(fingerprint(TestScenarios.FORCED)).isEqualTo(fingerprint(TestScenarios.FORCED));
    }

    @Test
    void differentSeedGivesDifferentScenario() throws Exception {
        GeneratorConfig other = TestScenarios.DEFAULT.toBuilder().seed(8).build();
        assertThat(fingerprint(other)).isNotEqualTo(fingerprint(TestScenarios.DEFAULT));
    }

    @Test
    void streamingAndInMemoryGenerationAgree() {
        Scenario scenario = TestScenarios.defaults();
        List<TruthEntry> truth = new ArrayList<>();
        ScenarioGenerator generator = new ScenarioGenerator(TestScenarios.DEFAULT, truth::add);
        List<GeneratedEvent> events = new ArrayList<>();
        generator.forEachRemaining(events::add);
        assertThat(events).hasSameSizeAs(scenario.events());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).record()).isEqualTo(scenario.events().get(i).record());
            assertThat(events.get(i).key()).isEqualTo(scenario.events().get(i).key());
        }
        assertThat(truth).isEqualTo(scenario.truth());
    }

    @Test
    void eventsAreInEventTimeOrderAndIdsAreUniquePerStream() {
        Scenario scenario = TestScenarios.forced();
        long previous = Long.MIN_VALUE;
        for (GeneratedEvent event : scenario.events()) {
            assertThat(event.eventTime()).isGreaterThanOrEqualTo(previous);
            previous = event.eventTime();
        }
        // eventIds repeat only for the deliberate duplicates (DUPLICATE_CONFIRMATION, DUPLICATE_CONFLICT)
        long duplicates = scenario.labels(Label.DUPLICATE_CONFIRMATION).size()
                + scenario.labels(Label.DUPLICATE_CONFLICT).size();
        List<String> ids = scenario.events().stream().filter(e -> !e.isMalformed())
                .map(e -> e.stream() + "|" + e.record().get("eventId")).toList();
        assertThat(ids.size() - ids.stream().distinct().count()).isEqualTo(duplicates);
    }

    @Test
    void zeroTradesGivesOnlyMarks() {
        Scenario scenario = ScenarioGenerator.generate(GeneratorConfig.builder().trades(0).build());
        assertThat(scenario.events()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.stream()).isEqualTo(org.posttrade.contracts.Stream.MARK_PRICES));
        assertThat(scenario.truth()).isEmpty();
    }
}
