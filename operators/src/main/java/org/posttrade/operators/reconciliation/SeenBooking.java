package org.posttrade.operators.reconciliation;

import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.InternalTrade;

/** An OMS booking version held in state with its evidence. */
public class SeenBooking {
    private InternalTrade booking;
    private EvidenceRef evidence;

    public SeenBooking() {}

    public SeenBooking(InternalTrade booking, EvidenceRef evidence) {
        this.booking = booking;
        this.evidence = evidence;
    }

    public InternalTrade getBooking() { return booking; }
    public void setBooking(InternalTrade booking) { this.booking = booking; }
    public EvidenceRef getEvidence() { return evidence; }
    public void setEvidence(EvidenceRef evidence) { this.evidence = evidence; }
}
