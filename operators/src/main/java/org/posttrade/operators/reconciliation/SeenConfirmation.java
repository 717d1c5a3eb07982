package org.posttrade.operators.reconciliation;

import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.VenueConfirmation;

/** A venue confirmation held in state with its evidence. */
public class SeenConfirmation {
    private VenueConfirmation confirmation;
    private EvidenceRef evidence;

    public SeenConfirmation() {}

    public SeenConfirmation(VenueConfirmation confirmation, EvidenceRef evidence) {
        this.confirmation = confirmation;
        this.evidence = evidence;
    }

    public VenueConfirmation getConfirmation() { return confirmation; }
    public void setConfirmation(VenueConfirmation confirmation) { this.confirmation = confirmation; }
    public EvidenceRef getEvidence() { return evidence; }
    public void setEvidence(EvidenceRef evidence) { this.evidence = evidence; }
}
