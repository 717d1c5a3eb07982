package org.posttrade.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.sinks.clickhouse.ClickHouseSink;
import org.posttrade.sinks.clickhouse.ClickHouseSinkOptions;
import org.posttrade.sinks.clickhouse.ExactlyOnceClickHouseSink;
import org.posttrade.sinks.clickhouse.rows.AlertRowMapper;

class JobConfigTest {

    @Test
    void argumentsOverrideEnvironmentWhichOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "kafka.group.id=from-file\ncheckpoint.interval=30s\nregistry.url=http://file:1\n");
        JobConfig config = JobConfig.fromArgs(new String[] {"--config", file.toString(), "--kafka.group.id", "from-args"},
                Map.of("POSTTRADE_REGISTRY_URL", "http://env:2"));

        assertThat(config.get(PipelineOptions.KAFKA_GROUP_ID)).isEqualTo("from-args");
        assertThat(config.get(PipelineOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.registry().urls()).containsExactly("http://env:2");
        assertThat(config.get(ClickHouseSinkOptions.DATABASE)).isEqualTo("posttrade");
    }

    @Test
    void clickHouseIsExactlyOnceUnlessConfiguredOtherwise() {
        assertThat(PipelineSinks.clickHouse(JobConfig.of(Map.of()), new AlertRowMapper()))
                .isInstanceOf(ExactlyOnceClickHouseSink.class);
        for (String value : new String[] {"at-least-once", "AT-LEAST-ONCE"}) {
            JobConfig config = JobConfig.of(Map.of("sink.delivery-guarantee", value));
            assertThat(config.get(ClickHouseSinkOptions.DELIVERY_GUARANTEE)).as(value)
                    .isEqualTo(org.apache.flink.connector.base.DeliveryGuarantee.AT_LEAST_ONCE);
            assertThat(PipelineSinks.clickHouse(config, new AlertRowMapper())).as(value)
                    .isInstanceOf(ClickHouseSink.class);
        }
        assertThatThrownBy(() -> PipelineSinks.clickHouse(JobConfig.of(Map.of("sink.delivery-guarantee", "none")),
                new AlertRowMapper())).hasMessageContaining("sink.delivery-guarantee");
    }

    @Test
    void topicsDefaultToTheContractsAndCanBeRenamed() {
        JobConfig config = JobConfig.of(Map.of("topic.execution-reports", "venue.fills"));
        assertThat(config.topic(Stream.EXECUTION_REPORTS)).isEqualTo("venue.fills");
        assertThat(config.topic(Stream.MARK_PRICES)).isEqualTo("posttrade.mark-prices");
    }

    @Test
    void kafkaAndRegistryPropertiesPassThrough() {
        JobConfig config = JobConfig.of(Map.of("kafka.property.security.protocol", "SASL_SSL",
                "registry.property.basic.auth.user.info", "svc:pw"));
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.registry().basicAuthUserInfo()).isEqualTo("svc:pw");
    }

    @Test
    void malformedValuesFailNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.of(Map.of("checkpoint.interval", "soon")))
                .hasMessageContaining("checkpoint.interval");
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        JobConfig config = JobConfig.of(Map.of("clickhouse.password", "hunter2",
                "registry.property.basic.auth.user.info", "svc:pw"));
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("svc:pw").contains("clickhouse.password=<set>");
    }
}
