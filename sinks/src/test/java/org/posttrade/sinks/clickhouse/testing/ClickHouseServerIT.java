package org.posttrade.sinks.clickhouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseServerIT {

    @Test
    void twoPrivateServersRunSideBySideAndKeepDataAcrossRestart() {
        try (ClickHouseServer a = new ClickHouseServer().start(); ClickHouseServer b = new ClickHouseServer().start()) {
            assertThat(a.httpPort()).isNotEqualTo(b.httpPort());
            assertThat(a.query("SELECT version()")).startsWith("18.").doesNotContain("\n");

            a.query("CREATE TABLE default.t (key String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY key");
            a.insertTsv("default.t (key, version)", "k1\t1\nk2\t1\nk1\t2\n");
            assertThat(a.query("SELECT key, version FROM default.t FINAL ORDER BY key")).isEqualTo("k1\t2\nk2\t1");
            assertThatThrownBy(() -> b.query("SELECT count() FROM default.t"))
                    .hasMessageContaining("Code: 60"); // b has its own data directory

            String url = a.url();
            a.stop();
            assertThat(a.isRunning()).isFalse();
            a.start();
            assertThat(a.url()).isEqualTo(url);
            assertThat(a.queryLong("SELECT count() FROM default.t")).isEqualTo(3);

            a.kill();
            a.start();
            assertThat(a.queryLong("SELECT uniqExact(key) FROM default.t")).isEqualTo(2);
        }
    }
}
