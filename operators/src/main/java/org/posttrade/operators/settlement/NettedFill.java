package org.posttrade.operators.settlement;

import java.util.ArrayList;
import java.util.List;
import org.posttrade.schema.EvidenceRef;

/** The latest version of one fill as netted into its cycle: its legs per asset (none when busted). State POJO. */
public class NettedFill {
    private long cycleStart;
    private long cutoff;
    private int version;
    private List<Leg> legs = new ArrayList<>();
    private List<EvidenceRef> evidence = new ArrayList<>();

    public NettedFill() {}

    public NettedFill(long cycleStart, long cutoff, int version, List<Leg> legs, List<EvidenceRef> evidence) {
        this.cycleStart = cycleStart;
        this.cutoff = cutoff;
        this.version = version;
        this.legs = legs;
        this.evidence = evidence;
    }

    public long getCycleStart() { return cycleStart; }
    public void setCycleStart(long cycleStart) { this.cycleStart = cycleStart; }
    public long getCutoff() { return cutoff; }
    public void setCutoff(long cutoff) { this.cutoff = cutoff; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public List<Leg> getLegs() { return legs; }
    public void setLegs(List<Leg> legs) { this.legs = legs; }
    public List<EvidenceRef> getEvidence() { return evidence; }
    public void setEvidence(List<EvidenceRef> evidence) { this.evidence = evidence; }
}
