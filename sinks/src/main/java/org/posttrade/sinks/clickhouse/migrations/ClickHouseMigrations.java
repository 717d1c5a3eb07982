package org.posttrade.sinks.clickhouse.migrations;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Applies the versioned ClickHouse migrations ({@code clickhouse/migrations/V0001__*.sql}, listed in
 * {@code index.txt}) to one database, over the plain HTTP interface:
 * <ol>
 *   <li>creates the database and its {@code schema_migrations} table (version, name, checksum, applied_at) if absent;</li>
 *   <li>checks every recorded migration against its file and refuses to run if one was edited after it was applied
 *       (checksum), removed, or if a new file was inserted before an applied version;</li>
 *   <li>applies the pending migrations in version order, statement by statement, recording each once done.</li>
 * </ol>
 * A second run applies nothing. ClickHouse DDL is not transactional: if a run stops inside a migration, that
 * migration is not recorded and the next run applies it again, which is safe because every statement is written
 * {@code IF NOT EXISTS}. Two runners started at the same moment may both apply and record a migration; the
 * statements are idempotent and duplicate records with the same checksum are accepted.
 *
 * <p>CLI: {@code ClickHouseMigrations --url http://127.0.0.1:18123 --database posttrade [--user default]
 * [--password-env CLICKHOUSE_PASSWORD]}. The password is read from the named environment variable and never logged.
 */
public final class ClickHouseMigrations {
    public static final String DEFAULT_DATABASE = "posttrade";
    public static final String MIGRATIONS_TABLE = "schema_migrations";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String url;
    private final String database;
    private final String user;
    private final List<Migration> migrations;
    private final ClickHouseHttp http;

    private ClickHouseMigrations(Builder builder) {
        this.url = builder.url;
        this.database = builder.database;
        this.user = builder.user;
        this.migrations = builder.migrations;
        this.http = new ClickHouseHttp(builder.url, builder.user, builder.password, builder.connectTimeout,
                builder.requestTimeout);
    }

    public static Builder builder() { return new Builder(); }

    /** Applies what is pending and reports what it did. */
    public Report migrate() {
        http.execute(null, "CREATE DATABASE IF NOT EXISTS " + database);
        http.execute(database, "CREATE TABLE IF NOT EXISTS " + MIGRATIONS_TABLE + " (\n"
                + "    version UInt32,\n"
                + "    name String,\n"
                + "    checksum String,\n"
                + "    applied_at DateTime\n"
                + ") ENGINE = MergeTree ORDER BY version");

        Map<Integer, Recorded> recorded = recorded();
        verify(recorded);

        List<Migration> applied = new ArrayList<>();
        List<Migration> alreadyApplied = new ArrayList<>();
        for (Migration migration : migrations) {
            if (recorded.containsKey(migration.version())) {
                alreadyApplied.add(migration);
                continue;
            }
            for (String statement : migration.statements()) {
                try {
                    http.execute(database, statement);
                } catch (MigrationException e) {
                    throw new MigrationException("migration " + migration.id() + " failed on " + database
                            + " (not recorded; fix the cause and run again): " + e.getMessage(), e);
                }
            }
            // id and checksum are [A-Za-z0-9_] and hex: safe to inline
            http.execute(database, "INSERT INTO " + MIGRATIONS_TABLE + " (version, name, checksum, applied_at) VALUES ("
                    + migration.version() + ", '" + migration.name() + "', '" + migration.checksum() + "', now())");
            applied.add(migration);
        }
        return new Report(database, List.copyOf(applied), List.copyOf(alreadyApplied));
    }

    /** The migrations recorded in the database, by version (empty if none). */
    public List<String> appliedIds() {
        return recorded().values().stream().map(r -> String.format("V%04d__%s", r.version, r.name)).toList();
    }

    private Map<Integer, Recorded> recorded() {
        Map<Integer, Recorded> recorded = new TreeMap<>();
        for (List<String> row : http.queryTabSeparated(database, "SELECT version, name, checksum, toString(applied_at) FROM "
                + MIGRATIONS_TABLE + " ORDER BY version FORMAT TabSeparated")) {
            Recorded r = new Recorded(Integer.parseInt(row.get(0)), row.get(1), row.get(2), row.get(3));
            Recorded earlier = recorded.putIfAbsent(r.version, r);
            if (earlier != null && !earlier.checksum.equals(r.checksum)) {
                throw new MigrationException(database + "." + MIGRATIONS_TABLE + " records version " + r.version
                        + " twice with different checksums (" + earlier.checksum + ", " + r.checksum + ")");
            }
        }
        return recorded;
    }

    private void verify(Map<Integer, Recorded> recorded) {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        int lastKnown = migrations.get(migrations.size() - 1).version();
        for (Recorded r : recorded.values()) {
            Migration file = byVersion.get(r.version);
            String recordedId = String.format("V%04d__%s", r.version, r.name);
            if (file == null) {
                throw new MigrationException(r.version > lastKnown
                        ? "database " + database + " has migration " + recordedId + " applied, newer than this build's "
                                + "last migration V" + String.format("%04d", lastKnown) + ": run a build that has it"
                        : "database " + database + " has migration " + recordedId + " applied, but no such file exists");
            }
            if (!file.name().equals(r.name)) {
                throw new MigrationException("database " + database + " has " + recordedId + " applied but the file of "
                        + "version " + r.version + " is now " + file.id() + ": applied migrations must not be renamed");
            }
            if (!file.checksum().equals(r.checksum)) {
                throw new MigrationException("migration " + file.id() + " was changed after it was applied to "
                        + database + " (at " + r.appliedAt + "): recorded checksum " + r.checksum + ", file now "
                        + file.checksum() + ". Applied migrations must never be edited: restore the file and add "
                        + "the change as a new migration V" + String.format("%04d", lastKnown + 1) + "__<name>.sql");
            }
        }
        int lastApplied = recorded.isEmpty() ? 0 : ((TreeMap<Integer, Recorded>) recorded).lastKey();
        for (Migration m : migrations) {
            if (!recorded.containsKey(m.version()) && m.version() < lastApplied) {
                throw new MigrationException("migration " + m.id() + " is pending but a later version (V"
                        + String.format("%04d", lastApplied) + ") is already applied to " + database
                        + ": new migrations must take a version after the last one");
            }
        }
    }

    @Override
    public String toString() {
        return "ClickHouseMigrations{url=" + url + ", database=" + database + ", user=" + user + ", password=***, "
                + migrations.size() + " migrations}";
    }

    private record Recorded(int version, String name, String checksum, String appliedAt) {}

    /** What a run did. */
    public record Report(String database, List<Migration> applied, List<Migration> alreadyApplied) {
        public boolean nothingApplied() { return applied.isEmpty(); }
    }

    /** Options, validated at {@link #build()}. */
    public static final class Builder {
        private String url;
        private String database = DEFAULT_DATABASE;
        private String user;
        private String password;
        private List<Migration> migrations;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);

        private Builder() {}

        /** ClickHouse HTTP endpoint, e.g. {@code http://127.0.0.1:8123}. Required. */
        public Builder url(String url) { this.url = url; return this; }

        /** Database to create and migrate; {@value #DEFAULT_DATABASE} by default. */
        public Builder database(String database) { this.database = database; return this; }

        /** User for HTTP basic authentication; none (the server's default user) if not set. */
        public Builder user(String user) { this.user = user; return this; }

        /** Password of {@link #user(String)}; never logged. */
        public Builder password(String password) { this.password = password; return this; }

        /** The migrations to apply; those of {@link MigrationScripts#load()} by default. */
        public Builder migrations(List<Migration> migrations) { this.migrations = migrations; return this; }

        public Builder connectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; return this; }

        /** Longest a single statement may take; 5 minutes by default. */
        public Builder requestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; return this; }

        public ClickHouseMigrations build() {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("url must be an http(s) URL of ClickHouse's HTTP interface, got " + url);
            }
            if (database == null || !IDENTIFIER.matcher(database).matches()) {
                throw new IllegalArgumentException("database must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got "
                        + database);
            }
            if (password != null && user == null) {
                throw new IllegalArgumentException("password is set but user is not");
            }
            if (migrations == null) {
                migrations = MigrationScripts.load();
            }
            if (migrations.isEmpty()) {
                throw new IllegalArgumentException("migrations must not be empty");
            }
            for (int i = 1; i < migrations.size(); i++) {
                if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                    throw new IllegalArgumentException("migrations must be in strictly increasing version order: "
                            + migrations.get(i - 1).id() + " then " + migrations.get(i).id());
                }
            }
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            return new ClickHouseMigrations(this);
        }
    }

    // ---------------------------------------------------------------------------------------------------------- CLI

    private static final String USAGE = "usage: ClickHouseMigrations --url http://HOST:PORT [--database "
            + DEFAULT_DATABASE + "] [--user USER] [--password-env ENV_VAR]";

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()::get, System.out, System.err));
    }

    /** The CLI without System.exit: returns the exit code (0 done, 1 failed, 2 bad arguments). */
    static int run(String[] args, Function<String, String> env, PrintStream out, PrintStream err) {
        ClickHouseMigrations migrations;
        try {
            migrations = fromArgs(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (migrations == null) {
            out.println(USAGE);
            return 0;
        }
        try {
            Report report = migrations.migrate();
            for (Migration m : report.applied()) {
                out.println("applied " + m.id() + " (" + m.statements().size() + " statements, sha256 " + m.checksum()
                        + ")");
            }
            out.println(report.nothingApplied()
                    ? "database " + report.database() + " is up to date (" + report.alreadyApplied().size()
                            + " migrations applied earlier); nothing to do"
                    : "database " + report.database() + ": applied " + report.applied().size() + ", already applied "
                            + report.alreadyApplied().size());
            return 0;
        } catch (MigrationException e) {
            err.println("migration failed: " + e.getMessage());
            return 1;
        }
    }

    /** Parses the CLI arguments; null when only help was asked. */
    static ClickHouseMigrations fromArgs(String[] args, Function<String, String> env) {
        Builder builder = builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> builder.url(value);
                case "--database" -> builder.database(value);
                case "--user" -> builder.user(value);
                case "--password-env" -> {
                    String password = env.apply(value);
                    if (password == null) {
                        throw new IllegalArgumentException("environment variable " + value
                                + " (--password-env) is not set");
                    }
                    builder.password(password);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (builder.password != null && builder.user == null) {
            builder.user("default");
        }
        return builder.build();
    }
}
