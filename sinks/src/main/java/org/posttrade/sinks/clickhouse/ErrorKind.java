package org.posttrade.sinks.clickhouse;

/** What a failed insert means for the rows in it, and so what the sink does next. */
public enum ErrorKind {
    /** The server or the network is unwell (refused, reset, timeout, 5xx, overload): retry with backoff. */
    TRANSIENT(true),
    /**
     * The sink is pointed at something wrong (missing table or database, bad credentials, no access): retry too,
     * since a migration or a secret rotation may be under way, then fail the job loudly. Never dead-letters rows.
     */
    CONFIGURATION(true),
    /** The server cannot take some row of the batch (parse error, throwIf, constraint): bisect to find it. */
    DATA(false),
    /** A code we do not know: treat like CONFIGURATION, because dropping rows on a guess would lose data. */
    UNKNOWN(true);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same batch may succeed later; otherwise it holds rows the server refuses. */
    public boolean retryable() {
        return retryable;
    }
}
