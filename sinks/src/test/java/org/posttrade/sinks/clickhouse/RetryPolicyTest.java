package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final AtomicLong nanos = new AtomicLong();

    private RetryPolicy policy(int maxAttempts, Duration maxDuration) {
        return RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(1000))
                .multiplier(2.0).maxAttempts(maxAttempts).maxRetryDuration(maxDuration).build();
    }

    @Test
    void ceilingGrowsExponentiallyUpToMaxBackoff() {
        RetryPolicy p = policy(100, Duration.ofHours(1));
        assertThat(new long[] {p.capMillis(1), p.capMillis(2), p.capMillis(3), p.capMillis(4), p.capMillis(5),
                p.capMillis(30)}).containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheCeiling() {
        RetryPolicy p = policy(100, Duration.ofHours(1));
        Backoff highest = new Backoff(p, nanos::get, () -> Math.nextDown(1.0));
        Backoff lowest = new Backoff(p, nanos::get, () -> 0.0);
        long[] expectedCaps = {100, 200, 400, 800, 1000, 1000};
        for (long cap : expectedCaps) {
            assertThat(highest.onFailure()).isEqualTo(cap);
            assertThat(lowest.onFailure()).isZero();
        }
        Backoff random = new Backoff(p, nanos::get, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        for (int i = 1; i < 50; i++) {
            assertThat(random.onFailure()).isBetween(0L, p.capMillis(i));
        }
    }

    @Test
    void attemptBudgetCountsTheFirstAttempt() {
        Backoff b = new Backoff(policy(3, Duration.ofHours(1)), nanos::get, () -> 0.5);
        assertThat(b.onFailure()).isNotNegative(); // attempt 1 failed: retry
        assertThat(b.onFailure()).isNotNegative(); // attempt 2 failed: retry
        assertThat(b.onFailure()).isEqualTo(-1);   // attempt 3 failed: give up
        assertThat(b.failures()).isEqualTo(3);
    }

    @Test
    void timeBudgetStopsRetriesAndClampsTheLastDelay() {
        Backoff b = new Backoff(policy(1000, Duration.ofMillis(1500)), nanos::get, () -> Math.nextDown(1.0));
        assertThat(b.onFailure()).isEqualTo(100);
        nanos.addAndGet(1_400_000_000L); // 1.4 s after the first failure, 100 ms of budget left
        assertThat(b.onFailure()).isEqualTo(100).as("clamped from 200 to what is left");
        nanos.addAndGet(100_000_000L);
        assertThat(b.onFailure()).isEqualTo(-1);
        assertThat(b.elapsedMillis()).isEqualTo(1500);
    }

    @Test
    void validationNamesTheOption() {
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO).build())
                .hasMessageStartingWith("sink.retry.initial-backoff must be a positive duration");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("sink.retry.max-backoff (PT1S) must not be less than sink.retry.initial-backoff");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5).build())
                .hasMessageStartingWith("sink.retry.multiplier must be a finite number >= 1");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(Double.NaN).build())
                .hasMessageStartingWith("sink.retry.multiplier");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .hasMessageStartingWith("sink.retry.max-attempts must be >= 1");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryDuration(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("sink.retry.max-duration must be a positive duration");
    }
}
