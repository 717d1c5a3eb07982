package org.posttrade.jobs.reconciliation;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;

/**
 * Turns break versions into audit-log transitions, keyed by breakId: each version enters its status from the status
 * of the version before it (none for the first). Every version is a transition (a change of status, or of an open
 * break's values), and audit_log keeps each one under (BREAK, breakId, version).
 */
public final class BreakAuditTrail extends KeyedProcessFunction<String, ReconciliationBreak, AuditLogEntry> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "recon-break-audit";
    public static final String NAME = "Reconciliation: break transitions → audit log";
    public static final KeySelector<ReconciliationBreak, String> KEY = new BreakIdKey();

    private final Duration stateTtl;
    private transient ValueState<String> lastStatus;

    /** @param stateTtl how long a break's last status is kept (recon.state.ttl); zero keeps it for ever */
    public BreakAuditTrail(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    /** breakId. */
    public static final class BreakIdKey implements KeySelector<ReconciliationBreak, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ReconciliationBreak b) {
            return b.getBreakId();
        }
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("break-last-status", String.class);
        // a resolved break may open again, so no version is ever the last one: only the TTL ends a break's state
        if (!stateTtl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        }
        lastStatus = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(ReconciliationBreak b, Context ctx, Collector<AuditLogEntry> out) throws Exception {
        out.collect(AuditLogEntry.ofBreak(b, lastStatus.value()));
        lastStatus.update(b.getStatus().name());
    }
}
