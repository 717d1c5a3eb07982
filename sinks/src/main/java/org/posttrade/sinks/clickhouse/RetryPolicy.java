package org.posttrade.sinks.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with full jitter and a retry budget. Each INSERT request gets its own budget: it fails for
 * good once it has been tried {@link #maxAttempts()} times or has been retried for {@link #maxRetryDuration()},
 * whichever comes first. Then the sink throws, the job fails and restarts from its last checkpoint: an outage longer
 * than the budget is handed to Flink's restart strategy instead of being hidden in a task that seems alive.
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final int DEFAULT_MAX_ATTEMPTS = 50;
    public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofMinutes(2);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final int maxAttempts;
    private final Duration maxRetryDuration;

    private RetryPolicy(Builder b) {
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.maxAttempts = b.maxAttempts;
        this.maxRetryDuration = b.maxRetryDuration;
    }

    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration initialBackoff() { return initialBackoff; }

    public Duration maxBackoff() { return maxBackoff; }

    public double multiplier() { return multiplier; }

    /** Attempts per request, the first one included. */
    public int maxAttempts() { return maxAttempts; }

    /** Time from a request's first failure after which it is not retried again. */
    public Duration maxRetryDuration() { return maxRetryDuration; }

    /** The ceiling of the delay before retry number {@code retry} (1 for the first retry), before jitter. */
    long capMillis(int retry) {
        double cap = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return (long) Math.min(cap, maxBackoff.toMillis());
    }

    @Override
    public String toString() {
        return "RetryPolicy{initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", multiplier="
                + multiplier + ", maxAttempts=" + maxAttempts + ", maxRetryDuration=" + maxRetryDuration + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && initialBackoff.equals(p.initialBackoff) && maxBackoff.equals(p.maxBackoff)
                && multiplier == p.multiplier && maxAttempts == p.maxAttempts
                && maxRetryDuration.equals(p.maxRetryDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialBackoff, maxBackoff, multiplier, maxAttempts, maxRetryDuration);
    }

    /** Validates at {@link #build()}; messages name the option key of {@link ClickHouseSinkOptions}. */
    public static final class Builder {
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration maxRetryDuration = DEFAULT_MAX_RETRY_DURATION;

        private Builder() {
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder maxRetryDuration(Duration maxRetryDuration) {
            this.maxRetryDuration = maxRetryDuration;
            return this;
        }

        public RetryPolicy build() {
            String initialKey = ClickHouseSinkOptions.RETRY_INITIAL_BACKOFF.key();
            String maxKey = ClickHouseSinkOptions.RETRY_MAX_BACKOFF.key();
            requirePositive(initialBackoff, initialKey);
            requirePositive(maxBackoff, maxKey);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(maxKey + " (" + maxBackoff + ") must not be less than " + initialKey
                        + " (" + initialBackoff + ")");
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.RETRY_MULTIPLIER.key()
                        + " must be a finite number >= 1, got " + multiplier);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(ClickHouseSinkOptions.RETRY_MAX_ATTEMPTS.key()
                        + " must be >= 1 (1 = no retry), got " + maxAttempts);
            }
            requirePositive(maxRetryDuration, ClickHouseSinkOptions.RETRY_MAX_DURATION.key());
            return new RetryPolicy(this);
        }

        private static void requirePositive(Duration d, String key) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
            }
        }
    }
}
