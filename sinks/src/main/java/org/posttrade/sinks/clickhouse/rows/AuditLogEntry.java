package org.posttrade.sinks.clickhouse.rows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.TradeLifecycleEvent;

/**
 * One state transition of an entity, for table {@code audit_log}: which entity (type and id), its version after the
 * transition, the state it left (null for its first state) and the state it entered, the event time that caused it
 * and the evidence. The state an entity left is known only to whoever kept its previous version, so the factories
 * take it as an argument. A plain POJO (Flink serializes it as one).
 */
public class AuditLogEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String BREAK = "BREAK";
    public static final String SETTLEMENT_INSTRUCTION = "SETTLEMENT_INSTRUCTION";
    public static final String TRADE = "TRADE";

    private String entityType;
    private String entityId;
    private long version;
    private String fromState;
    private String toState;
    private long eventTime;
    private String description;
    private List<EvidenceRef> evidence = new ArrayList<>();

    public AuditLogEntry() {}

    public AuditLogEntry(String entityType, String entityId, long version, String fromState, String toState,
                         long eventTime, String description, List<EvidenceRef> evidence) {
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.entityId = Objects.requireNonNull(entityId, "entityId");
        this.version = version;
        this.fromState = fromState;
        this.toState = Objects.requireNonNull(toState, "toState");
        this.eventTime = eventTime;
        this.description = description == null ? "" : description;
        this.evidence = evidence == null ? new ArrayList<>() : new ArrayList<>(evidence);
    }

    /** A break's transition into its current status, at the event time of this version. */
    public static AuditLogEntry ofBreak(ReconciliationBreak b, String fromStatus) {
        return new AuditLogEntry(BREAK, b.getBreakId(), b.getVersion(), fromStatus, b.getStatus().name(),
                b.getEventTime().toEpochMilli(), b.getDescription(), b.getEvidence());
    }

    /**
     * An instruction's transition into its current status. The instruction carries no time of its own per version,
     * so the caller gives the event time that caused it (the cut-off for INSTRUCTED, the custodian's report time
     * for a settlement).
     */
    public static AuditLogEntry ofSettlement(SettlementInstruction s, String fromStatus, long eventTimeMillis) {
        return new AuditLogEntry(SETTLEMENT_INSTRUCTION, s.getInstructionId(), s.getVersion(), fromStatus,
                s.getStatus().name(), eventTimeMillis,
                s.getDirection() + " " + s.getAmount().toPlainString() + " " + s.getAsset() + " " + s.getVenue()
                        + " cycle " + s.getCycleId(),
                s.getEvidence());
    }

    /** A trade's lifecycle step. */
    public static AuditLogEntry ofTradeLifecycle(TradeLifecycleEvent e, String fromState) {
        return new AuditLogEntry(TRADE, e.getTradeKey(), e.getVersion(), fromState, e.getState().name(),
                e.getEventTime().toEpochMilli(), e.getLifecycleId(), e.getEvidence());
    }

    public String getEntityType() { return entityType; }

    public void setEntityType(String entityType) { this.entityType = entityType; }

    public String getEntityId() { return entityId; }

    public void setEntityId(String entityId) { this.entityId = entityId; }

    public long getVersion() { return version; }

    public void setVersion(long version) { this.version = version; }

    public String getFromState() { return fromState; }

    public void setFromState(String fromState) { this.fromState = fromState; }

    public String getToState() { return toState; }

    public void setToState(String toState) { this.toState = toState; }

    /** Epoch milliseconds, UTC. */
    public long getEventTime() { return eventTime; }

    public void setEventTime(long eventTime) { this.eventTime = eventTime; }

    public String getDescription() { return description; }

    public void setDescription(String description) { this.description = description; }

    public List<EvidenceRef> getEvidence() { return evidence; }

    public void setEvidence(List<EvidenceRef> evidence) { this.evidence = evidence; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditLogEntry other && version == other.version && eventTime == other.eventTime
                && Objects.equals(entityType, other.entityType) && Objects.equals(entityId, other.entityId)
                && Objects.equals(fromState, other.fromState) && Objects.equals(toState, other.toState)
                && Objects.equals(description, other.description) && Objects.equals(evidence, other.evidence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entityType, entityId, version);
    }

    @Override
    public String toString() {
        return entityType + " " + entityId + " v" + version + " " + fromState + " -> " + toState + " @" + eventTime;
    }
}
