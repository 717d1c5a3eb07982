package org.posttrade.sinks.clickhouse;

/** Hears what inserting does, for metrics. */
interface InsertListener {
    InsertListener NONE = new InsertListener() {
    };

    /** An INSERT of {@code rows} rows and {@code bytes} bytes was stored. */
    default void onInserted(int rows, int bytes) {
    }

    /** An INSERT failed retryably and will be tried again. */
    default void onRetry(InsertException cause) {
    }
}
