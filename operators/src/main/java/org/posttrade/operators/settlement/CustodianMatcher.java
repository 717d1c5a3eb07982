package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.BreakBook;
import org.posttrade.operators.reconciliation.BreakEntry;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.operators.reconciliation.Finding;
import org.posttrade.operators.reconciliation.Timers;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementDirection;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.SettlementStatus;

/**
 * Settlement: turns obligations into {@link SettlementInstruction} versions and matches custodian movements to them,
 * keyed by account/asset (both sides carry it). Main output: every instruction version (INSTRUCTED at the cut-off,
 * then PENDING, PARTIALLY_SETTLED, SETTLED, FAILED, REVERSED as movements report); side output
 * {@link SettlementOutputs#BREAKS}: settlement breaks, with the lifecycle of trade breaks ({@link BreakBook}).
 * <ul>
 *   <li>Matching, in order: a movement sharing network and txHash with a matched one goes to the same instruction
 *       (a duplicate); the settlement reference when the custodian echoes it; else the open instruction of the same
 *       direction and venue (when the custodian names the counterparty) whose outstanding amount equals the
 *       movement's within {@code settlement.tolerance.amount} plus the movement's network fee in that asset, with the
 *       cut-off within {@code settlement.match.window} of the movement. Unmatched movements wait
 *       {@code settlement.movement.grace}; then, or at an instruction's deadline, they are paired with the closest
 *       instruction within {@code settlement.tolerance.pairing}, else UNEXPECTED_MOVEMENT.</li>
 *   <li>Several movements accumulate (partial settlement). A movement is final when CONFIRMED with at least
 *       {@code settlement.finality.NETWORK} confirmations; SETTLED when the final amount reaches the obligation.
 *       FAILED and REVERSED (reorg) movements count nothing: the obligation reopens.</li>
 *   <li>A SETTLED instruction is kept {@code settlement.settled.retention} for reorgs, then cleared with its
 *       movements; the key's state is cleared when nothing is left open.</li>
 * </ul>
 */
public class CustodianMatcher
        extends KeyedCoProcessFunction<String, Obligation, Sourced<CustodianConfirmation>, SettlementInstruction> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "settlement-custodian-matcher";
    public static final String NAME = "Settlement: instructions and custodian matching";
    public static final KeySelector<Obligation, String> OBLIGATION_KEY = new ObligationKey();
    public static final KeySelector<Sourced<CustodianConfirmation>, String> MOVEMENT_KEY = new MovementKey();

    static final String AMOUNT = "amount";
    static final String STATUS = "status";
    static final String MOVEMENTS = "movements";
    static final String MOVEMENT = "movement";

    /** account/asset of an obligation. */
    public static final class ObligationKey implements KeySelector<Obligation, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Obligation o) {
            return o.accountAsset();
        }
    }

    /** account/asset of a custodian movement. */
    public static final class MovementKey implements KeySelector<Sourced<CustodianConfirmation>, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Sourced<CustodianConfirmation> m) {
            return m.getValue().getAccount() + "/" + m.getValue().getAsset();
        }
    }

    private final SettlementConfig config;

    private transient MapState<String, InstructionState> instructions;
    private transient MapState<String, MovementState> movements;
    private transient ValueState<Long> timer;
    private transient BreakBook breaks;
    private transient Counter staleUpdates;
    private transient Counter matched;
    private transient Counter paired;
    /** Where {@link #evaluate} sends the status of each version: the side output of the current call. */
    private transient Consumer<InstructionStatus> statusOut;

    public CustodianMatcher(SettlementConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        instructions = getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "instructionsById", Types.STRING, TypeInformation.of(InstructionState.class)), config));
        movements = getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "movementsById", Types.STRING, TypeInformation.of(MovementState.class)), config));
        timer = getRuntimeContext().getState(SettlementStates.withTtl(
                new ValueStateDescriptor<>("timer", Types.LONG), config));
        breaks = new BreakBook(getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "breaks", Types.STRING, TypeInformation.of(BreakEntry.class)), config)), config.breaks());
        staleUpdates = getRuntimeContext().getMetricGroup().counter("staleUpdatesIgnored", new SimpleCounter());
        matched = getRuntimeContext().getMetricGroup().counter("matched", new SimpleCounter());
        paired = getRuntimeContext().getMetricGroup().counter("pairedWithDifference", new SimpleCounter());
    }

    // ---- obligations

    @Override
    public void processElement1(Obligation o, Context ctx, Collector<SettlementInstruction> out) throws Exception {
        InstructionState st = instructions.get(o.getInstructionId());
        if (st != null && o.getRevision() <= st.getRevision()) {
            staleUpdates.inc();
            return;
        }
        if (st == null) {
            st = new InstructionState();
        }
        SettlementInstruction.Builder b = st.getCurrent() == null
                ? SettlementInstruction.newBuilder().setVersion(0).setStatus(SettlementStatus.INSTRUCTED)
                : SettlementInstruction.newBuilder(st.getCurrent());
        st.setCurrent(b.setInstructionId(o.getInstructionId()).setVenue(o.getVenue()).setAccount(o.getAccount())
                .setAsset(o.getAsset()).setDirection(direction(o.getNetAmount(), st.getCurrent()))
                .setAmount(Decimals.rounded(o.getNetAmount().abs())).setCounterparty(o.getCounterparty())
                .setCycleId(o.getCycleId()).setCycleStart(Instant.ofEpochMilli(o.getCycleStart()))
                .setCutoffTime(Instant.ofEpochMilli(o.getCutoff()))
                .setSettlementDeadline(Instant.ofEpochMilli(o.getDeadline()))
                .setNettedTradeIds(new ArrayList<>(o.getTradeKeys()))
                .setEvidence(Evidence.merge(o.getEvidence())).build());
        st.setRevision(o.getRevision());
        st.setNet(o.getNetAmount());
        st.setObligationEvidence(Evidence.merge(o.getEvidence()));
        instructions.put(o.getInstructionId(), st);
        long time = ctx.timestamp() != null ? ctx.timestamp() : o.getCutoff();
        Consumer<ReconciliationBreak> emit = b2 -> ctx.output(SettlementOutputs.BREAKS, b2);
        statusOut = s -> ctx.output(SettlementOutputs.STATUS, s);
        // movements reported before their instruction (e.g. settled ahead of our cut-off) wait for it
        for (String movementId : unmatchedMovements()) {
            MovementState ms = movements.get(movementId);
            String target = match(movementId, ms, false);
            if (Objects.equals(target, o.getInstructionId())) {
                link(movementId, ms, target, time, emit);
            }
        }
        evaluate(o.getInstructionId(), time, true, out, emit);
        schedule(ctx.timerService());
    }

    // ---- movements

    @Override
    public void processElement2(Sourced<CustodianConfirmation> in, Context ctx, Collector<SettlementInstruction> out)
            throws Exception {
        CustodianConfirmation c = in.getValue();
        String movementId = c.getMovementId();
        MovementState ms = movements.get(movementId);
        if (ms != null && c.getUpdateSequence() <= ms.getLatest().getUpdateSequence()) {
            staleUpdates.inc();
            return;
        }
        long time = c.getReportedTime().toEpochMilli();
        if (ms == null) {
            ms = new MovementState();
            ms.setFirstReported(time);
        }
        ms.setFirstReported(Math.min(ms.getFirstReported(), time));
        ms.setLatest(c);
        ms.setEvidence(Evidence.merge(ms.getEvidence(), List.of(in.evidence(c.getEventId()))));
        if (ms.getInstructionId() != null && !instructions.contains(ms.getInstructionId())) {
            ms.setInstructionId(null);
        }
        movements.put(movementId, ms);
        Consumer<ReconciliationBreak> emit = b -> ctx.output(SettlementOutputs.BREAKS, b);
        statusOut = s -> ctx.output(SettlementOutputs.STATUS, s);
        if (ms.getInstructionId() == null) {
            String target = match(movementId, ms, false);
            if (target != null) {
                link(movementId, ms, target, time, emit);
            }
        }
        if (ms.getInstructionId() != null) {
            evaluate(ms.getInstructionId(), time, false, out, emit);
        }
        schedule(ctx.timerService());
    }

    // ---- deadlines, grace, retention, ageing

    private record Due(long time, int kind, String id) {}

    private static final int GRACE = 0;
    private static final int DEADLINE = 1;
    private static final int RETIRE = 2;

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SettlementInstruction> out) throws Exception {
        Timers.fired(timer, timestamp);
        Consumer<ReconciliationBreak> emit = b -> ctx.output(SettlementOutputs.BREAKS, b);
        statusOut = s -> ctx.output(SettlementOutputs.STATUS, s);
        List<Due> due = new ArrayList<>();
        long retention = config.settledRetention().toMillis();
        long grace = config.movementGrace().toMillis();
        for (Map.Entry<String, InstructionState> e : instructions.entries()) {
            InstructionState st = e.getValue();
            long deadline = st.getCurrent().getSettlementDeadline().toEpochMilli();
            if (!st.isDeadlinePassed() && deadline <= timestamp) {
                due.add(new Due(deadline, DEADLINE, e.getKey()));
            }
            if (st.getSettledAt() != null && st.getSettledAt() + retention <= timestamp) {
                due.add(new Due(st.getSettledAt() + retention, RETIRE, e.getKey()));
            }
        }
        for (Map.Entry<String, MovementState> e : movements.entries()) {
            MovementState ms = e.getValue();
            if (ms.getInstructionId() == null && !ms.isUnexpected() && ms.getFirstReported() + grace <= timestamp) {
                due.add(new Due(ms.getFirstReported() + grace, GRACE, e.getKey()));
            }
        }
        due.sort(Comparator.comparingLong(Due::time).thenComparingInt(Due::kind).thenComparing(Due::id));
        for (Due d : due) {
            switch (d.kind()) {
                case DEADLINE -> deadlinePassed(d.id(), d.time(), out, emit);
                case GRACE -> gracePassed(d.id(), d.time(), out, emit);
                default -> retire(d.id());
            }
        }
        for (ReconciliationBreak b : breaks.age(timestamp)) {
            emit.accept(b);
        }
        if (instructions.isEmpty() && movements.isEmpty() && !breaks.anyUnresolved()) {
            // everything settled and past its retention: nothing of this key is needed any more
            breaks.clear();
            Timers.cancel(timer, ctx.timerService());
            return;
        }
        schedule(ctx.timerService());
    }

    private void deadlinePassed(String id, long time, Collector<SettlementInstruction> out,
                                Consumer<ReconciliationBreak> emit) throws Exception {
        InstructionState st = instructions.get(id);
        if (st == null) {
            return;
        }
        st.setDeadlinePassed(true);
        instructions.put(id, st);
        if (st.getMovementIds().isEmpty()) {
            for (String movementId : unmatchedMovements()) {
                MovementState ms = movements.get(movementId);
                String target = match(movementId, ms, true);
                if (id.equals(target)) {
                    paired.inc();
                    link(movementId, ms, target, time, emit);
                }
            }
        }
        evaluate(id, time, false, out, emit);
        st = instructions.get(id);
        if (st.getMovementIds().isEmpty() && st.getNet().signum() != 0) {
            SettlementInstruction cur = st.getCurrent();
            raise(finding(BreakType.SETTLEMENT_MISSING, cur, AMOUNT)
                    .amounts(st.getNet(), Decimals.ZERO)
                    .description("No " + cur.getAsset() + " movement for instruction " + id + " (" + cur.getDirection()
                            + " " + text(cur.getAmount()) + ") by its settlement deadline.")
                    .evidence(st.getObligationEvidence()), time, emit);
        }
    }

    private void gracePassed(String movementId, long time, Collector<SettlementInstruction> out,
                             Consumer<ReconciliationBreak> emit) throws Exception {
        MovementState ms = movements.get(movementId);
        if (ms == null || ms.getInstructionId() != null) {
            return;
        }
        String target = match(movementId, ms, false);
        if (target == null) {
            target = match(movementId, ms, true);
            if (target != null) {
                paired.inc();
            }
        }
        if (target != null) {
            link(movementId, ms, target, time, emit);
            evaluate(target, time, false, out, emit);
            return;
        }
        ms.setUnexpected(true);
        movements.put(movementId, ms);
        CustodianConfirmation c = ms.getLatest();
        raise(Finding.of(BreakType.UNEXPECTED_MOVEMENT, c.getCustodian() + "/" + movementId, MOVEMENT)
                .on(c.getCounterparty() != null ? c.getCounterparty() : c.getCustodian(), c.getAccount(), null)
                .asset(c.getAsset())
                .values(null, text(c.getAmount()), null)
                .description("Movement " + c.getCustodian() + "/" + movementId + " of " + text(c.getAmount()) + " "
                        + c.getAsset() + " on " + c.getNetwork() + " matches no settlement instruction.")
                .evidence(ms.getEvidence()), time, emit);
    }

    private void retire(String id) throws Exception {
        InstructionState st = instructions.get(id);
        if (st == null) {
            return;
        }
        if (st.getCurrent().getStatus() != SettlementStatus.SETTLED || hasUnresolvedBreak(id)) {
            // kept while a break is open; the retention restarts when it settles again (else the timer would loop)
            st.setSettledAt(null);
            instructions.put(id, st);
            return;
        }
        for (String movementId : st.getMovementIds()) {
            movements.remove(movementId);
        }
        instructions.remove(id);
    }

    // ---- matching

    /** Movement ids waiting for an instruction, oldest first. */
    private List<String> unmatchedMovements() throws Exception {
        List<Map.Entry<String, MovementState>> waiting = new ArrayList<>();
        for (Map.Entry<String, MovementState> e : movements.entries()) {
            if (e.getValue().getInstructionId() == null) {
                waiting.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        waiting.sort(Comparator.comparingLong((Map.Entry<String, MovementState> e) -> e.getValue().getFirstReported())
                .thenComparing(Map.Entry::getKey));
        return waiting.stream().map(Map.Entry::getKey).toList();
    }

    /**
     * The instruction the movement settles, or null. {@code pairing}: ignore the reference and accept an amount
     * within the pairing tolerance (the difference becomes a break).
     */
    private String match(String movementId, MovementState ms, boolean pairing) throws Exception {
        CustodianConfirmation c = ms.getLatest();
        if (c.getTxHash() != null) {
            for (Map.Entry<String, MovementState> e : movements.entries()) {
                CustodianConfirmation other = e.getValue().getLatest();
                if (!e.getKey().equals(movementId) && e.getValue().getInstructionId() != null
                        && c.getTxHash().equals(other.getTxHash()) && c.getNetwork().equals(other.getNetwork())) {
                    return e.getValue().getInstructionId();
                }
            }
        }
        if (!pairing && c.getSettlementReference() != null) {
            return instructions.contains(c.getSettlementReference()) ? c.getSettlementReference() : null;
        }
        BigDecimal amount = c.getAmount().abs();
        long window = config.matchWindow().toMillis();
        List<Map.Entry<String, InstructionState>> candidates = new ArrayList<>();
        for (Map.Entry<String, InstructionState> e : instructions.entries()) {
            candidates.add(Map.entry(e.getKey(), e.getValue()));
        }
        candidates.sort(Comparator.comparingLong((Map.Entry<String, InstructionState> e) ->
                e.getValue().getCurrent().getCutoffTime().toEpochMilli()).thenComparing(Map.Entry::getKey));
        String best = null;
        BigDecimal bestDiff = null;
        for (Map.Entry<String, InstructionState> e : candidates) {
            InstructionState st = e.getValue();
            SettlementInstruction cur = st.getCurrent();
            if (st.getNet().signum() != c.getAmount().signum()
                    || c.getCounterparty() != null && !c.getCounterparty().equals(cur.getVenue())
                        && !c.getCounterparty().equals(cur.getCounterparty())
                    || Math.abs(ms.getFirstReported() - cur.getCutoffTime().toEpochMilli()) > window) {
                continue;
            }
            BigDecimal outstanding = st.getNet().abs().subtract(Tally.of(this, st).counted());
            if (outstanding.signum() <= 0) {
                continue;
            }
            BigDecimal diff = outstanding.subtract(amount).abs();
            BigDecimal tolerance = pairing ? outstanding.multiply(config.pairingTolerance())
                    : config.amountTolerance(c.getAsset()).add(feeInAsset(c));
            if (diff.compareTo(tolerance) <= 0 && (bestDiff == null || diff.compareTo(bestDiff) < 0)) {
                best = e.getKey();
                bestDiff = diff;
            }
        }
        return best;
    }

    private void link(String movementId, MovementState ms, String instructionId, long time,
                      Consumer<ReconciliationBreak> emit) throws Exception {
        InstructionState st = instructions.get(instructionId);
        ms.setInstructionId(instructionId);
        if (!st.getMovementIds().contains(movementId)) {
            st.getMovementIds().add(movementId);
        }
        matched.inc();
        if (ms.isUnexpected()) {
            ms.setUnexpected(false);
            CustodianConfirmation c = ms.getLatest();
            ReconciliationBreak b = breaks.resolve(BreakType.UNEXPECTED_MOVEMENT, c.getCustodian() + "/" + movementId,
                    MOVEMENT, time, ms.getEvidence(), "matched to instruction " + instructionId);
            if (b != null) {
                emit.accept(b);
            }
        }
        movements.put(movementId, ms);
        instructions.put(instructionId, st);
    }

    // ---- status and breaks of an instruction

    /** The movements of an instruction, summed: duplicates (same network and txHash) count once. */
    private static final class Tally {
        BigDecimal finalAmount = BigDecimal.ZERO;
        BigDecimal liveAmount = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        boolean failed;
        boolean reversed;
        int duplicates;
        int largestGroup;
        final List<EvidenceRef> evidence = new ArrayList<>();
        /** Every matched movement (duplicates included), first-reported first. */
        final List<Map.Entry<String, MovementState>> all = new ArrayList<>();

        BigDecimal counted() {
            return finalAmount.add(liveAmount);
        }

        static Tally of(CustodianMatcher m, InstructionState st) throws Exception {
            Tally t = new Tally();
            Map<String, List<Map.Entry<String, MovementState>>> groups = new LinkedHashMap<>();
            for (String id : st.getMovementIds()) {
                MovementState ms = m.movements.get(id);
                if (ms == null) {
                    continue;
                }
                CustodianConfirmation c = ms.getLatest();
                String group = c.getTxHash() == null ? "id:" + id : c.getNetwork() + "|" + c.getTxHash();
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(Map.entry(id, ms));
                t.all.add(Map.entry(id, ms));
                t.evidence.addAll(ms.getEvidence());
            }
            for (List<Map.Entry<String, MovementState>> group : groups.values()) {
                group.sort(Comparator.comparingLong((Map.Entry<String, MovementState> e) -> e.getValue().getFirstReported())
                        .thenComparing(Map.Entry::getKey));
                CustodianConfirmation c = group.get(0).getValue().getLatest();
                BigDecimal amount = c.getAmount().abs();
                if (c.getNetworkFee() != null && c.getAsset().equals(c.getNetworkFeeAsset())) {
                    t.fees = t.fees.add(c.getNetworkFee());
                }
                switch (c.getStatus()) {
                    case CONFIRMED -> {
                        if (c.getConfirmations() >= m.config.finality(c.getNetwork())) {
                            t.finalAmount = t.finalAmount.add(amount);
                        } else {
                            t.liveAmount = t.liveAmount.add(amount);
                        }
                    }
                    case PENDING -> t.liveAmount = t.liveAmount.add(amount);
                    case FAILED -> t.failed = true;
                    case REVERSED -> t.reversed = true;
                }
                int live = 0;
                for (Map.Entry<String, MovementState> e : group) {
                    MovementStatus s = e.getValue().getLatest().getStatus();
                    if (s == MovementStatus.PENDING || s == MovementStatus.CONFIRMED) {
                        live++;
                    }
                }
                int extra = group.size() - 1;
                if (extra > 0 && live > 1) {
                    t.duplicates += extra;
                    t.largestGroup = Math.max(t.largestGroup, group.size());
                }
            }
            return t;
        }
    }

    /** Recomputes the instruction's status from its movements, emits a version when it changed, raises/resolves breaks. */
    private void evaluate(String id, long time, boolean force, Collector<SettlementInstruction> out,
                          Consumer<ReconciliationBreak> emit) throws Exception {
        InstructionState st = instructions.get(id);
        SettlementInstruction cur = st.getCurrent();
        Tally t = Tally.of(this, st);
        BigDecimal expected = st.getNet().abs();
        BigDecimal tolerance = config.amountTolerance(cur.getAsset()).add(t.fees);
        SettlementStatus status;
        if (expected.signum() == 0 || t.finalAmount.signum() > 0
                && t.finalAmount.compareTo(expected.subtract(tolerance)) >= 0) {
            status = SettlementStatus.SETTLED;
        } else if (t.finalAmount.signum() > 0) {
            status = SettlementStatus.PARTIALLY_SETTLED;
        } else if (t.liveAmount.signum() > 0) {
            status = SettlementStatus.PENDING;
        } else if (t.reversed) {
            status = SettlementStatus.REVERSED;
        } else if (t.failed) {
            status = SettlementStatus.FAILED;
        } else {
            status = SettlementStatus.INSTRUCTED;
        }
        List<EvidenceRef> movementEvidence = Evidence.merge(t.evidence);

        if (!st.getMovementIds().isEmpty()) {
            resolve(BreakType.SETTLEMENT_MISSING, id, AMOUNT, time, movementEvidence, "a movement arrived", emit);
        }
        if (status == SettlementStatus.SETTLED) {
            resolve(BreakType.SETTLEMENT_FAILED, id, STATUS, time, movementEvidence, "settled by a later movement", emit);
            resolve(BreakType.SETTLEMENT_REVERSED, id, STATUS, time, movementEvidence, "settled again", emit);
        } else {
            if (t.failed) {
                raise(finding(BreakType.SETTLEMENT_FAILED, cur, STATUS).values("CONFIRMED", "FAILED", null)
                        .description("A movement settling " + id + " FAILED; the obligation of " + text(cur.getAmount())
                                + " " + cur.getAsset() + " is open again.")
                        .evidence(movementEvidence), time, emit);
            }
            if (t.reversed) {
                raise(finding(BreakType.SETTLEMENT_REVERSED, cur, STATUS).values("CONFIRMED", "REVERSED", null)
                        .description("A movement settling " + id + " was REVERSED (chain reorganisation); the "
                                + "obligation of " + text(cur.getAmount()) + " " + cur.getAsset() + " is open again.")
                        .evidence(movementEvidence), time, emit);
            }
        }
        if (t.duplicates > 0) {
            raise(finding(BreakType.DUPLICATE_MOVEMENT, cur, MOVEMENTS)
                    .values("1", String.valueOf(t.largestGroup), null)
                    .description(t.largestGroup + " movements with the same transaction settle " + id
                            + "; the duplicates are not counted.")
                    .evidence(movementEvidence), time, emit);
        } else {
            resolve(BreakType.DUPLICATE_MOVEMENT, id, MOVEMENTS, time, movementEvidence, "the duplicates failed", emit);
        }
        BigDecimal counted = t.counted();
        boolean over = counted.subtract(expected).compareTo(tolerance) > 0;
        boolean shortAfterDeadline = st.isDeadlinePassed() && counted.signum() > 0
                && expected.subtract(counted).compareTo(tolerance) > 0;
        if (over || shortAfterDeadline) {
            raise(finding(BreakType.SETTLEMENT_AMOUNT_MISMATCH, cur, AMOUNT).amounts(expected, counted)
                    .description("Movements for " + id + " total " + text(counted) + " " + cur.getAsset()
                            + ", instructed " + text(expected) + (over ? " (over-delivered)." : " by the deadline."))
                    .evidence(Evidence.merge(st.getObligationEvidence(), movementEvidence)), time, emit);
        } else if (counted.signum() > 0 && counted.subtract(expected).abs().compareTo(tolerance) <= 0) {
            resolve(BreakType.SETTLEMENT_AMOUNT_MISMATCH, id, AMOUNT, time, movementEvidence, "the amounts agree", emit);
        }

        boolean changed = force || cur.getVersion() == 0 || cur.getStatus() != status;
        String fromStatus = cur.getVersion() == 0 ? null : cur.getStatus().name();
        if (changed) {
            SettlementInstruction next = SettlementInstruction.newBuilder(cur)
                    .setVersion(cur.getVersion() + 1)
                    .setStatus(status)
                    .setEvidence(Evidence.merge(st.getObligationEvidence(), movementEvidence))
                    .build();
            st.setCurrent(next);
            out.collect(next);
        }
        if (status == SettlementStatus.SETTLED) {
            if (st.getSettledAt() == null) {
                st.setSettledAt(time);
            }
        } else {
            st.setSettledAt(null);
        }
        if (changed && statusOut != null) {
            statusOut.accept(status(st, t, fromStatus, time));
        }
        instructions.put(id, st);
    }

    /** The status row of the instruction's current version. */
    private static InstructionStatus status(InstructionState st, Tally t, String fromStatus, long time) {
        SettlementInstruction cur = st.getCurrent();
        InstructionStatus s = new InstructionStatus();
        s.setInstruction(cur);
        s.setFromStatus(fromStatus);
        s.setInstructionId(cur.getInstructionId());
        s.setVersion(cur.getVersion());
        s.setVenue(cur.getVenue());
        s.setAccount(cur.getAccount());
        s.setAsset(cur.getAsset());
        s.setDirection(cur.getDirection().name());
        s.setStatus(cur.getStatus().name());
        s.setAmount(cur.getAmount());
        s.setSettledAmount(Decimals.rounded(t.finalAmount));
        s.setPendingAmount(Decimals.rounded(t.liveAmount));
        BigDecimal open = cur.getAmount().subtract(t.finalAmount).max(BigDecimal.ZERO);
        s.setUnsettledAmount(Decimals.rounded(cur.getStatus() == SettlementStatus.SETTLED ? BigDecimal.ZERO : open));
        s.setNetworkFees(Decimals.rounded(t.fees));
        List<Map.Entry<String, MovementState>> movements = new ArrayList<>(t.all);
        movements.sort(Comparator.comparingLong((Map.Entry<String, MovementState> e) -> e.getValue().getFirstReported())
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, MovementState> e : movements) {
            CustodianConfirmation c = e.getValue().getLatest();
            if (s.getCustodian() == null) {
                s.setCustodian(c.getCustodian());
            }
            s.getMovementIds().add(e.getKey());
            s.getTxHashes().add(c.getTxHash() == null ? "" : c.getTxHash());
            s.getConfirmations().add(c.getConfirmations());
            s.getMovementStatuses().add(c.getStatus().name());
        }
        s.setCycleId(cur.getCycleId());
        s.setCycleStart(cur.getCycleStart().toEpochMilli());
        s.setCutoffTime(cur.getCutoffTime().toEpochMilli());
        s.setSettlementDeadline(cur.getSettlementDeadline().toEpochMilli());
        s.setEventTime(time);
        s.setSettledTime(cur.getStatus() == SettlementStatus.SETTLED ? st.getSettledAt() : null);
        return s;
    }

    private boolean hasUnresolvedBreak(String id) throws Exception {
        return breaks.isUnresolved(BreakType.SETTLEMENT_MISSING, id, AMOUNT)
                || breaks.isUnresolved(BreakType.SETTLEMENT_AMOUNT_MISMATCH, id, AMOUNT)
                || breaks.isUnresolved(BreakType.SETTLEMENT_FAILED, id, STATUS)
                || breaks.isUnresolved(BreakType.SETTLEMENT_REVERSED, id, STATUS)
                || breaks.isUnresolved(BreakType.DUPLICATE_MOVEMENT, id, MOVEMENTS);
    }

    private void schedule(TimerService timers) throws Exception {
        Long next = null;
        long retention = config.settledRetention().toMillis();
        long grace = config.movementGrace().toMillis();
        for (InstructionState st : instructions.values()) {
            if (!st.isDeadlinePassed()) {
                next = Timers.earliest(next, st.getCurrent().getSettlementDeadline().toEpochMilli());
            }
            if (st.getSettledAt() != null) {
                next = Timers.earliest(next, st.getSettledAt() + retention);
            }
        }
        for (MovementState ms : movements.values()) {
            if (ms.getInstructionId() == null && !ms.isUnexpected()) {
                next = Timers.earliest(next, ms.getFirstReported() + grace);
            }
        }
        Timers.reschedule(timer, timers, Timers.earliest(next, breaks.nextAgeing()));
    }

    private void raise(Finding f, long time, Consumer<ReconciliationBreak> emit) throws Exception {
        ReconciliationBreak b = breaks.raise(f, time);
        if (b != null) {
            emit.accept(b);
        }
    }

    private void resolve(BreakType type, String matchKey, String field, long time, List<EvidenceRef> evidence,
                         String reason, Consumer<ReconciliationBreak> emit) throws Exception {
        ReconciliationBreak b = breaks.resolve(type, matchKey, field, time, evidence, reason);
        if (b != null) {
            emit.accept(b);
        }
    }

    private static Finding finding(BreakType type, SettlementInstruction cur, String field) {
        return Finding.of(type, cur.getInstructionId(), field).on(cur.getVenue(), cur.getAccount(), null)
                .asset(cur.getAsset());
    }

    private static BigDecimal feeInAsset(CustodianConfirmation c) {
        return c.getNetworkFee() != null && c.getAsset().equals(c.getNetworkFeeAsset()) ? c.getNetworkFee()
                : BigDecimal.ZERO;
    }

    private static SettlementDirection direction(BigDecimal net, SettlementInstruction previous) {
        if (net.signum() == 0 && previous != null) {
            return previous.getDirection();
        }
        return net.signum() >= 0 ? SettlementDirection.RECEIVE : SettlementDirection.PAY;
    }

    private static String text(BigDecimal value) {
        return value == null ? "none" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
