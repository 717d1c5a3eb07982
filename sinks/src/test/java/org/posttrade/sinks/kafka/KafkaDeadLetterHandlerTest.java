package org.posttrade.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;
import org.posttrade.sinks.clickhouse.RejectedRow;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterHandlerTest {

    private static KafkaDeadLetterHandler.Builder<TestRow> valid() {
        return KafkaDeadLetterHandler.<TestRow>builder().bootstrapServers("127.0.0.1:9092")
                .registry(RegistryConfig.of("http://127.0.0.1:8081"));
    }

    @Test
    void deadLetterCarriesIdReasonPayloadAndSink() {
        TestRow row = TestRow.of(7);
        RejectedRow<TestRow> rejected = new RejectedRow<>(row, "k000007", "posttrade", "executions",
                "Code: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function is non zero",
                "ClickHouseException(code=395)", row.toString());
        Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
        DeadLetter letter = KafkaDeadLetterHandler.toDeadLetter(rejected, now);
        assertThat(letter.getDeadLetterId()).isEqualTo("clickhouse/posttrade.executions/k000007");
        assertThat(letter.getStage()).isEqualTo(DeadLetterStage.SINK_REJECTED);
        assertThat(letter.getReason()).contains("throwIf");
        assertThat(letter.getErrorClass()).isEqualTo("ClickHouseException(code=395)");
        assertThat(letter.getRecordType()).isEqualTo("TestRow");
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo(row.toString());
        assertThat(letter.getSink()).isEqualTo("clickhouse:posttrade.executions");
        assertThat(letter.getDetectedTime()).isEqualTo(now);
        assertThat(letter.getSourceTopic()).isNull();
    }

    @Test
    void secretsNeverShow() {
        KafkaDeadLetterHandler<TestRow> handler = valid()
                .producerProperty("security.protocol", "SASL_SSL")
                .producerProperty("sasl.jaas.config", "org.apache.kafka...PlainLoginModule required password=\"pw1\";")
                .producerProperty("ssl.truststore.password", "pw2")
                .build();
        assertThat(handler.toString()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=******",
                "ssl.truststore.password=******", "acks=all", "enable.idempotence=true", "posttrade.dead-letters")
                .doesNotContain("pw1").doesNotContain("pw2");
    }

    @Test
    void validationNamesTheOption() {
        assertThatThrownBy(() -> KafkaDeadLetterHandler.builder().registry(RegistryConfig.of("http://r:8081")).build())
                .hasMessage("bootstrap.servers is required");
        assertThatThrownBy(() -> KafkaDeadLetterHandler.builder().bootstrapServers("b:9092").build())
                .hasMessage("registry (schema.registry.url) is required");
        assertThatThrownBy(() -> valid().producerProperty("acks", "1").build())
                .hasMessage("acks=1 is not allowed for dead letters (need all or -1)");
        assertThatThrownBy(() -> valid().producerProperty("enable.idempotence", "false").build())
                .hasMessageStartingWith("enable.idempotence=false is not allowed");
        assertThatThrownBy(() -> valid().topic("").build()).hasMessage("dead-letter topic must not be blank");
    }
}
