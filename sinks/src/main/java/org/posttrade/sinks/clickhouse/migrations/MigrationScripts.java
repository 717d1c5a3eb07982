package org.posttrade.sinks.clickhouse.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the migrations from the classpath. Listing a classpath folder inside a jar is fragile, so the folder holds an
 * {@code index.txt} naming its files in order (blank lines and {@code #} comments ignored); a unit test checks that
 * the index names every file of the folder.
 */
public final class MigrationScripts {
    /** Where the project's migrations live on the classpath. */
    public static final String DEFAULT_LOCATION = "clickhouse/migrations";
    public static final String INDEX_FILE = "index.txt";

    private MigrationScripts() {}

    /** The project's migrations, in version order. */
    public static List<Migration> load() {
        return load(DEFAULT_LOCATION, MigrationScripts.class.getClassLoader());
    }

    /**
     * The migrations named by {@code location/index.txt}, in version order.
     *
     * @throws IllegalStateException if the index or a file it names is missing, or versions are not strictly increasing
     */
    public static List<Migration> load(String location, ClassLoader classLoader) {
        String index = read(classLoader, location + "/" + INDEX_FILE);
        List<Migration> migrations = new ArrayList<>();
        for (String fileName : indexEntries(index)) {
            Migration migration = Migration.of(fileName, read(classLoader, location + "/" + fileName));
            if (!migrations.isEmpty() && migration.version() <= migrations.get(migrations.size() - 1).version()) {
                throw new IllegalStateException(location + "/" + INDEX_FILE + ": " + fileName
                        + " must come after a lower version; versions must be unique and strictly increasing");
            }
            migrations.add(migration);
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException(location + "/" + INDEX_FILE + " names no migration");
        }
        return List.copyOf(migrations);
    }

    /** The file names listed in an index text, in order. */
    public static List<String> indexEntries(String index) {
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String read(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + resource, e);
        }
    }
}
