package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.registry.WireFormatException;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;

/**
 * The writer's core through the production path against a fake registry: well-formed records read back unchanged
 * with the real deserializer, undecodable malformed ones are refused by it, business-rule ones decode.
 */
class WireRecordsTest {
    private final Scenario scenario = TestScenarios.forced();

    @Test
    void producesEveryEventThroughTheRegistryPath() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(fake.url()));
            Topics topics = Topics.of("run1.", Map.of(Stream.MARK_PRICES, "marks-test"));
            WireRecords wire = new WireRecords(topics, RegistrySerializers.create(registry, topics));
            assertThat(fake.subjects()).containsOnlyKeys("run1.posttrade.execution-reports-value",
                    "run1.posttrade.internal-trades-value", "run1.posttrade.venue-confirmations-value",
                    "run1.posttrade.custodian-confirmations-value", "marks-test-value");

            MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                    new ByteArraySerializer());
            List<GeneratedEvent> sent = new ArrayList<>();
            EventProducer.Result result = new EventProducer(producer, wire, 0, java.time.Duration.ZERO, System.err)
                    .run(scenario.events().iterator(), sent::add);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.acknowledged()).isEqualTo(scenario.events().size());
            assertThat(sent).isEqualTo(scenario.events());
            List<ProducerRecord<String, byte[]>> history = producer.history();
            assertThat(history).hasSameSizeAs(scenario.events());
            assertThat(result.acknowledgedPerTopic().get("marks-test"))
                    .isEqualTo(scenario.events().stream().filter(e -> e.stream() == Stream.MARK_PRICES).count());

            for (int i = 0; i < history.size(); i++) {
                GeneratedEvent event = scenario.events().get(i);
                ProducerRecord<String, byte[]> record = history.get(i);
                assertThat(record.topic()).isEqualTo(topics.topic(event.stream()));
                assertThat(record.key()).isEqualTo(event.key());
                assertThat(record.timestamp()).isEqualTo(event.eventTime());
                ConfluentAvroDeserializer<SpecificRecord> reader = new ConfluentAvroDeserializer<>(registry,
                        castClass(event.stream().recordClass()));
                if (event.isMalformed() && event.malformation().kind().undecodable()) {
                    assertThatThrownBy(() -> reader.deserialize(record.value())).as(event.toString())
                            .isInstanceOf(WireFormatException.class);
                } else {
                    assertThat(reader.deserialize(record.value())).as(event.toString()).isEqualTo(event.record());
                }
            }
        }
    }

    @Test
    void businessRuleMalformedRecordsAreValidAvroThatBreakTheRules() {
        WireRecords wire = new WireRecords(Topics.defaults(), FixedIdSerializer.forInputs());
        for (GeneratedEvent event : scenario.events()) {
            if (event.isMalformed() && !event.malformation().kind().undecodable()) {
                ExecutionReport report = (ExecutionReport) event.record();
                assertThat(report.getExecType()).isEqualTo(ExecType.TRADE);
                switch (event.malformation().kind()) {
                    case NON_POSITIVE_QUANTITY -> assertThat(report.getLastQty().signum()).isLessThanOrEqualTo(0);
                    case NON_POSITIVE_PRICE -> assertThat(report.getLastPx().signum()).isLessThanOrEqualTo(0);
                    case UNKNOWN_INSTRUMENT -> assertThat(ReferenceData.INSTRUMENTS)
                            .noneMatch(i -> i.symbol().equals(report.getInstrument().getSymbol()));
                    default -> throw new AssertionError(event.toString());
                }
                assertThat(wire.value(event)[0]).isEqualTo((byte) 0);
            }
        }
    }

    @Test
    void stopsAtTheFirstFailedSend() {
        WireRecords wire = new WireRecords(Topics.defaults(), FixedIdSerializer.forInputs());
        MockProducer<String, byte[]> failing = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                RuntimeException error = new RuntimeException("broker says no");
                callback.onCompletion(null, error);
                return CompletableFuture.failedFuture(error);
            }
        };
        EventProducer.Result result = new EventProducer(failing, wire, 0, java.time.Duration.ZERO, System.err)
                .run(scenario.events().iterator(), e -> { });
        assertThat(result.succeeded()).isFalse();
        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.firstError()).hasMessage("broker says no");
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecord> castClass(Class<?> type) {
        return (Class<SpecificRecord>) type;
    }
}
