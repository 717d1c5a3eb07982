package org.posttrade.sinks.clickhouse.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/** Processing time that only moves when the test says so; timers fire on the test thread, like on the mailbox. */
public final class ManualProcessingTimeService implements ProcessingTimeService {
    private long now;
    private final List<Timer> timers = new ArrayList<>();

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        Timer timer = new Timer(timestamp, callback);
        timers.add(timer);
        return timer;
    }

    public int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.isDone()).count();
    }

    /** Moves time to {@code time} and fires every timer due by then, in order. */
    public void advanceTo(long time) throws Exception {
        now = time;
        while (true) {
            Timer next = timers.stream().filter(t -> !t.isDone() && t.timestamp <= now)
                    .min(Comparator.comparingLong(t -> t.timestamp)).orElse(null);
            if (next == null) {
                return;
            }
            timers.remove(next);
            next.complete(null);
            next.callback.onProcessingTime(now);
        }
    }

    private static final class Timer extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        final long timestamp;
        final ProcessingTimeCallback callback;

        Timer(long timestamp, ProcessingTimeCallback callback) {
            this.timestamp = timestamp;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return super.get();
        }
    }
}
