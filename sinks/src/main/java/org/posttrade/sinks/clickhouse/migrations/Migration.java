package org.posttrade.sinks.clickhouse.migrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration file, {@code V0001__<name>.sql}: its SQL, split into statements, and the checksum that is
 * recorded when it is applied. Immutable.
 */
public final class Migration {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{4,9})__([A-Za-z0-9_]+)\\.sql");

    private final int version;
    private final String name;
    private final String sql;
    private final String checksum;

    private Migration(int version, String name, String sql) {
        this.version = version;
        this.name = name;
        this.sql = normalize(sql);
        this.checksum = sha256(this.sql);
    }

    /** A migration from its file name ({@code V0001__create_tables.sql}) and content. */
    public static Migration of(String fileName, String sql) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file name '" + fileName
                    + "' does not match V<4+ digits>__<letters, digits, _>.sql");
        }
        int version = Integer.parseInt(m.group(1));
        if (version < 1) {
            throw new IllegalArgumentException("migration " + fileName + ": versions start at 1");
        }
        return new Migration(version, m.group(2), Objects.requireNonNull(sql, "sql"));
    }

    public int version() { return version; }

    public String name() { return name; }

    /** V0001__name, as the file and the schema_migrations table name it. */
    public String id() { return String.format("V%04d__%s", version, name); }

    public String fileName() { return id() + ".sql"; }

    /** The SQL with line endings normalized to \n. */
    public String sql() { return sql; }

    /** SHA-256 (hex) of the SQL with normalized line endings, so a checkout with CRLF gives the same checksum. */
    public String checksum() { return checksum; }

    public List<String> statements() { return splitStatements(sql); }

    /**
     * Splits a script into statements: a statement ends at a line whose last non-blank character is {@code ;}
     * (comment lines never end one). The {@code ;} is dropped; chunks holding only comments and blanks are skipped.
     */
    public static List<String> splitStatements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : normalize(script).split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                addIfNotEmpty(statements, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        addIfNotEmpty(statements, current);
        return statements;
    }

    private static void addIfNotEmpty(List<String> statements, StringBuilder chunk) {
        String statement = chunk.toString().strip();
        boolean hasCode = statement.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
        if (hasCode) {
            statements.add(statement);
        }
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Migration other && version == other.version && name.equals(other.name)
                && sql.equals(other.sql);
    }

    @Override
    public int hashCode() { return Objects.hash(version, name, checksum); }

    @Override
    public String toString() { return id() + " (" + checksum.substring(0, 12) + ")"; }
}
