package org.posttrade.operators.reconciliation;

import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ExecutionReport;

/** An execution report held in state with its evidence and, once its chain is known, the execId of its original. */
public class SeenReport {
    private ExecutionReport report;
    private EvidenceRef evidence;
    /** execId of the chain's original fill; null while the report is parked waiting for the fill it names. */
    private String root;

    public SeenReport() {}

    public SeenReport(ExecutionReport report, EvidenceRef evidence, String root) {
        this.report = report;
        this.evidence = evidence;
        this.root = root;
    }

    public ExecutionReport getReport() { return report; }
    public void setReport(ExecutionReport report) { this.report = report; }
    public EvidenceRef getEvidence() { return evidence; }
    public void setEvidence(EvidenceRef evidence) { this.evidence = evidence; }
    public String getRoot() { return root; }
    public void setRoot(String root) { this.root = root; }
}
