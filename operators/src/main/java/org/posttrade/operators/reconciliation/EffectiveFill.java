package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.Side;

/**
 * A fill as it stands after its corrections and busts: one version per change of its correction chain, keyed by
 * the chain's original execId. Downstream matchers keep the highest version per fill and replace the previous one,
 * so a correction reverses the original exactly once and applies the replacement exactly once, and a replayed
 * version changes nothing. A busted fill has quantity zero. A Flink POJO (no Kryo).
 */
public class EffectiveFill {
    public static final TypeInformation<EffectiveFill> TYPE = TypeInformation.of(EffectiveFill.class);

    private String venue;
    private String clOrdId;
    /** execId of the original fill: the chain root, the fill's identity for confirmations. */
    private String execId;
    /** execId of the report whose terms are in force (the original or its latest correction). */
    private String effectiveExecId;
    private String orderId;
    private String account;
    private Instrument instrument;
    private Side side;
    private BigDecimal quantity;
    private BigDecimal price;
    /** Fee in {@link #commissionAsset}; zero when the venue reported none. */
    private BigDecimal commission;
    private String commissionAsset;
    /** transactTime of the original fill (epoch millis). */
    private long executionTime;
    /** Latest transactTime in the chain (epoch millis): when the fill last changed. */
    private long changeTime;
    private boolean busted;
    /** Number of reports in the chain: 1 for the original, +1 per correction or bust. */
    private int version;
    private int corrections;
    private List<EvidenceRef> evidence = new ArrayList<>();

    public EffectiveFill() {}

    /** venue/instrument/execId: the key on which fills meet their confirmations. */
    public String matchKey() {
        return venue + "/" + instrument.getSymbol() + "/" + execId;
    }

    /** venue/execId: the fill's key in the trade lifecycle. */
    public String tradeKey() {
        return venue + "/" + execId;
    }

    public boolean active() {
        return !busted;
    }

    /** quantity × price. */
    public BigDecimal notional() {
        return quantity.multiply(price);
    }

    public String getVenue() { return venue; }
    public void setVenue(String venue) { this.venue = venue; }
    public String getClOrdId() { return clOrdId; }
    public void setClOrdId(String clOrdId) { this.clOrdId = clOrdId; }
    public String getExecId() { return execId; }
    public void setExecId(String execId) { this.execId = execId; }
    public String getEffectiveExecId() { return effectiveExecId; }
    public void setEffectiveExecId(String effectiveExecId) { this.effectiveExecId = effectiveExecId; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public Instrument getInstrument() { return instrument; }
    public void setInstrument(Instrument instrument) { this.instrument = instrument; }
    public Side getSide() { return side; }
    public void setSide(Side side) { this.side = side; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
    public BigDecimal getPrice() { return price; }
    public void setPrice(BigDecimal price) { this.price = price; }
    public BigDecimal getCommission() { return commission; }
    public void setCommission(BigDecimal commission) { this.commission = commission; }
    public String getCommissionAsset() { return commissionAsset; }
    public void setCommissionAsset(String commissionAsset) { this.commissionAsset = commissionAsset; }
    public long getExecutionTime() { return executionTime; }
    public void setExecutionTime(long executionTime) { this.executionTime = executionTime; }
    public long getChangeTime() { return changeTime; }
    public void setChangeTime(long changeTime) { this.changeTime = changeTime; }
    public boolean isBusted() { return busted; }
    public void setBusted(boolean busted) { this.busted = busted; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public int getCorrections() { return corrections; }
    public void setCorrections(int corrections) { this.corrections = corrections; }
    public List<EvidenceRef> getEvidence() { return evidence; }
    public void setEvidence(List<EvidenceRef> evidence) { this.evidence = evidence; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EffectiveFill f)) {
            return false;
        }
        return executionTime == f.executionTime && changeTime == f.changeTime && busted == f.busted
                && version == f.version && corrections == f.corrections && Objects.equals(venue, f.venue)
                && Objects.equals(clOrdId, f.clOrdId) && Objects.equals(execId, f.execId)
                && Objects.equals(effectiveExecId, f.effectiveExecId) && Objects.equals(orderId, f.orderId)
                && Objects.equals(account, f.account) && Objects.equals(instrument, f.instrument) && side == f.side
                && Decimal.same(quantity, f.quantity) && Decimal.same(price, f.price)
                && Decimal.same(commission, f.commission) && Objects.equals(commissionAsset, f.commissionAsset)
                && Objects.equals(evidence, f.evidence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(venue, execId, version);
    }

    @Override
    public String toString() {
        return "EffectiveFill[" + tradeKey() + " v" + version + (busted ? " BUSTED" : "") + " " + side + " "
                + Decimal.text(quantity) + " @ " + Decimal.text(price) + " fee " + Decimal.text(commission) + " "
                + commissionAsset + " via " + effectiveExecId + "]";
    }
}
