package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.posttrade.schema.SettlementInstruction;

/**
 * The settlement status of one instruction version, as {@link CustodianMatcher} computed it: the amounts that
 * settled (final), that are pending (reported but not final) and that are still open, the movements matched with
 * their transactions and confirmations, and the times. Emitted on {@link SettlementOutputs#STATUS} with every
 * instruction version (same instructionId and version), for table settlement_status. A Flink POJO.
 */
public class InstructionStatus {
    public static final TypeInformation<InstructionStatus> TYPE = TypeInformation.of(InstructionStatus.class);

    private String instructionId;
    private int version;
    private String venue;
    private String account;
    private String asset;
    /** Custodian of the matched movements (the first reported); null while none is matched. */
    private String custodian;
    private String direction;
    /** Status of the version before this one; null for version 1 (an amendment keeps its status). */
    private String fromStatus;
    private String status;
    /** Instructed absolute amount. */
    private BigDecimal amount;
    /** Sum of the final movements (CONFIRMED with enough confirmations); duplicates count once. */
    private BigDecimal settledAmount;
    /** Sum of the live movements not final yet (PENDING, CONFIRMED below finality). */
    private BigDecimal pendingAmount;
    /** What is still owed: 0 when SETTLED, else amount - settled (never negative). */
    private BigDecimal unsettledAmount;
    /** Network fees of the matched movements paid in the asset (tolerated). */
    private BigDecimal networkFees;
    /** Matched movements, in first-report order, duplicates included; txHashes/confirmations/movementStatuses parallel. */
    private List<String> movementIds = new ArrayList<>();
    private List<String> txHashes = new ArrayList<>();
    private List<Integer> confirmations = new ArrayList<>();
    private List<String> movementStatuses = new ArrayList<>();
    private String cycleId;
    private long cycleStart;
    private long cutoffTime;
    private long settlementDeadline;
    /** The version itself (its evidence: the obligation's fills and the matched movements), for the audit trail. */
    private SettlementInstruction instruction;
    /** Event time of the change that produced this version. */
    private long eventTime;
    /** Event time at which it became SETTLED; null unless SETTLED. */
    private Long settledTime;

    public InstructionStatus() {}

    public String getInstructionId() { return instructionId; }
    public void setInstructionId(String instructionId) { this.instructionId = instructionId; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public String getVenue() { return venue; }
    public void setVenue(String venue) { this.venue = venue; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public String getCustodian() { return custodian; }
    public void setCustodian(String custodian) { this.custodian = custodian; }
    public String getDirection() { return direction; }
    public void setDirection(String direction) { this.direction = direction; }
    public String getFromStatus() { return fromStatus; }
    public void setFromStatus(String fromStatus) { this.fromStatus = fromStatus; }
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
    public SettlementInstruction getInstruction() { return instruction; }
    public void setInstruction(SettlementInstruction instruction) { this.instruction = instruction; }
    public long getEventTime() { return eventTime; }
    public void setEventTime(long eventTime) { this.eventTime = eventTime; }
    public Long getSettledTime() { return settledTime; }
    public void setSettledTime(Long settledTime) { this.settledTime = settledTime; }

    @Override
    public String toString() {
        return "InstructionStatus[" + instructionId + " v" + version + " " + status + " settled "
                + (settledAmount == null ? null : settledAmount.toPlainString()) + " of "
                + (amount == null ? null : amount.toPlainString()) + " movements " + movementIds + "]";
    }
}
