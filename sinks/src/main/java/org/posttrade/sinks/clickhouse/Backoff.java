package org.posttrade.sinks.clickhouse;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The retry state of one request under a {@link RetryPolicy}. Full jitter (a uniform delay between 0 and the
 * exponential ceiling) keeps parallel writers that failed together from hammering a recovering server together.
 */
final class Backoff {
    private final RetryPolicy policy;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private int failures;
    private long firstFailureNanos;

    /**
     * @param nanoClock a monotonic clock (System::nanoTime)
     * @param random uniform in [0, 1)
     */
    Backoff(RetryPolicy policy, LongSupplier nanoClock, DoubleSupplier random) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /**
     * Records a failed attempt and returns how long to wait before the next one, or -1 when the budget is spent
     * (attempts or time). The delay never runs past the time budget.
     */
    long onFailure() {
        long now = nanoClock.getAsLong();
        if (failures == 0) {
            firstFailureNanos = now;
        }
        failures++;
        if (failures >= policy.maxAttempts()) {
            return -1;
        }
        long elapsedMillis = (now - firstFailureNanos) / 1_000_000L;
        long leftMillis = policy.maxRetryDuration().toMillis() - elapsedMillis;
        if (leftMillis <= 0) {
            return -1;
        }
        long cap = policy.capMillis(failures);
        long delay = (long) Math.floor(random.getAsDouble() * (cap + 1));
        return Math.min(Math.min(delay, cap), leftMillis);
    }

    /** Failed attempts so far. */
    int failures() {
        return failures;
    }

    /** Milliseconds since the first failure. */
    long elapsedMillis() {
        return failures == 0 ? 0 : (nanoClock.getAsLong() - firstFailureNanos) / 1_000_000L;
    }
}
