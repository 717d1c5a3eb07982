package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.posttrade.schema.EvidenceRef;

/**
 * A net settlement obligation of one (venue, account, asset, cycle), as netted at the cycle's cut-off, or amended by
 * a late fill version ({@code revision} + 1). The {@link CustodianMatcher} turns revisions into versions of the
 * {@code SettlementInstruction}. A Flink POJO (no Kryo).
 */
public class Obligation {
    public static final TypeInformation<Obligation> TYPE = TypeInformation.of(Obligation.class);

    /** VENUE/ACCOUNT/ASSET/cycleId. */
    private String instructionId;
    private int revision;
    private String venue;
    private String account;
    private String asset;
    private String counterparty;
    private String cycleId;
    private long cycleStart;
    private long cutoff;
    private long deadline;
    /** Signed net, the firm's view: positive = the firm receives. */
    private BigDecimal netAmount;
    /** VENUE/execId of every fill netted (original execIds), sorted. */
    private List<String> tradeKeys = new ArrayList<>();
    private List<EvidenceRef> evidence = new ArrayList<>();

    public Obligation() {}

    /** account/asset: the key on which obligations meet custodian movements. */
    public String accountAsset() {
        return account + "/" + asset;
    }

    public String getInstructionId() { return instructionId; }
    public void setInstructionId(String instructionId) { this.instructionId = instructionId; }
    public int getRevision() { return revision; }
    public void setRevision(int revision) { this.revision = revision; }
    public String getVenue() { return venue; }
    public void setVenue(String venue) { this.venue = venue; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public String getCounterparty() { return counterparty; }
    public void setCounterparty(String counterparty) { this.counterparty = counterparty; }
    public String getCycleId() { return cycleId; }
    public void setCycleId(String cycleId) { this.cycleId = cycleId; }
    public long getCycleStart() { return cycleStart; }
    public void setCycleStart(long cycleStart) { this.cycleStart = cycleStart; }
    public long getCutoff() { return cutoff; }
    public void setCutoff(long cutoff) { this.cutoff = cutoff; }
    public long getDeadline() { return deadline; }
    public void setDeadline(long deadline) { this.deadline = deadline; }
    public BigDecimal getNetAmount() { return netAmount; }
    public void setNetAmount(BigDecimal netAmount) { this.netAmount = netAmount; }
    public List<String> getTradeKeys() { return tradeKeys; }
    public void setTradeKeys(List<String> tradeKeys) { this.tradeKeys = tradeKeys; }
    public List<EvidenceRef> getEvidence() { return evidence; }
    public void setEvidence(List<EvidenceRef> evidence) { this.evidence = evidence; }

    @Override
    public String toString() {
        return "Obligation[" + instructionId + " r" + revision + " " + (netAmount == null ? null : netAmount.toPlainString())
                + " trades " + tradeKeys + "]";
    }
}
