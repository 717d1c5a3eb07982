package org.posttrade.operators.reconciliation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;

/**
 * Turns a venue's execution reports into effective fills: the one place where correction chains are resolved.
 * Keyed by venue/clOrdId, because a correction (TRADE_CORRECT) and a bust (TRADE_CANCEL) carry their order's
 * clOrdId and name the report they amend in execRefId, so every report of a chain, in any order, reaches the same
 * key. Both matchers downstream consume the resulting {@link EffectiveFill} versions and never see a correction.
 * <ul>
 *   <li>A correction or bust whose execRefId is unknown is parked until the report it names arrives; after
 *       {@code recon.correction.orphan-timeout} it opens an OTHER break on field execRefId, resolved when the
 *       report arrives. A correction of a correction chains to the same original.</li>
 *   <li>The effective fill is computed from the whole chain, so the result does not depend on arrival order: the
 *       terms are those of the deepest correction (ties: latest transactTime, then execId); any bust busts it.</li>
 *   <li>The same execId again with identical content is dropped and counted ({@code duplicatesDropped}); with
 *       different content it opens DUPLICATE_CONFLICT (field execution) and the first report stands.</li>
 *   <li>Reports other than TRADE, TRADE_CORRECT and TRADE_CANCEL are not fills and are ignored (counted).</li>
 * </ul>
 * Main output: {@link EffectiveFill} versions; side outputs: {@link ReconciliationOutputs#BREAKS} and
 * {@link ReconciliationOutputs#LIFECYCLE} (FILLED, CORRECTED, BUSTED). An order's reports are kept for
 * {@code recon.fill.retention} after its last report (event time), then cleared.
 */
public class FillNormalizer extends KeyedProcessFunction<String, Sourced<ExecutionReport>, EffectiveFill> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "recon-fill-normalizer";
    public static final String NAME = "Reconciliation: effective fills (corrections, busts, duplicates)";
    public static final KeySelector<Sourced<ExecutionReport>, String> KEY = new OrderKey();

    static final String ORPHAN_FIELD = "execRefId";
    static final String DUPLICATE_FIELD = "execution";

    /** venue/clOrdId of an execution report. */
    public static final class OrderKey implements KeySelector<Sourced<ExecutionReport>, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Sourced<ExecutionReport> report) {
            return report.getValue().getVenue() + "/" + report.getValue().getClOrdId();
        }
    }

    private final ReconciliationConfig config;

    private transient MapState<String, SeenReport> reports;
    private transient MapState<String, List<String>> parked;
    private transient MapState<String, List<String>> chains;
    private transient ValueState<Long> lastActivity;
    private transient ValueState<Long> timer;
    private transient BreakBook breaks;
    private transient Counter duplicatesDropped;
    private transient Counter conflictingDuplicates;
    private transient Counter ignoredReports;
    private transient Counter parkedReports;

    public FillNormalizer(ReconciliationConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        reports = getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("reportsByExecId", Types.STRING, TypeInformation.of(SeenReport.class)), config));
        parked = getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("parkedByExecRefId", Types.STRING, Types.LIST(Types.STRING)), config));
        chains = getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("chainMembersByOriginalExecId", Types.STRING, Types.LIST(Types.STRING)), config));
        lastActivity = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("lastReportTime", Types.LONG), config));
        timer = getRuntimeContext().getState(States.withTtl(new ValueStateDescriptor<>("timer", Types.LONG), config));
        breaks = new BreakBook(getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("breaks", Types.STRING, TypeInformation.of(BreakEntry.class)), config)), config);
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped", new SimpleCounter());
        conflictingDuplicates = getRuntimeContext().getMetricGroup().counter("conflictingDuplicates", new SimpleCounter());
        ignoredReports = getRuntimeContext().getMetricGroup().counter("nonFillReportsIgnored", new SimpleCounter());
        parkedReports = getRuntimeContext().getMetricGroup().counter("correctionsParked", new SimpleCounter());
    }

    /** Exact duplicates dropped so far by this instance (also the metric {@code duplicatesDropped}). */
    public long duplicatesDropped() {
        return duplicatesDropped.getCount();
    }

    @Override
    public void processElement(Sourced<ExecutionReport> in, Context ctx, Collector<EffectiveFill> out) throws Exception {
        ExecutionReport r = in.getValue();
        if (r.getExecType() != ExecType.TRADE && r.getExecType() != ExecType.TRADE_CORRECT
                && r.getExecType() != ExecType.TRADE_CANCEL) {
            ignoredReports.inc();
            return;
        }
        EvidenceRef evidence = in.evidence(r.getEventId());
        long time = r.getTransactTime().toEpochMilli();
        SeenReport existing = reports.get(r.getExecId());
        if (existing != null) {
            if (Reports.sameContent(existing.getReport(), r)) {
                duplicatesDropped.inc();
                return;
            }
            conflictingDuplicates.inc();
            emit(ctx, breaks.raise(Finding.of(BreakType.DUPLICATE_CONFLICT, matchKey(r), DUPLICATE_FIELD)
                    .on(r.getVenue(), r.getAccount(), r.getInstrument().getSymbol())
                    .values(Reports.describe(existing.getReport()), Reports.describe(r), null)
                    .description("Execution report " + r.getEventId() + " arrived again with different content; "
                            + "the first copy stands.")
                    .evidence(Evidence.of(existing.getEvidence(), evidence)), time));
        } else {
            SeenReport seen = new SeenReport(r, evidence, null);
            Set<String> changed = new TreeSet<>();
            if (r.getExecType() == ExecType.TRADE) {
                attach(seen, r.getExecId(), time, changed, ctx);
            } else {
                SeenReport named = reports.get(r.getExecRefId());
                if (named != null && named.getRoot() != null) {
                    attach(seen, named.getRoot(), time, changed, ctx);
                } else {
                    park(seen);
                }
            }
            for (String root : changed) {
                emitFill(root, ctx, out);
            }
        }
        Long last = lastActivity.value();
        lastActivity.update(last == null ? time : Math.max(last, time));
        advance(ctx.timerService().currentWatermark(), ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EffectiveFill> out) throws Exception {
        Timers.fired(timer, timestamp);
        advance(timestamp, ctx);
    }

    private void attach(SeenReport seen, String root, long time, Set<String> changed, Context ctx) throws Exception {
        ExecutionReport r = seen.getReport();
        seen.setRoot(root);
        reports.put(r.getExecId(), seen);
        List<String> members = chains.get(root);
        members = members == null ? new ArrayList<>() : new ArrayList<>(members);
        members.add(r.getExecId());
        chains.put(root, members);
        changed.add(root);
        if (r.getExecType() != ExecType.TRADE) {
            emit(ctx, breaks.resolve(BreakType.OTHER, matchKey(r), ORPHAN_FIELD, time, List.of(seen.getEvidence()),
                    "the report it names arrived"));
        }
        // reports parked on this one can now be chained, and so can reports parked on them
        List<String> waiting = parked.get(r.getExecId());
        if (waiting != null) {
            parked.remove(r.getExecId());
            for (String execId : waiting) {
                attach(reports.get(execId), root, time, changed, ctx);
            }
        }
    }

    private void park(SeenReport seen) throws Exception {
        parkedReports.inc();
        ExecutionReport r = seen.getReport();
        reports.put(r.getExecId(), seen);
        List<String> waiting = parked.get(r.getExecRefId());
        waiting = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
        waiting.add(r.getExecId());
        parked.put(r.getExecRefId(), waiting);
    }

    private void emitFill(String root, Context ctx, Collector<EffectiveFill> out) throws Exception {
        List<SeenReport> chain = new ArrayList<>();
        for (String execId : chains.get(root)) {
            chain.add(reports.get(execId));
        }
        SeenReport original = reports.get(root);
        boolean busted = false;
        int corrections = 0;
        long changeTime = Long.MIN_VALUE;
        SeenReport terms = null;
        Comparator<SeenReport> precedence = Comparator.<SeenReport>comparingInt(this::depth)
                .thenComparing(s -> s.getReport().getTransactTime())
                .thenComparing(s -> s.getReport().getExecId());
        List<EvidenceRef> evidence = new ArrayList<>();
        for (SeenReport s : chain) {
            ExecutionReport r = s.getReport();
            evidence.add(s.getEvidence());
            changeTime = Math.max(changeTime, r.getTransactTime().toEpochMilli());
            if (r.getExecType() == ExecType.TRADE_CANCEL) {
                busted = true;
                continue;
            }
            if (r.getExecType() == ExecType.TRADE_CORRECT) {
                corrections++;
            }
            if (terms == null || precedence.compare(s, terms) > 0) {
                terms = s;
            }
        }
        ExecutionReport o = original.getReport();
        ExecutionReport t = terms.getReport();
        EffectiveFill fill = new EffectiveFill();
        fill.setVenue(o.getVenue());
        fill.setClOrdId(o.getClOrdId());
        fill.setExecId(o.getExecId());
        fill.setEffectiveExecId(t.getExecId());
        fill.setOrderId(o.getOrderId());
        fill.setAccount(t.getAccount());
        fill.setInstrument(o.getInstrument());
        fill.setSide(t.getSide());
        fill.setQuantity(busted ? Decimals.ZERO : t.getLastQty());
        fill.setPrice(t.getLastPx());
        fill.setCommission(busted ? Decimals.ZERO : Decimal.orZero(t.getCommission()));
        fill.setCommissionAsset(t.getCommissionAsset());
        fill.setExecutionTime(o.getTransactTime().toEpochMilli());
        fill.setChangeTime(changeTime);
        fill.setBusted(busted);
        fill.setVersion(chain.size());
        fill.setCorrections(corrections);
        fill.setEvidence(Evidence.merge(evidence));
        out.collect(fill);
        LifecycleState state = busted ? LifecycleState.BUSTED
                : corrections > 0 ? LifecycleState.CORRECTED : LifecycleState.FILLED;
        ctx.output(ReconciliationOutputs.LIFECYCLE, Lifecycle.ofFill(fill, Lifecycle.STEP_FILL, state, changeTime,
                ctx.timerService().currentProcessingTime(), fill.getEvidence()));
    }

    /** Number of amendments between a chained report and its original. */
    private int depth(SeenReport s) {
        try {
            int depth = 0;
            ExecutionReport r = s.getReport();
            while (r.getExecType() != ExecType.TRADE) {
                r = reports.get(r.getExecRefId()).getReport();
                depth++;
            }
            return depth;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the correction chain of " + s.getReport().getExecId(), e);
        }
    }

    /** Opens orphan breaks and ages breaks due by {@code now}, clears the order after its retention, reschedules. */
    private void advance(long now, Context ctx) throws Exception {
        Long next = null;
        List<SeenReport> waiting = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : parked.entries()) {
            for (String execId : e.getValue()) {
                waiting.add(reports.get(execId));
            }
        }
        waiting.sort(Comparator.comparing(s -> s.getReport().getExecId()));
        for (SeenReport s : waiting) {
            ExecutionReport r = s.getReport();
            if (breaks.isUnresolved(BreakType.OTHER, matchKey(r), ORPHAN_FIELD)) {
                continue;
            }
            long due = r.getTransactTime().toEpochMilli() + config.orphanTimeout(r.getVenue()).toMillis();
            if (due <= now) {
                emit(ctx, breaks.raise(Finding.of(BreakType.OTHER, matchKey(r), ORPHAN_FIELD)
                        .on(r.getVenue(), r.getAccount(), r.getInstrument().getSymbol())
                        .values(r.getExecRefId(), "none", null)
                        .description(r.getExecType() + " " + r.getExecId() + " names execution " + r.getExecRefId()
                                + ", which has not arrived within " + config.orphanTimeout(r.getVenue())
                                + "; it is parked until it does.")
                        .evidence(List.of(s.getEvidence())), due));
            } else {
                next = Timers.earliest(next, due);
            }
        }
        for (ReconciliationBreak b : breaks.age(now)) {
            emit(ctx, b);
        }
        next = Timers.earliest(next, breaks.nextAgeing());
        Long last = lastActivity.value();
        if (last != null) {
            long retainUntil = last + config.fillRetention().toMillis();
            if (retainUntil <= now) {
                clear(ctx);
                return;
            }
            next = Timers.earliest(next, retainUntil);
        }
        Timers.reschedule(timer, ctx.timerService(), next, now);
    }

    private void clear(Context ctx) throws Exception {
        Timers.cancel(timer, ctx.timerService());
        reports.clear();
        parked.clear();
        chains.clear();
        lastActivity.clear();
        breaks.clear();
    }

    private static void emit(Context ctx, ReconciliationBreak b) {
        if (b != null) {
            ctx.output(ReconciliationOutputs.BREAKS, b);
        }
    }

    static String matchKey(ExecutionReport r) {
        return r.getVenue() + "/" + r.getInstrument().getSymbol() + "/" + r.getExecId();
    }
}
