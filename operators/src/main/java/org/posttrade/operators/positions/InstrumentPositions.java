package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.PositionUpdate;

/**
 * Instrument positions, keyed by ACCOUNT/INSTRUMENT: applies {@link PositionDelta}s (each fill version once, see
 * {@link FillVersions}) to a {@link PositionBook} under the account's cost method, and values it with the price
 * graph, which every instance holds in broadcast state ({@link PositionOutputs#MARKS}).
 *
 * <p>Why broadcast: a mark must reach every position it values (BTC-USD values every ETH-BTC and BTC-USD
 * position of every account, and converts every BTC-quoted P&L to USD), and there are few marks (one per symbol)
 * but many positions. Broadcasting the marks keeps the fills on a single keyBy and lets each position read the
 * whole graph; the marks are not fanned out per position. A mark only updates the graph; positions re-mark
 * themselves on event-time timers at multiples of {@code positions.remark.interval}, and publish only when their
 * valuation changed: at most one price-driven update per key per interval, however fast prices tick. Fills
 * publish at once. Flat positions are not re-marked (their unrealized P&L is zero); their reporting amounts
 * are refreshed by their next fill.
 *
 * <p>Fills are folded in execution-time order. A fill that comes after all others is folded onto the cached
 * book; anything else (late fill, correction, bust) replays the position from its fills, so the result never
 * depends on arrival order. Versions: +1 per update of the key, from 1. State has no TTL: a position lives as
 * long as its account holds it.
 *
 * <p>Compaction keeps that state bounded: fills applied more than {@code positions.fill.compact-after} ago
 * (processing time, at least {@code positions.fill.retention}, so {@link FillVersions} has forgotten them and will
 * send neither their reversal nor a replacement) are folded, as a prefix of the execution-time order, into a
 * compacted book that replays start from. Compaction never changes the position: the compacted book followed by
 * the live fills is the book of all fills. A fill with a pending fee conversion stops the prefix, so its fee can
 * still be converted. A fill that arrives after fills executed later than it were compacted is folded after them
 * (counted as {@code fillsBehindCompaction}).
 */
public class InstrumentPositions
        extends KeyedBroadcastProcessFunction<String, PositionDelta, MarkPoint, PositionUpdate> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "positions-instrument";
    public static final String NAME = "Positions: per account and instrument (P&L, marks)";
    public static final KeySelector<PositionDelta, String> KEY = new DeltaKey();
    public static final TypeInformation<PositionUpdate> TYPE = TypeInformation.of(PositionUpdate.class);

    /** ACCOUNT/INSTRUMENT. */
    public static final class DeltaKey implements KeySelector<PositionDelta, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PositionDelta d) {
            return d.positionKey();
        }
    }

    private final PositionsConfig config;
    private transient MapState<String, AppliedFill> fills;
    private transient ValueState<PositionBook> book;
    private transient ValueState<PositionUpdate> published;
    private transient ValueState<PositionBook> compacted;
    private transient ValueState<Long> nextCompaction;
    private final Remarks remark;
    private transient Counter replays;
    private transient Counter remarks;
    private transient Counter unknownRemovals;
    private transient Counter compactedFills;
    private transient Counter fillsBehindCompaction;
    private transient long compactAfterMillis;

    public InstrumentPositions(PositionsConfig config) {
        this.config = config;
        this.remark = new Remarks("remarkTimer", config.remarkInterval());
    }

    @Override
    public void open(OpenContext openContext) {
        fills = getRuntimeContext().getMapState(new MapStateDescriptor<>("fillsById", Types.STRING,
                TypeInformation.of(AppliedFill.class)));
        book = getRuntimeContext().getState(new ValueStateDescriptor<>("book", TypeInformation.of(PositionBook.class)));
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", TYPE));
        compacted = getRuntimeContext().getState(new ValueStateDescriptor<>("compactedBook",
                TypeInformation.of(PositionBook.class)));
        nextCompaction = getRuntimeContext().getState(new ValueStateDescriptor<>("nextCompaction", Types.LONG));
        compactAfterMillis = config.compactAfter().toMillis();
        remark.open(getRuntimeContext());
        replays = getRuntimeContext().getMetricGroup().counter("positionReplays", new SimpleCounter());
        remarks = getRuntimeContext().getMetricGroup().counter("remarks", new SimpleCounter());
        unknownRemovals = getRuntimeContext().getMetricGroup().counter("unknownFillRemovals", new SimpleCounter());
        compactedFills = getRuntimeContext().getMetricGroup().counter("compactedFills", new SimpleCounter());
        fillsBehindCompaction = getRuntimeContext().getMetricGroup().counter("fillsBehindCompaction",
                new SimpleCounter());
    }

    @Override
    public void processElement(PositionDelta delta, ReadOnlyContext ctx, Collector<PositionUpdate> out) throws Exception {
        PriceGraph graph = Remarks.graph(config, ctx.getBroadcastState(PositionOutputs.MARKS));
        PositionBook current = book.value();
        if (current == null) {
            current = PositionBook.empty(config.costMethod(delta.account()));
        }
        long now = ctx.timerService().currentProcessingTime();
        AppliedFill existing = fills.get(delta.fillId());
        boolean replay;
        if (delta.removal()) {
            if (existing == null) {
                unknownRemovals.inc();
                return;
            }
            fills.remove(delta.fillId());
            replay = true;
        } else if (existing != null && existing.fill().sameTerms(delta.fill())) {
            // a version that changes nothing here (e.g. a correction of another field): keep it, publish nothing
            fills.put(delta.fillId(), AppliedFill.of(delta.fill(), existing.feeInQuote(), now));
            return;
        } else {
            AppliedFill applied = AppliedFill.of(delta.fill(), FeeConversion.toQuote(delta.fill(), graph), now);
            fills.put(delta.fillId(), applied);
            replay = existing != null || !current.appendable(delta.fill());
            if (!replay) {
                current = current.apply(applied);
            } else if (behindCompaction(delta.fill())) {
                fillsBehindCompaction.inc();
            }
        }
        if (replay || current.pendingFees() > 0) {
            current = replay(delta.account(), graph);
        }
        book.update(current);
        publish(delta.account(), delta.symbol(), delta.baseAsset(), delta.quoteAsset(), current, graph,
                delta.eventTime(), delta.evidence(), out);
        scheduleRemark(current, delta.eventTime(), ctx.timerService());
        compactIfDue(delta.account(), now);
    }

    @Override
    public void processBroadcastElement(MarkPoint mark, Context ctx, Collector<PositionUpdate> out) throws Exception {
        Remarks.update(ctx.getBroadcastState(PositionOutputs.MARKS), mark);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PositionUpdate> out) throws Exception {
        remark.fired();
        PositionBook current = book.value();
        PositionUpdate last = published.value();
        if (current == null || last == null) {
            return;
        }
        PriceGraph graph = Remarks.graph(config, ctx.getBroadcastState(PositionOutputs.MARKS));
        if (current.pendingFees() > 0) {
            PositionBook converted = replay(last.getAccount(), graph);
            if (converted.pendingFees() < current.pendingFees()) {
                current = converted;
                book.update(current);
            }
        }
        String account = last.getAccount();
        Valuation v = Valuation.of(current, last.getAsset(), last.getQuoteAsset(), graph, config.reportingCurrency(),
                timestamp, config.staleAfter());
        if (!unchanged(current, v, last)) {
            remarks.inc();
            publish(account, last.getInstrument(), last.getAsset(), last.getQuoteAsset(), current, graph,
                    Math.max(timestamp, v.newestMarkTime()), List.of(), out);
        }
        scheduleRemark(current, timestamp, ctx.timerService());
    }

    /**
     * Replays the position from its fills under the account's configured cost method (a changed method applies
     * from the next replay), converting fees that still wait for a price.
     */
    private PositionBook replay(String account, PriceGraph graph) throws Exception {
        replays.inc();
        List<AppliedFill> all = new ArrayList<>();
        for (Map.Entry<String, AppliedFill> e : fills.entries()) {
            AppliedFill a = e.getValue();
            if (a.feePending()) {
                BigDecimal fee = FeeConversion.toQuote(a.fill(), graph);
                if (fee != null) {
                    a = a.withFee(fee);
                    fills.put(e.getKey(), a);
                }
            }
            all.add(a);
        }
        PositionBook base = compacted.value();
        return (base == null ? PositionBook.empty(config.costMethod(account)) : base).replayOnto(all);
    }

    /** Whether {@code fill} sorts before fills already compacted (only a fill that needs a replay can). */
    private boolean behindCompaction(PositionFill fill) throws Exception {
        PositionBook base = compacted.value();
        return base != null && !base.appendable(fill);
    }

    /** At most one compaction pass per key per {@code positions.fill.compact-after}, checked on its fills. */
    private void compactIfDue(String account, long now) throws Exception {
        long after = compactAfterMillis;
        if (after == 0) {
            return;
        }
        Long due = nextCompaction.value();
        if (due == null) {
            nextCompaction.update(now + after);
        } else if (now >= due) {
            nextCompaction.update(compact(account, now, after));
        }
    }

    /**
     * Folds the longest prefix (execution-time order) of fills applied at least {@code after} ago into the
     * compacted book. Returns when the next pass is due: when the first fill left is old enough, at the latest
     * {@code after} from now.
     */
    private long compact(String account, long now, long after) throws Exception {
        List<AppliedFill> live = new ArrayList<>();
        for (AppliedFill a : fills.values()) {
            live.add(a);
        }
        live.sort(Comparator.comparing(a -> a.fill().orderKey()));
        PositionBook base = compacted.value();
        if (base == null) {
            base = PositionBook.empty(config.costMethod(account));
        }
        int folded = 0;
        long next = now + after;
        for (AppliedFill a : live) {
            if (a.feePending()) {
                break;
            }
            if (a.appliedAt() > now - after) {
                next = a.appliedAt() + after;
                break;
            }
            base = base.fold(a);
            fills.remove(a.fill().fillId());
            folded++;
        }
        if (folded > 0) {
            compacted.update(base);
            compactedFills.inc(folded);
        }
        return next;
    }

    private void publish(String account, String symbol, String base, String quote, PositionBook current,
                         PriceGraph graph, long time, List<EvidenceRef> evidence, Collector<PositionUpdate> out)
            throws Exception {
        PositionUpdate last = published.value();
        long version = last == null ? 1 : last.getVersion() + 1;
        long asOf = last == null ? time : Math.max(time, last.getAsOf().toEpochMilli());
        Valuation v = Valuation.of(current, base, quote, graph, config.reportingCurrency(), asOf, config.staleAfter());
        PositionUpdate update = PositionUpdates.instrument(account, symbol, base, quote, current, v,
                config.reportingCurrency(), version, asOf, evidence);
        published.update(update);
        out.collect(update);
    }

    /** Whether the last update already shows this valuation (and these fees): nothing to re-mark. */
    private static boolean unchanged(PositionBook current, Valuation v, PositionUpdate last) {
        return Remarks.sameValuation(v, last) && Amounts.same(Amounts.out(current.fees()), last.getFees());
    }

    /** One timer per open position (or one whose fees wait for a price), see {@link Remarks#schedule}. */
    private void scheduleRemark(PositionBook current, long time, TimerService timers) throws Exception {
        remark.schedule(!current.flat() || current.pendingFees() > 0, time, timers);
    }
}
