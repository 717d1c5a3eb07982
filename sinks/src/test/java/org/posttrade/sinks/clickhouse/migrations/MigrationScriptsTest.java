package org.posttrade.sinks.clickhouse.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {
    private static final Path FOLDER = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/resources/" + MigrationScripts.DEFAULT_LOCATION);

    @Test
    void indexListsEveryMigrationFileOfTheFolderInVersionOrder() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        List<String> index = MigrationScripts.indexEntries(
                Files.readString(FOLDER.resolve(MigrationScripts.INDEX_FILE), StandardCharsets.UTF_8));
        assertThat(files).isNotEmpty();
        assertThat(index).as("index.txt must name every .sql file, in order").isEqualTo(files);
    }

    @Test
    void loadsFromTheClasspathWithContiguousVersions() {
        List<Migration> migrations = MigrationScripts.load();
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(i + 1);
            assertThat(migrations.get(i).statements()).as(migrations.get(i).id()).isNotEmpty();
        }
        assertThat(migrations.get(0).id()).isEqualTo("V0001__input_event_tables");
    }

    @Test
    void splitsStatementsAtSemicolonsEndingALine() {
        String script = """
                -- header comment; with a semicolon that ends nothing;
                CREATE TABLE IF NOT EXISTS a (x String) ENGINE = Memory;

                CREATE VIEW IF NOT EXISTS v AS
                SELECT 'a;b' AS s   -- a semicolon inside a line
                FROM a ;
                -- trailing comment;
                """;
        assertThat(Migration.splitStatements(script)).containsExactly(
                "-- header comment; with a semicolon that ends nothing;\n"
                        + "CREATE TABLE IF NOT EXISTS a (x String) ENGINE = Memory",
                "CREATE VIEW IF NOT EXISTS v AS\nSELECT 'a;b' AS s   -- a semicolon inside a line\nFROM a");
        assertThat(Migration.splitStatements("SELECT 1")).containsExactly("SELECT 1");
        assertThat(Migration.splitStatements("-- only a comment;\n\n")).isEmpty();
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        Migration lf = Migration.of("V0001__a.sql", "SELECT 1;\nSELECT 2;\n");
        Migration crlf = Migration.of("V0001__a.sql", "SELECT 1;\r\nSELECT 2;\r\n");
        Migration edited = Migration.of("V0001__a.sql", "SELECT 1;\nSELECT 3;\n");
        assertThat(crlf.checksum()).isEqualTo(lf.checksum()).hasSize(64);
        assertThat(edited.checksum()).isNotEqualTo(lf.checksum());
    }

    @Test
    void fileNamesMustBeVersioned() {
        assertThat(Migration.of("V0012__add_column.sql", "").version()).isEqualTo(12);
        assertThat(Migration.of("V0012__add_column.sql", "").id()).isEqualTo("V0012__add_column");
        assertThatThrownBy(() -> Migration.of("V12_add.sql", "")).hasMessageContaining("V<4+ digits>__");
        assertThatThrownBy(() -> Migration.of("V0001__drop-table.sql", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migration.of("V0000__zero.sql", "")).hasMessageContaining("start at 1");
    }

    /** Guards what ClickHouse 18.16 lacks and what current releases refuse; the IT runs them on a real 18.16. */
    @Test
    void statementsUseOnlySqlThatBoth1816AndCurrentClickHouseAccept() {
        List<Pattern> forbidden = Stream.of("DateTime64", "LowCardinality", "CREATE OR REPLACE", "CONSTRAINT",
                        "insert_deduplication_token", "OVER\\s*\\(", "Enum8", "Enum16", "JSON\\b", "Object\\(")
                .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
        for (Migration migration : MigrationScripts.load()) {
            for (String statement : migration.statements()) {
                String code = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                String head = code.strip().toUpperCase(Locale.ROOT);
                for (Pattern p : forbidden) {
                    assertThat(p.matcher(code).find()).as(migration.id() + " uses " + p + ":\n" + code).isFalse();
                }
                // idempotent DDL only; a view is replaced by dropping it first, a table holding data never is
                assertThat(head).as(migration.id())
                        .matches("(?s)CREATE (TABLE|VIEW) IF NOT EXISTS .*|DROP TABLE IF EXISTS V_\\w+");
                if (head.startsWith("CREATE TABLE")) {
                    assertThat(code).as(migration.id()).contains("ENGINE = ReplacingMergeTree(version)")
                            .contains("ORDER BY").contains("version UInt64");
                }
            }
        }
    }
}
