package org.posttrade.sinks.clickhouse.rows;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of table {@code settlement_status}: the settlement status of one instruction version (amounts settled,
 * pending and still open, the matched movements with their transactions and confirmations, and the times). The
 * settlement job fills it from the custodian matcher's status output. A plain POJO (Flink serializes it as one).
 */
public class SettlementStatusEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private String instructionId;
    private long version;
    private String venue;
    private String account;
    private String asset;
    /** Custodian of the matched movements; '' while none is matched. */
    private String custodian = "";
    private String direction;
    private String status;
    private BigDecimal amount;
    private BigDecimal settledAmount;
    private BigDecimal pendingAmount;
    private BigDecimal unsettledAmount;
    private BigDecimal networkFees;
    private List<String> movementIds = new ArrayList<>();
    private List<String> txHashes = new ArrayList<>();
    private List<Integer> confirmations = new ArrayList<>();
    private List<String> movementStatuses = new ArrayList<>();
    private String cycleId;
    private long cycleStart;
    private long cutoffTime;
    private long settlementDeadline;
    private long eventTime;
    private Long settledTime;

    public SettlementStatusEntry() {}

    public String getInstructionId() { return instructionId; }
    public void setInstructionId(String instructionId) { this.instructionId = instructionId; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
    public String getVenue() { return venue; }
    public void setVenue(String venue) { this.venue = venue; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public String getCustodian() { return custodian; }
    public void setCustodian(String custodian) { this.custodian = custodian == null ? "" : custodian; }
    public String getDirection() { return direction; }
    public void setDirection(String direction) { this.direction = direction; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public BigDecimal getSettledAmount() { return settledAmount; }
    public void setSettledAmount(BigDecimal settledAmount) { this.settledAmount = settledAmount; }
    public BigDecimal getPendingAmount() { return pendingAmount; }
    public void setPendingAmount(BigDecimal pendingAmount) { this.pendingAmount = pendingAmount; }
    public BigDecimal getUnsettledAmount() { return unsettledAmount; }
    public void setUnsettledAmount(BigDecimal unsettledAmount) { this.unsettledAmount = unsettledAmount; }
    public BigDecimal getNetworkFees() { return networkFees; }
    public void setNetworkFees(BigDecimal networkFees) { this.networkFees = networkFees; }
    public List<String> getMovementIds() { return movementIds; }
    public void setMovementIds(List<String> movementIds) { this.movementIds = movementIds; }
    public List<String> getTxHashes() { return txHashes; }
    public void setTxHashes(List<String> txHashes) { this.txHashes = txHashes; }
    public List<Integer> getConfirmations() { return confirmations; }
    public void setConfirmations(List<Integer> confirmations) { this.confirmations = confirmations; }
    public List<String> getMovementStatuses() { return movementStatuses; }
    public void setMovementStatuses(List<String> movementStatuses) { this.movementStatuses = movementStatuses; }
    public String getCycleId() { return cycleId; }
    public void setCycleId(String cycleId) { this.cycleId = cycleId; }
    public long getCycleStart() { return cycleStart; }
    public void setCycleStart(long cycleStart) { this.cycleStart = cycleStart; }
    public long getCutoffTime() { return cutoffTime; }
    public void setCutoffTime(long cutoffTime) { this.cutoffTime = cutoffTime; }
    public long getSettlementDeadline() { return settlementDeadline; }
    public void setSettlementDeadline(long settlementDeadline) { this.settlementDeadline = settlementDeadline; }
    public long getEventTime() { return eventTime; }
    public void setEventTime(long eventTime) { this.eventTime = eventTime; }
    public Long getSettledTime() { return settledTime; }
    public void setSettledTime(Long settledTime) { this.settledTime = settledTime; }
}
