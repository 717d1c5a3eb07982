package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.posttrade.sinks.clickhouse.testing.TestRowMapper;

class ClickHouseSinkSettingsTest {

    private static ClickHouseSink.Builder<TestRow> valid() {
        return ClickHouseSink.<TestRow>builder().endpoints("http://127.0.0.1:8123").mapper(new TestRowMapper("t"));
    }

    @Test
    void defaults() {
        ClickHouseSinkSettings s = valid().build().settings();
        assertThat(s.endpoints()).containsExactly("http://127.0.0.1:8123");
        assertThat(s.database()).isEqualTo("default");
        assertThat(s.username()).isEqualTo("default");
        assertThat(s.maxBatchRows()).isEqualTo(100_000);
        assertThat(s.maxBatchBytes()).isEqualTo(32L << 20);
        assertThat(s.maxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.maxRejectedPerBatch()).isEqualTo(100);
        assertThat(s.resolvePassword()).isEmpty();
    }

    @Test
    void validationNamesTheOption() {
        assertThatThrownBy(() -> ClickHouseSink.<TestRow>builder().mapper(new TestRowMapper("t")).build())
                .hasMessage("clickhouse.endpoints is required, e.g. http://127.0.0.1:8123");
        assertThatThrownBy(() -> valid().endpoints("tcp://x:9000").build())
                .hasMessage("clickhouse.endpoints must be http:// or https:// URLs, got: tcp://x:9000");
        assertThatThrownBy(() -> valid().endpoints("http://user:secret@x:8123").build())
                .hasMessageStartingWith("clickhouse.endpoints must be plain base URLs")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> valid().database(" ").build()).hasMessage("clickhouse.database must not be blank");
        assertThatThrownBy(() -> valid().password("a").passwordEnv("B").build())
                .hasMessage("set either clickhouse.password or clickhouse.password-env, not both");
        assertThatThrownBy(() -> valid().maxBatchRows(0).build())
                .hasMessage("sink.batch.max-rows must be >= 1, got 0");
        assertThatThrownBy(() -> valid().maxBatchBytes(0).build())
                .hasMessageStartingWith("sink.batch.max-bytes must be between 1 byte and 1 GiB");
        assertThatThrownBy(() -> valid().maxBatchDelay(Duration.ZERO).build())
                .hasMessageStartingWith("sink.batch.max-delay must be a positive duration");
        assertThatThrownBy(() -> valid().requestTimeout(null).build())
                .hasMessageStartingWith("clickhouse.request-timeout must be a positive duration");
        assertThatThrownBy(() -> valid().maxRejectedPerBatch(-1).build())
                .hasMessageStartingWith("sink.rejected.max-per-batch must be >= 0");
        assertThatThrownBy(() -> ClickHouseSink.<TestRow>builder().endpoints("http://x:8123").build())
                .hasMessage("mapper (ClickHouseRowMapper) is required");
        assertThatThrownBy(() -> valid().rejectedRowHandler(null).build())
                .hasMessageStartingWith("rejectedRowHandler must not be null");
    }

    @Test
    void unparseableColumnDefinitionFailsAtBuild() {
        assertThatThrownBy(() -> ClickHouseSink.<TestRow>builder().endpoints("http://x:8123")
                .mapper(mapperWith("key String", "amount Strin")).build())
                .hasMessageContaining("cannot parse column definition [amount Strin]: Unknown data type: Strin");
        assertThatThrownBy(() -> ClickHouseSink.<TestRow>builder().endpoints("http://x:8123")
                .mapper(mapperWith("key String", "amount")).build())
                .hasMessageContaining("column definition [amount] must define exactly one column");
    }

    private static ClickHouseRowMapper<TestRow> mapperWith(String... definitions) {
        return new ClickHouseRowMapper<>() {
            @Override
            public String table() {
                return "t";
            }

            @Override
            public List<String> columnDefinitions() {
                return List.of(definitions);
            }

            @Override
            public void write(TestRow value, com.clickhouse.client.api.data_formats.RowBinaryFormatWriter row) {
            }

            @Override
            public String rowKey(TestRow value) {
                return value.key;
            }
        };
    }

    @Test
    void passwordNeverShows() throws Exception {
        ClickHouseSink<TestRow> sink = valid().username("writer").password("s3cr3t-pw").build();
        assertThat(sink.settings().toString()).contains("password=******").doesNotContain("s3cr3t-pw");
        assertThat(sink.toString()).doesNotContain("s3cr3t-pw");
        assertThat(sink.settings().resolvePassword()).isEqualTo("s3cr3t-pw");

        ClickHouseSink<TestRow> fromEnv = valid().passwordEnv("CH_PASSWORD").build();
        assertThat(fromEnv.settings().toString()).contains("password=$CH_PASSWORD");

        // the sink travels serialized to the TaskManagers
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sink);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ClickHouseSink<?> copy = (ClickHouseSink<?>) in.readObject();
            assertThat(copy.settings()).isEqualTo(sink.settings());
            assertThat(copy.retryPolicy()).isEqualTo(sink.retryPolicy());
        }
    }

    @Test
    void unsetPasswordVariableFailsNamingIt() {
        ClickHouseSinkSettings s = valid().passwordEnv("POSTTRADE_SURELY_UNSET_VARIABLE").build().settings();
        assertThatThrownBy(s::resolvePassword)
                .hasMessageContaining("clickhouse.password-env names environment variable "
                        + "POSTTRADE_SURELY_UNSET_VARIABLE, which is not set");
    }

    @Test
    void readsEveryOptionFromAFlinkConfiguration() {
        Configuration config = new Configuration();
        config.setString("clickhouse.endpoints", "http://a:8123;http://b:8123/");
        config.setString("clickhouse.database", "posttrade");
        config.setString("clickhouse.username", "writer");
        config.setString("clickhouse.password-env", "CH_PW");
        config.setString("sink.batch.max-rows", "5000");
        config.setString("sink.batch.max-bytes", "8mb");
        config.setString("sink.batch.max-delay", "250 ms");
        config.setString("sink.retry.max-attempts", "7");
        config.setString("sink.retry.max-duration", "30 s");
        ClickHouseSink<TestRow> sink = ClickHouseSink.<TestRow>builder().configure(config)
                .mapper(new TestRowMapper("t")).build();
        ClickHouseSinkSettings s = sink.settings();
        assertThat(s.endpoints()).containsExactly("http://a:8123", "http://b:8123");
        assertThat(s.database()).isEqualTo("posttrade");
        assertThat(s.username()).isEqualTo("writer");
        assertThat(s.passwordEnv()).isEqualTo("CH_PW");
        assertThat(s.maxBatchRows()).isEqualTo(5000);
        assertThat(s.maxBatchBytes()).isEqualTo(8L << 20);
        assertThat(s.maxBatchDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(sink.retryPolicy().maxAttempts()).isEqualTo(7);
        assertThat(sink.retryPolicy().maxRetryDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sink.retryPolicy().initialBackoff()).isEqualTo(RetryPolicy.DEFAULT_INITIAL_BACKOFF);
    }

    @Test
    void insertNamesItsColumnsAndQuotesIdentifiers() {
        assertThat(HttpClickHouseInserter.insertStatement("posttrade", "executions", List.of("exec_id", "we`ird")))
                .isEqualTo("INSERT INTO `posttrade`.`executions` (`exec_id`, `we\\`ird`) FORMAT RowBinary");
    }

    @Test
    void rowBufferRollsBackAHalfWrittenRow() throws Exception {
        RowBuffer buffer = new RowBuffer(16);
        for (int i = 0; i < 3000; i++) {
            int mark = buffer.mark();
            buffer.stream().write(new byte[] {1, 2, 3}, 0, 3);
            buffer.commitRow(mark, null, "k" + i);
        }
        int mark = buffer.mark();
        buffer.stream().write(new byte[] {9, 9}, 0, 2);
        buffer.rollback(mark);
        assertThat(buffer.rows()).isEqualTo(3000);
        assertThat(buffer.bytes()).isEqualTo(9000);
        assertThat(buffer.rowStart(2999)).isEqualTo(8997);
        assertThat(buffer.rowEnd(2999)).isEqualTo(9000);
        assertThat(buffer.key(1234)).isEqualTo("k1234");
        buffer.clear();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();
    }
}
