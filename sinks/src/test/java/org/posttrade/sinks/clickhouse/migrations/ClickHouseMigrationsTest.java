package org.posttrade.sinks.clickhouse.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {

    @Test
    void parsesTheCommandLineAndNeverShowsThePassword() {
        ClickHouseMigrations m = ClickHouseMigrations.fromArgs(new String[] {"--url", "http://127.0.0.1:18123",
                "--database", "risk", "--user", "loader", "--password-env", "CH_PW"}, Map.of("CH_PW", "s3cret")::get);
        assertThat(m.toString()).contains("http://127.0.0.1:18123", "risk", "loader").doesNotContain("s3cret");
    }

    @Test
    void defaultsToDatabasePosttradeAndUserDefaultWhenOnlyAPasswordIsGiven() {
        ClickHouseMigrations m = ClickHouseMigrations.fromArgs(new String[] {"--url", "http://h:8123",
                "--password-env", "PW"}, Map.of("PW", "x")::get);
        assertThat(m.toString()).contains("database=posttrade", "user=default");
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ClickHouseMigrations.fromArgs(new String[] {"--database", "x"}, k -> null))
                .hasMessageContaining("url");
        assertThatThrownBy(() -> ClickHouseMigrations.fromArgs(new String[] {"--url", "http://h:1", "--database",
                "posttrade; DROP"}, k -> null)).hasMessageContaining("database must be a plain identifier");
        assertThatThrownBy(() -> ClickHouseMigrations.fromArgs(new String[] {"--url", "http://h:1", "--password-env",
                "NOPE"}, k -> null)).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> ClickHouseMigrations.fromArgs(new String[] {"--url"}, k -> null))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ClickHouseMigrations.fromArgs(new String[] {"--bogus", "1"}, k -> null))
                .hasMessageContaining("unknown option --bogus");
    }

    @Test
    void cliExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(ClickHouseMigrations.run(new String[] {"--help"}, k -> null, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage:");
        assertThat(ClickHouseMigrations.run(new String[] {"--nope", "x"}, k -> null, o, e)).isEqualTo(2);
        // nothing listens on port 1: a clear failure, exit code 1
        assertThat(ClickHouseMigrations.run(new String[] {"--url", "http://127.0.0.1:1"}, k -> null, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach ClickHouse");
    }

    @Test
    void unescapesTabSeparatedFields() {
        assertThat(ClickHouseHttp.unescape("a\\tb\\\\c\\nd")).isEqualTo("a\tb\\c\nd");
        assertThat(ClickHouseHttp.unescape("\\N")).isNull();
        assertThat(ClickHouseHttp.unescape("plain")).isEqualTo("plain");
    }
}
