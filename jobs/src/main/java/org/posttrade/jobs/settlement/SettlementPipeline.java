package org.posttrade.jobs.settlement;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.operators.reconciliation.FillNormalizer;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.operators.settlement.CustodianMatcher;
import org.posttrade.operators.settlement.InstructionStatus;
import org.posttrade.operators.settlement.Obligation;
import org.posttrade.operators.settlement.ObligationNetter;
import org.posttrade.operators.settlement.SettlementConfig;
import org.posttrade.operators.settlement.SettlementOutputs;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;
import org.posttrade.sinks.clickhouse.rows.SettlementStatusEntry;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Clearing and settlement (operators/SETTLEMENT.md): effective fills netted per venue/account/asset/cycle into
 * obligations at each cut-off ({@link ObligationNetter}, keyed venue/account), then instructions matched with
 * custodian movements ({@link CustodianMatcher}, keyed account/asset). Returns the instruction versions and the
 * settlement breaks as streams; the caller connects them to sinks (Kafka exactly-once, ClickHouse).
 *
 * <p>Inputs must carry event time (fills: their change time as {@code FillNormalizer} emits them; movements:
 * reportedTime, which is also the Kafka timestamp of the generator's and custodians' records) with watermarks;
 * cut-offs, deadlines and grace periods are event-time timers. The outputs keep the operators' timestamps (cut-off,
 * deadline or the movement's time).
 */
public final class SettlementPipeline {
    private final SettlementConfig config;

    public SettlementPipeline(SettlementConfig config) {
        this.config = config;
    }

    /**
     * Instruction versions, settlement breaks (every version of each) and the settlement status of every instruction
     * version (amounts settled and open, movements, times; table settlement_status).
     */
    public record Outputs(DataStream<SettlementInstruction> instructions, DataStream<ReconciliationBreak> breaks,
                          DataStream<InstructionStatus> status) {
        public Outputs(DataStream<SettlementInstruction> instructions, DataStream<ReconciliationBreak> breaks) {
            this(instructions, breaks, null);
        }
    }

    /** uids of the sinks {@link #connect} adds (stable: savepoints map sink state by them). */
    public static final String INSTRUCTIONS_TOPIC_UID = "settlement-instructions-topic";
    public static final String INSTRUCTIONS_TABLE_UID = "settlement-instructions-table";
    public static final String STATUS_ROWS_UID = "settlement-status-rows";
    public static final String STATUS_TABLE_UID = "settlement-status-table";
    public static final String AUDIT_LOG_TABLE_UID = "settlement-audit-log-table";
    public static final String AUDIT_ROWS_UID = "settlement-audit-rows";

    /** From the shared effective fills (the reconciliation job's {@link FillNormalizer} output). */
    public Outputs build(DataStream<EffectiveFill> fills, DataStream<Sourced<CustodianConfirmation>> movements) {
        SingleOutputStreamOperator<Obligation> obligations = fills.keyBy(ObligationNetter.KEY)
                .process(new ObligationNetter(config), Obligation.TYPE)
                .uid(ObligationNetter.UID).name(ObligationNetter.NAME);
        SingleOutputStreamOperator<SettlementInstruction> instructions = obligations
                .keyBy(CustodianMatcher.OBLIGATION_KEY)
                .connect(movements.keyBy(CustodianMatcher.MOVEMENT_KEY))
                .process(new CustodianMatcher(config), TypeInformation.of(SettlementInstruction.class))
                .uid(CustodianMatcher.UID).name(CustodianMatcher.NAME);
        return new Outputs(instructions, instructions.getSideOutput(SettlementOutputs.BREAKS),
                instructions.getSideOutput(SettlementOutputs.STATUS));
    }

    /**
     * Connects the instruction versions and their status to the sinks: the instructions topic (exactly-once), table
     * settlement_instructions, table settlement_status and the audit trail (one audit_log row per instruction version,
     * {@link #transition}), each with a stable uid. The breaks are left to the caller (the job's shared break sinks,
     * whose audit trail records the break transitions).
     */
    public static void connect(Outputs outputs, SettlementSinks sinks) {
        outputs.instructions().sinkTo(sinks.instructionsTopic())
                .uid(INSTRUCTIONS_TOPIC_UID).name("Settlement: instructions topic");
        outputs.instructions().sinkTo(sinks.instructionsTable())
                .uid(INSTRUCTIONS_TABLE_UID).name("Settlement: settlement_instructions");
        if (outputs.status() != null) {
            outputs.status().map(SettlementPipeline::entry, TypeInformation.of(SettlementStatusEntry.class))
                    .uid(STATUS_ROWS_UID).name("Settlement: status rows")
                    .sinkTo(sinks.statusTable())
                    .uid(STATUS_TABLE_UID).name("Settlement: settlement_status");
            outputs.status().map(SettlementPipeline::transition, TypeInformation.of(AuditLogEntry.class))
                    .uid(AUDIT_ROWS_UID).name("Settlement: instruction transitions")
                    .sinkTo(sinks.auditLogTable())
                    .uid(AUDIT_LOG_TABLE_UID).name("Settlement: instruction transitions → audit_log");
        }
    }

    /**
     * The audit_log transition of an instruction version: from the status of the version before (none for the
     * first) to its own, at the event time of the change that produced it, with the instruction's evidence; the
     * description of {@link AuditLogEntry#ofSettlement} followed by the custodian and the settled, pending and
     * unsettled amounts of the version, exact.
     */
    public static AuditLogEntry transition(InstructionStatus s) {
        AuditLogEntry entry = AuditLogEntry.ofSettlement(s.getInstruction(), s.getFromStatus(), s.getEventTime());
        entry.setDescription(entry.getDescription() + "; custodian "
                + (s.getCustodian() == null || s.getCustodian().isEmpty() ? "none" : s.getCustodian())
                + ", settled " + s.getSettledAmount().toPlainString()
                + ", pending " + s.getPendingAmount().toPlainString()
                + ", unsettled " + s.getUnsettledAmount().toPlainString());
        return entry;
    }

    /** The settlement_status row of a status. */
    public static SettlementStatusEntry entry(InstructionStatus s) {
        SettlementStatusEntry e = new SettlementStatusEntry();
        e.setInstructionId(s.getInstructionId());
        e.setVersion(s.getVersion());
        e.setVenue(s.getVenue());
        e.setAccount(s.getAccount());
        e.setAsset(s.getAsset());
        e.setCustodian(s.getCustodian());
        e.setDirection(s.getDirection());
        e.setStatus(s.getStatus());
        e.setAmount(s.getAmount());
        e.setSettledAmount(s.getSettledAmount());
        e.setPendingAmount(s.getPendingAmount());
        e.setUnsettledAmount(s.getUnsettledAmount());
        e.setNetworkFees(s.getNetworkFees());
        e.setMovementIds(new java.util.ArrayList<>(s.getMovementIds()));
        e.setTxHashes(new java.util.ArrayList<>(s.getTxHashes()));
        e.setConfirmations(new java.util.ArrayList<>(s.getConfirmations()));
        e.setMovementStatuses(new java.util.ArrayList<>(s.getMovementStatuses()));
        e.setCycleId(s.getCycleId());
        e.setCycleStart(s.getCycleStart());
        e.setCutoffTime(s.getCutoffTime());
        e.setSettlementDeadline(s.getSettlementDeadline());
        e.setEventTime(s.getEventTime());
        e.setSettledTime(s.getSettledTime());
        return e;
    }

    /**
     * Convenience for a job without reconciliation: normalizes the execution reports itself with
     * {@link FillNormalizer} (uid {@code settlement-fill-normalizer}, so it never collides with reconciliation's own
     * normalizer when both run in one job; wire {@link #build(DataStream, DataStream)} with reconciliation's fills
     * to normalize once).
     */
    public Outputs buildFromExecutions(DataStream<Sourced<ExecutionReport>> executions,
                                       DataStream<Sourced<CustodianConfirmation>> movements) {
        SingleOutputStreamOperator<EffectiveFill> fills = executions.keyBy(FillNormalizer.KEY)
                .process(new FillNormalizer(config.breaks()), EffectiveFill.TYPE)
                .uid(FILL_NORMALIZER_UID).name("Settlement: effective fills");
        return build(fills, movements);
    }

    public static final String FILL_NORMALIZER_UID = "settlement-fill-normalizer";

    /** Settlement configuration of a job's flat settings ({@code settlement.*}, and {@code recon.*} for breaks). */
    public static SettlementConfig config(java.util.Map<String, String> settings) {
        return SettlementConfig.fromProperties(settings);
    }

    /**
     * The job's settlement configuration: its {@code settlement.*} settings (and {@code recon.*} for the break
     * lifecycle), validated; an unknown settlement key or a bad value fails here, naming the key.
     */
    public static SettlementConfig config(JobConfig job) {
        return job.settlement();
    }
}
