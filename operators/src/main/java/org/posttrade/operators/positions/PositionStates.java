package org.posttrade.operators.positions;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

final class PositionStates {
    private PositionStates() {}

    static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, Duration ttl) {
        if (!ttl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build());
        }
        return descriptor;
    }

    /** The first multiple of {@code interval} strictly after {@code time}: re-marks are aligned in event time. */
    static long nextBoundary(long time, long interval) {
        long floor = Math.floorDiv(time, interval) * interval;
        return floor > Long.MAX_VALUE - interval ? Long.MAX_VALUE : floor + interval;
    }
}
