package org.posttrade.operators.reconciliation;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/** State descriptors of the reconciliation operators all carry the configured TTL, the safety net for abandoned keys. */
final class States {
    private States() {}

    static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, ReconciliationConfig config) {
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
