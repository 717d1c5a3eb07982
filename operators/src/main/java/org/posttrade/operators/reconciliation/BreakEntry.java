package org.posttrade.operators.reconciliation;

import org.posttrade.schema.ReconciliationBreak;

/** A break's latest version as held in state, with the description its check gave (before status notes). */
public class BreakEntry {
    private ReconciliationBreak current;
    private String finding;

    public BreakEntry() {}

    public BreakEntry(ReconciliationBreak current, String finding) {
        this.current = current;
        this.finding = finding;
    }

    public ReconciliationBreak getCurrent() { return current; }
    public void setCurrent(ReconciliationBreak current) { this.current = current; }
    public String getFinding() { return finding; }
    public void setFinding(String finding) { this.finding = finding; }
}
