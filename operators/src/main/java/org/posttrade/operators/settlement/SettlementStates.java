package org.posttrade.operators.settlement;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/** Every settlement state descriptor carries settlement.state.ttl, the safety net for abandoned keys. */
final class SettlementStates {
    private SettlementStates() {}

    static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, SettlementConfig config) {
        Duration ttl = config.stateTtl();
        if (!ttl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build());
        }
        return descriptor;
    }
}
