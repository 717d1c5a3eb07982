package org.posttrade.sinks.clickhouse.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;

/** The migration runner against a real clickhouse-server 18.16: apply, re-apply, tamper, grow, CLI. */
class ReportingMigrationsIT {
    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    // everything is derived from the build's migrations, so a new migration needs no edit here
    private static final List<Migration> ALL = MigrationScripts.load();
    private static final List<String> ALL_IDS = ALL.stream().map(Migration::id).toList();
    private static final int LAST = ALL.get(ALL.size() - 1).version();

    private static String version(int v) {
        return String.format("V%04d", v);
    }

    /** Tables and views the migrations end with: created and not dropped again, plus the runner's own table. */
    private static List<String> createdObjects() {
        TreeSet<String> names = new TreeSet<>();
        names.add("schema_migrations");
        Pattern ddl = Pattern.compile("(?m)^(CREATE (?:TABLE|VIEW)(?: IF NOT EXISTS)?|DROP (?:TABLE|VIEW)(?: IF EXISTS)?) (\\w+)");
        for (Migration m : ALL) {
            for (String statement : m.statements()) {
                Matcher x = ddl.matcher(statement);
                if (x.find()) {
                    if (x.group(1).startsWith("CREATE")) {
                        names.add(x.group(2));
                    } else {
                        names.remove(x.group(2));
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static ClickHouseMigrations runner(String database, List<Migration> migrations) {
        return ClickHouseMigrations.builder().url(CLICKHOUSE.url()).database(database).user("default").password("")
                .migrations(migrations).build();
    }

    @Test
    void freshDatabaseGetsEveryMigrationOnceAndASecondRunDoesNothing() {
        ClickHouseMigrations.Report first = runner("m_fresh", MigrationScripts.load()).migrate();
        assertThat(first.applied()).extracting(Migration::id).isEqualTo(ALL_IDS);
        assertThat(first.alreadyApplied()).isEmpty();

        String recorded = CLICKHOUSE.query("SELECT version, name, checksum FROM m_fresh.schema_migrations ORDER BY version");
        List<String> expected = new ArrayList<>();
        for (Migration m : MigrationScripts.load()) {
            expected.add(m.version() + "\t" + m.name() + "\t" + m.checksum());
        }
        assertThat(recorded.lines().toList()).isEqualTo(expected);
        assertThat(createdObjects()).contains("executions", "breaks", "positions", "v_pnl_daily");
        assertThat(CLICKHOUSE.query("SELECT name FROM system.tables WHERE database = 'm_fresh' ORDER BY name").lines())
                .containsExactlyElementsOf(createdObjects());

        ClickHouseMigrations.Report second = runner("m_fresh", MigrationScripts.load()).migrate();
        assertThat(second.nothingApplied()).isTrue();
        assertThat(second.alreadyApplied()).extracting(Migration::id).isEqualTo(ALL_IDS);
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM m_fresh.schema_migrations")).isEqualTo(ALL.size());
        assertThat(runner("m_fresh", MigrationScripts.load()).appliedIds()).isEqualTo(ALL_IDS);
    }

    @Test
    void everyStatementIsIdempotentEvenWhenARunStoppedBeforeRecording() {
        runner("m_rerun", MigrationScripts.load()).migrate();
        // as if the run had died after the DDL but before recording: the next run applies everything again
        CLICKHOUSE.query("DROP TABLE m_rerun.schema_migrations");
        ClickHouseMigrations.Report again = runner("m_rerun", MigrationScripts.load()).migrate();
        assertThat(again.applied()).extracting(Migration::id).isEqualTo(ALL_IDS);
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefusedBeforeAnythingRuns() {
        List<Migration> original = MigrationScripts.load();
        runner("m_tamper", original).migrate();

        List<Migration> tampered = new ArrayList<>(original);
        Migration v2 = original.get(1);
        tampered.set(1, Migration.of(v2.fileName(), v2.sql().replace("Decimal(38, 18)", "Float64")));
        tampered.add(Migration.of(version(LAST + 1) + "__would_be_new.sql", "CREATE TABLE IF NOT EXISTS never_created "
                + "(k String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY k;"));

        assertThatThrownBy(() -> runner("m_tamper", tampered).migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration V0002__pipeline_output_tables was changed after it was applied to m_tamper")
                .hasMessageContaining("recorded checksum " + v2.checksum())
                .hasMessageContaining("add the change as a new migration " + version(LAST + 2) + "__<name>.sql");
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM system.tables WHERE database = 'm_tamper' "
                + "AND name = 'never_created'")).isZero();
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM m_tamper.schema_migrations")).isEqualTo(ALL.size());
    }

    @Test
    void aDatabaseAheadOfThisBuildIsRefused() {
        runner("m_ahead", MigrationScripts.load()).migrate();
        assertThatThrownBy(() -> runner("m_ahead", ALL.subList(0, ALL.size() - 1)).migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(ALL_IDS.get(ALL.size() - 1) + " applied, newer than this build's last migration "
                        + version(ALL.get(ALL.size() - 2).version()));
    }

    @Test
    void newMigrationsApplyOnTopButNotBelowAnAppliedOne() {
        List<Migration> all = MigrationScripts.load();
        assertThat(runner("m_grow", all.subList(0, 2)).migrate().applied()).hasSize(2);
        assertThat(runner("m_grow", all).migrate().applied()).extracting(Migration::id)
                .containsExactlyElementsOf(ALL_IDS.subList(2, ALL.size()));

        Migration v5 = Migration.of(version(LAST + 2) + "__extra.sql", "CREATE TABLE IF NOT EXISTS extra "
                + "(k String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY k;");
        List<Migration> withV5 = new ArrayList<>(all);
        withV5.add(v5);
        assertThat(runner("m_grow", withV5).migrate().applied()).containsExactly(v5);

        List<Migration> withGap = new ArrayList<>(all);
        withGap.add(Migration.of(version(LAST + 1) + "__late.sql", "CREATE TABLE IF NOT EXISTS late "
                + "(k String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY k;"));
        withGap.add(v5);
        assertThatThrownBy(() -> runner("m_grow", withGap).migrate())
                .hasMessageContaining("migration " + version(LAST + 1) + "__late is pending but a later version ("
                        + version(LAST + 2) + ") is already applied");
    }

    @Test
    void commandLinePrintsWhatItApplied() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--url", CLICKHOUSE.url(), "--database", "m_cli", "--user", "default",
                "--password-env", "CH_TEST_PASSWORD"};
        Map<String, String> env = Map.of("CH_TEST_PASSWORD", "");
        int code = ClickHouseMigrations.run(args, env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("applied V0001__input_event_tables (5 statements", "applied " + ALL_IDS.get(ALL.size() - 1),
                        "database m_cli: applied " + ALL.size() + ", already applied 0");

        out.reset();
        code = ClickHouseMigrations.run(args, env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("database m_cli is up to date (" + ALL.size() + " migrations");
    }

    @Test
    void aStatementTheServerRefusesNamesTheMigrationAndIsNotRecorded() {
        List<Migration> broken = List.of(Migration.of("V0001__broken.sql",
                "CREATE TABLE IF NOT EXISTS t (x DateTime64(3), version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY x;"));
        assertThatThrownBy(() -> runner("m_broken", broken).migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration V0001__broken failed on m_broken (not recorded")
                .hasMessageContaining("DateTime64");
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM m_broken.schema_migrations")).isZero();
    }
}
