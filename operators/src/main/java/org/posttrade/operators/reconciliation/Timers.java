package org.posttrade.operators.reconciliation;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per key, at the earliest time something is due; its time is kept in state so that a timer
 * that is no longer needed is deleted rather than left to fire for nothing.
 */
public final class Timers {
    private Timers() {}

    public static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    public static void reschedule(ValueState<Long> timer, TimerService timers, Long due) throws IOException {
        Long current = timer.value();
        if (Objects.equals(current, due)) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        if (due == null) {
            timer.clear();
        } else {
            timers.registerEventTimeTimer(due);
            timer.update(due);
        }
    }

    /**
     * Reschedules after an evaluation that handled everything due up to {@code evaluatedUpTo}: a due time at or
     * before it was just dealt with, so arming it again would only make the timer fire on the same watermark
     * forever (the job would never get past it, nor complete a checkpoint).
     */
    public static void reschedule(ValueState<Long> timer, TimerService timers, Long due, long evaluatedUpTo)
            throws IOException {
        reschedule(timer, timers, due != null && due <= evaluatedUpTo ? null : due);
    }

    /** Forgets the timer that just fired, so it is not deleted again. */
    public static void fired(ValueState<Long> timer, long timestamp) throws IOException {
        Long current = timer.value();
        if (current != null && current <= timestamp) {
            timer.clear();
        }
    }

    public static void cancel(ValueState<Long> timer, TimerService timers) throws IOException {
        reschedule(timer, timers, null);
    }
}
