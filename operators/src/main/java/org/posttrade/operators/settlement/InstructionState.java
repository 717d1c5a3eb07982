package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.SettlementInstruction;

/** An instruction as the matcher holds it: its latest version, the obligation behind it and its movements. */
public class InstructionState {
    /** Latest version emitted (null before the first). */
    private SettlementInstruction current;
    private int revision;
    /** Signed net of the obligation (+ = the firm receives). */
    private BigDecimal net;
    private List<EvidenceRef> obligationEvidence = new ArrayList<>();
    /** Movement ids matched to this instruction, duplicates included. */
    private List<String> movementIds = new ArrayList<>();
    private boolean deadlinePassed;
    /** Event time at which it became SETTLED; null while not settled. */
    private Long settledAt;

    public InstructionState() {}

    public SettlementInstruction getCurrent() { return current; }
    public void setCurrent(SettlementInstruction current) { this.current = current; }
    public int getRevision() { return revision; }
    public void setRevision(int revision) { this.revision = revision; }
    public BigDecimal getNet() { return net; }
    public void setNet(BigDecimal net) { this.net = net; }
    public List<EvidenceRef> getObligationEvidence() { return obligationEvidence; }
    public void setObligationEvidence(List<EvidenceRef> obligationEvidence) { this.obligationEvidence = obligationEvidence; }
    public List<String> getMovementIds() { return movementIds; }
    public void setMovementIds(List<String> movementIds) { this.movementIds = movementIds; }
    public boolean isDeadlinePassed() { return deadlinePassed; }
    public void setDeadlinePassed(boolean deadlinePassed) { this.deadlinePassed = deadlinePassed; }
    public Long getSettledAt() { return settledAt; }
    public void setSettledAt(Long settledAt) { this.settledAt = settledAt; }
}
