package org.posttrade.operators;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/** Durations in the operators' settings: Flink's notation ("90 s", "2 min", "7 d", "500 ms") or ISO-8601 ("PT2M"). */
public final class Durations {
    private Durations() {}

    /** A duration that is not negative; throws IllegalArgumentException saying why. */
    public static Duration parse(String value) {
        String v = value.trim();
        Duration d = v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : TimeUtils.parseDuration(v);
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }
}
