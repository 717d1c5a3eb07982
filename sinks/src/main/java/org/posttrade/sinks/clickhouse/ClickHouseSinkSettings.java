package org.posttrade.sinks.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the sink writes and how it batches: endpoints, database, credentials, timeouts and batch bounds. Immutable,
 * serializable, validated by its builder. The password never appears in {@link #toString()}.
 */
public final class ClickHouseSinkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> endpoints;
    private final String database;
    private final String username;
    private final String password;
    private final String passwordEnv;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxBatchRows;
    private final long maxBatchBytes;
    private final Duration maxBatchDelay;
    private final int maxRejectedPerBatch;

    private ClickHouseSinkSettings(Builder b, List<String> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        this.database = b.database;
        this.username = b.username;
        this.password = b.password;
        this.passwordEnv = b.passwordEnv;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxBatchRows = b.maxBatchRows;
        this.maxBatchBytes = b.maxBatchBytes;
        this.maxBatchDelay = b.maxBatchDelay;
        this.maxRejectedPerBatch = b.maxRejectedPerBatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> endpoints() { return endpoints; }

    public String database() { return database; }

    public String username() { return username; }

    /** Name of the environment variable holding the password, or null. */
    public String passwordEnv() { return passwordEnv; }

    public Duration connectTimeout() { return connectTimeout; }

    public Duration requestTimeout() { return requestTimeout; }

    public int maxBatchRows() { return maxBatchRows; }

    public long maxBatchBytes() { return maxBatchBytes; }

    public Duration maxBatchDelay() { return maxBatchDelay; }

    public int maxRejectedPerBatch() { return maxRejectedPerBatch; }

    /**
     * The password to send: the configured one, else the environment variable's value (read now, on the
     * TaskManager), else empty. Fails naming the variable when it is configured but unset.
     */
    public String resolvePassword() {
        if (password != null) {
            return password;
        }
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new IllegalStateException(ClickHouseSinkOptions.PASSWORD_ENV.key() + " names environment "
                        + "variable " + passwordEnv + ", which is not set on this TaskManager");
            }
            return value;
        }
        return "";
    }

    @Override
    public String toString() {
        return "ClickHouseSinkSettings{endpoints=" + endpoints + ", database=" + database + ", username=" + username
                + ", password=" + (password != null ? "******" : passwordEnv != null ? "$" + passwordEnv : "<none>")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxBatchRows=" + maxBatchRows + ", maxBatchBytes=" + maxBatchBytes
                + ", maxBatchDelay=" + maxBatchDelay + ", maxRejectedPerBatch=" + maxRejectedPerBatch + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClickHouseSinkSettings s && endpoints.equals(s.endpoints) && database.equals(s.database)
                && Objects.equals(username, s.username) && Objects.equals(password, s.password)
                && Objects.equals(passwordEnv, s.passwordEnv) && connectTimeout.equals(s.connectTimeout)
                && requestTimeout.equals(s.requestTimeout) && maxBatchRows == s.maxBatchRows
                && maxBatchBytes == s.maxBatchBytes && maxBatchDelay.equals(s.maxBatchDelay)
                && maxRejectedPerBatch == s.maxRejectedPerBatch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoints, database, username, passwordEnv, maxBatchRows, maxBatchBytes, maxBatchDelay);
    }

    /** Defaults from {@link ClickHouseSinkOptions}; {@link #build()} fails with a message that names the option. */
    public static final class Builder {
        private final List<String> endpoints = new ArrayList<>();
        private String database = ClickHouseSinkOptions.DATABASE.defaultValue();
        private String username = ClickHouseSinkOptions.USERNAME.defaultValue();
        private String password;
        private String passwordEnv;
        private Duration connectTimeout = ClickHouseSinkOptions.CONNECT_TIMEOUT.defaultValue();
        private Duration requestTimeout = ClickHouseSinkOptions.REQUEST_TIMEOUT.defaultValue();
        private int maxBatchRows = ClickHouseSinkOptions.BATCH_MAX_ROWS.defaultValue();
        private long maxBatchBytes = ClickHouseSinkOptions.BATCH_MAX_BYTES.defaultValue().getBytes();
        private Duration maxBatchDelay = ClickHouseSinkOptions.BATCH_MAX_DELAY.defaultValue();
        private int maxRejectedPerBatch = ClickHouseSinkOptions.REJECTED_MAX_PER_BATCH.defaultValue();

        private Builder() {
        }

        /** Adds endpoints (one URL, or several comma separated); call again to add more. */
        public Builder endpoints(String... urls) {
            for (String url : urls) {
                if (url != null) {
                    for (String part : url.split(",")) {
                        endpoints.add(part.trim());
                    }
                }
            }
            return this;
        }

        public Builder endpoints(List<String> urls) {
            return endpoints(urls.toArray(String[]::new));
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder passwordEnv(String variable) {
            this.passwordEnv = variable;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxBatchRows(int maxBatchRows) {
            this.maxBatchRows = maxBatchRows;
            return this;
        }

        public Builder maxBatchBytes(long maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        public Builder maxBatchDelay(Duration maxBatchDelay) {
            this.maxBatchDelay = maxBatchDelay;
            return this;
        }

        public Builder maxRejectedPerBatch(int maxRejectedPerBatch) {
            this.maxRejectedPerBatch = maxRejectedPerBatch;
            return this;
        }

        public ClickHouseSinkSettings build() {
            String endpointsKey = ClickHouseSinkOptions.ENDPOINTS.key();
            List<String> urls = new ArrayList<>();
            for (String e : endpoints) {
                if (e.isEmpty()) {
                    continue;
                }
                if (!e.startsWith("http://") && !e.startsWith("https://")) {
                    throw new IllegalArgumentException(endpointsKey + " must be http:// or https:// URLs, got: " + e);
                }
                if (e.contains("?") || e.contains("@")) {
                    throw new IllegalArgumentException(endpointsKey + " must be plain base URLs without query or "
                            + "credentials (use " + ClickHouseSinkOptions.USERNAME.key() + "/"
                            + ClickHouseSinkOptions.PASSWORD_ENV.key() + ")");
                }
                urls.add(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
            }
            if (urls.isEmpty()) {
                throw new IllegalArgumentException(endpointsKey + " is required, e.g. http://127.0.0.1:8123");
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.DATABASE.key() + " must not be blank");
            }
            if (username != null && username.isBlank()) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.USERNAME.key() + " must not be blank");
            }
            if (password != null && passwordEnv != null) {
                throw new IllegalArgumentException("set either " + ClickHouseSinkOptions.PASSWORD.key() + " or "
                        + ClickHouseSinkOptions.PASSWORD_ENV.key() + ", not both");
            }
            if (passwordEnv != null && passwordEnv.isBlank()) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.PASSWORD_ENV.key() + " must not be blank");
            }
            requirePositive(connectTimeout, ClickHouseSinkOptions.CONNECT_TIMEOUT.key());
            requirePositive(requestTimeout, ClickHouseSinkOptions.REQUEST_TIMEOUT.key());
            requirePositive(maxBatchDelay, ClickHouseSinkOptions.BATCH_MAX_DELAY.key());
            if (maxBatchRows < 1) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.BATCH_MAX_ROWS.key() + " must be >= 1, got "
                        + maxBatchRows);
            }
            // a byte[] cannot exceed 2 GiB; one row past the bound must still fit
            if (maxBatchBytes < 1 || maxBatchBytes > (1L << 30)) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.BATCH_MAX_BYTES.key()
                        + " must be between 1 byte and 1 GiB, got " + maxBatchBytes);
            }
            if (maxRejectedPerBatch < 0) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.REJECTED_MAX_PER_BATCH.key()
                        + " must be >= 0, got " + maxRejectedPerBatch);
            }
            return new ClickHouseSinkSettings(this, urls);
        }

        private static void requirePositive(Duration d, String key) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
            }
        }
    }
}
