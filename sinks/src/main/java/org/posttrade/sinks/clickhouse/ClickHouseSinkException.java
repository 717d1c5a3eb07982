package org.posttrade.sinks.clickhouse;

import java.io.IOException;

/** The sink gives up: the job must fail and restart from its last checkpoint. */
public class ClickHouseSinkException extends IOException {
    private static final long serialVersionUID = 1L;

    public ClickHouseSinkException(String message) {
        super(message);
    }

    public ClickHouseSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
