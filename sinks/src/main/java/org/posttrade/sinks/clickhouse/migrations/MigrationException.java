package org.posttrade.sinks.clickhouse.migrations;

/** A migration run that must stop: the server refused, or the database does not match the migration files. */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
