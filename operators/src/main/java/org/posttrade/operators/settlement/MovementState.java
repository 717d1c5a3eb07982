package org.posttrade.operators.settlement;

import java.util.ArrayList;
import java.util.List;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.EvidenceRef;

/** A custodian movement as the matcher holds it: its latest update, first report time and match. */
public class MovementState {
    /** Update with the highest updateSequence seen. */
    private CustodianConfirmation latest;
    /** reportedTime of its earliest update seen (event time). */
    private long firstReported;
    /** Instruction it settles; null while unmatched. */
    private String instructionId;
    /** The grace passed unmatched: UNEXPECTED_MOVEMENT was raised. */
    private boolean unexpected;
    private List<EvidenceRef> evidence = new ArrayList<>();

    public MovementState() {}

    public CustodianConfirmation getLatest() { return latest; }
    public void setLatest(CustodianConfirmation latest) { this.latest = latest; }
    public long getFirstReported() { return firstReported; }
    public void setFirstReported(long firstReported) { this.firstReported = firstReported; }
    public String getInstructionId() { return instructionId; }
    public void setInstructionId(String instructionId) { this.instructionId = instructionId; }
    public boolean isUnexpected() { return unexpected; }
    public void setUnexpected(boolean unexpected) { this.unexpected = unexpected; }
    public List<EvidenceRef> getEvidence() { return evidence; }
    public void setEvidence(List<EvidenceRef> evidence) { this.evidence = evidence; }
}
