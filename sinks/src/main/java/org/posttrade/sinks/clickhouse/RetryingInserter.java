package org.posttrade.sinks.clickhouse;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one INSERT, retrying retryable failures under the {@link RetryPolicy}. A refused row ({@link ErrorKind#DATA})
 * comes back as the {@link InsertException} for the caller to bisect; a spent budget as a
 * {@link ClickHouseSinkException} that fails the job.
 */
final class RetryingInserter {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingInserter.class);

    /** Waits between attempts; Thread::sleep in production. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final ClickHouseInserter inserter;
    private final RetryPolicy policy;
    private final String target;
    private final InsertListener listener;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;

    RetryingInserter(ClickHouseInserter inserter, RetryPolicy policy, String target, InsertListener listener) {
        this(inserter, policy, target, listener, Thread::sleep, System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryingInserter(ClickHouseInserter inserter, RetryPolicy policy, String target, InsertListener listener,
                     Sleeper sleeper, LongSupplier nanoClock, DoubleSupplier random) {
        this.inserter = inserter;
        this.policy = policy;
        this.target = target;
        this.listener = listener;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /**
     * Inserts {@code rows} whole rows held in {@code data[offset, offset + length)}.
     *
     * @throws InsertException only of kind DATA: some row in the range is refused
     * @throws ClickHouseSinkException the retry budget is spent
     * @throws InterruptedException the task is being cancelled (the interrupt flag is restored)
     */
    void insert(byte[] data, int offset, int length, int rows)
            throws InsertException, ClickHouseSinkException, InterruptedException {
        Backoff backoff = null;
        while (true) {
            try {
                inserter.insert(data, offset, length);
                listener.onInserted(rows, length);
                if (backoff != null) {
                    LOG.info("INSERT into {} succeeded after {} failed attempts", target, backoff.failures());
                }
                return;
            } catch (InsertException e) {
                if (!e.kind().retryable()) {
                    throw e;
                }
                if (backoff == null) {
                    backoff = new Backoff(policy, nanoClock, random);
                }
                long delay = backoff.onFailure();
                if (delay < 0) {
                    throw new ClickHouseSinkException("INSERT of " + rows + " rows into " + target + " failed "
                            + backoff.failures() + " times in " + backoff.elapsedMillis() + " ms, retry budget spent ("
                            + policy + "); last error " + e.getMessage(), e);
                }
                LOG.warn("INSERT of {} rows into {} failed (attempt {}), retrying in {} ms: {}", rows, target,
                        backoff.failures(), delay, e.getMessage());
                listener.onRetry(e);
                sleep(delay);
            }
        }
    }

    private void sleep(long millis) throws InterruptedException {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            // a cancelled task must stop retrying now, and callers further up must still see the interrupt
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
