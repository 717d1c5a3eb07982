package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.contracts.Decimals;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Side;

/**
 * Clearing: nets the effective fills of a venue and account per asset and settlement cycle, and at each cycle's
 * cut-off (event time) emits one {@link Obligation} per asset with a non-zero net. Keyed by venue/account, so a fill
 * version replaces its previous version exactly once across all the assets it touches (base, quote, fee asset).
 * <ul>
 *   <li>A fill belongs to the cycle of its original transactTime ({@code executionTime}); BUY: +qty base, -qty*price
 *       quote; SELL the opposite; the commission is -fee in its asset. A busted fill nets nothing.</li>
 *   <li>Every effective fill is netted, venue-confirmed or not: a venue settles what it executed, and confirmation
 *       breaks are reconciliation's business (operators/SETTLEMENT.md, decisions).</li>
 *   <li>A fill version that arrives after its cycle's cut-off but within {@code settlement.amendment.window} amends
 *       the cycle's obligations (revision + 1, emitted at once); later ones are counted ({@code lateFillsIgnored}).</li>
 * </ul>
 */
public class ObligationNetter extends KeyedProcessFunction<String, EffectiveFill, Obligation> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "settlement-obligation-netter";
    public static final String NAME = "Settlement: net obligations per venue/account/asset/cycle";
    public static final KeySelector<EffectiveFill, String> KEY = new VenueAccountKey();

    /** venue/account of a fill. */
    public static final class VenueAccountKey implements KeySelector<EffectiveFill, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(EffectiveFill fill) {
            return fill.getVenue() + "/" + fill.getAccount();
        }
    }

    private final SettlementConfig config;

    private transient MapState<String, NettedFill> fills;
    private transient MapState<Long, Long> cycles;
    private transient MapState<String, Integer> revisions;
    private transient Counter staleVersions;
    private transient Counter lateFillsIgnored;
    private transient Counter amendments;

    public ObligationNetter(SettlementConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        fills = getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "nettedFillsByTradeKey", Types.STRING, TypeInformation.of(NettedFill.class)), config));
        cycles = getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "cutoffByCycleStart", Types.LONG, Types.LONG), config));
        revisions = getRuntimeContext().getMapState(SettlementStates.withTtl(new MapStateDescriptor<>(
                "revisionByInstructionId", Types.STRING, Types.INT), config));
        staleVersions = getRuntimeContext().getMetricGroup().counter("staleFillVersionsIgnored", new SimpleCounter());
        lateFillsIgnored = getRuntimeContext().getMetricGroup().counter("lateFillsIgnored", new SimpleCounter());
        amendments = getRuntimeContext().getMetricGroup().counter("obligationsAmended", new SimpleCounter());
    }

    @Override
    public void processElement(EffectiveFill fill, Context ctx, Collector<Obligation> out) throws Exception {
        String tradeKey = fill.tradeKey();
        NettedFill previous = fills.get(tradeKey);
        if (previous != null && previous.getVersion() >= fill.getVersion()) {
            staleVersions.inc();
            return;
        }
        SettlementConfig.Cycle cycle = config.cycle(fill.getVenue(), fill.getExecutionTime());
        long watermark = ctx.timerService().currentWatermark();
        long window = config.amendmentWindow().toMillis();
        boolean cutOff = cycle.cutoff() <= watermark;
        if (cutOff && cycle.cutoff() + window <= watermark) {
            // the cycle was netted and its fills forgotten (past the amendment window): the instruction stands
            lateFillsIgnored.inc();
            return;
        }
        List<Leg> legs = legs(fill);
        fills.put(tradeKey, new NettedFill(cycle.start(), cycle.cutoff(), fill.getVersion(), legs,
                Evidence.merge(fill.getEvidence())));
        if (!cycles.contains(cycle.start())) {
            cycles.put(cycle.start(), cycle.cutoff());
            // a cycle first seen after its cut-off is netted now (below) and only needs forgetting later
            ctx.timerService().registerEventTimeTimer(cutOff ? cycle.cutoff() + window : cycle.cutoff());
        }
        if (cutOff) {
            Set<String> assets = new TreeSet<>();
            legs.forEach(l -> assets.add(l.getAsset()));
            if (previous != null) {
                previous.getLegs().forEach(l -> assets.add(l.getAsset()));
            }
            amendments.inc();
            net(ctx.getCurrentKey(), cycle, assets, true, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Obligation> out) throws Exception {
        List<Map.Entry<Long, Long>> due = new ArrayList<>();
        for (Map.Entry<Long, Long> e : cycles.entries()) {
            due.add(Map.entry(e.getKey(), e.getValue()));
        }
        long window = config.amendmentWindow().toMillis();
        String venue = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('/'));
        for (Map.Entry<Long, Long> e : due) {
            SettlementConfig.Cycle cycle = new SettlementConfig.Cycle(venue, e.getKey(), e.getValue());
            if (cycle.cutoff() == timestamp) {
                net(ctx.getCurrentKey(), cycle, null, false, out);
                if (window > 0) {
                    ctx.timerService().registerEventTimeTimer(cycle.cutoff() + window);
                }
            }
            if (cycle.cutoff() <= timestamp && cycle.cutoff() + window <= timestamp) {
                forget(cycle);
            }
        }
    }

    /**
     * Emits the obligations of a cycle: on the cut-off every non-zero net (revision 1); on an amendment the given
     * assets, with the next revision (a net that became zero is emitted as zero, so the instruction is withdrawn).
     */
    private void net(String key, SettlementConfig.Cycle cycle, Set<String> only, boolean amend,
                     Collector<Obligation> out) throws Exception {
        String venue = cycle.venue();
        String account = key.substring(venue.length() + 1);
        Map<String, BigDecimal> nets = new TreeMap<>();
        Map<String, Set<String>> trades = new TreeMap<>();
        Map<String, List<EvidenceRef>> evidence = new TreeMap<>();
        for (Map.Entry<String, NettedFill> e : fills.entries()) {
            NettedFill f = e.getValue();
            if (f.getCycleStart() != cycle.start()) {
                continue;
            }
            for (Leg leg : f.getLegs()) {
                nets.merge(leg.getAsset(), leg.getAmount(), BigDecimal::add);
                trades.computeIfAbsent(leg.getAsset(), a -> new TreeSet<>()).add(e.getKey());
                evidence.computeIfAbsent(leg.getAsset(), a -> new ArrayList<>()).addAll(f.getEvidence());
            }
        }
        Set<String> assets = only != null ? only : nets.keySet();
        for (String asset : assets) {
            BigDecimal net = nets.getOrDefault(asset, BigDecimal.ZERO);
            String instructionId = venue + "/" + account + "/" + asset + "/" + cycle.id();
            Integer revision = revisions.get(instructionId);
            if (revision == null && net.signum() == 0) {
                continue;
            }
            int next = revision == null ? 1 : revision + 1;
            revisions.put(instructionId, next);
            Obligation o = new Obligation();
            o.setInstructionId(instructionId);
            o.setRevision(next);
            o.setVenue(venue);
            o.setAccount(account);
            o.setAsset(asset);
            o.setCounterparty(config.counterparty(venue));
            o.setCycleId(cycle.id());
            o.setCycleStart(cycle.start());
            o.setCutoff(cycle.cutoff());
            o.setDeadline(cycle.cutoff() + config.deadline(venue).toMillis());
            o.setNetAmount(Decimals.rounded(net));
            o.setTradeKeys(new ArrayList<>(trades.getOrDefault(asset, Set.of())));
            o.setEvidence(Evidence.merge(evidence.getOrDefault(asset, List.of())));
            out.collect(o);
        }
    }

    private void forget(SettlementConfig.Cycle cycle) throws Exception {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, NettedFill> e : fills.entries()) {
            if (e.getValue().getCycleStart() == cycle.start()) {
                done.add(e.getKey());
            }
        }
        for (String k : done) {
            fills.remove(k);
        }
        cycles.remove(cycle.start());
        List<String> issued = new ArrayList<>();
        for (String id : revisions.keys()) {
            if (id.endsWith("/" + cycle.id())) {
                issued.add(id);
            }
        }
        for (String id : issued) {
            revisions.remove(id);
        }
    }

    /** What the fill moves per asset: base and quote legs by side, the commission paid; none when busted. */
    static List<Leg> legs(EffectiveFill fill) {
        if (fill.isBusted() || fill.getQuantity() == null || fill.getQuantity().signum() == 0) {
            return new ArrayList<>();
        }
        Map<String, BigDecimal> amounts = new TreeMap<>();
        BigDecimal base = fill.getSide() == Side.BUY ? fill.getQuantity() : fill.getQuantity().negate();
        amounts.merge(fill.getInstrument().getBaseAsset(), base, BigDecimal::add);
        amounts.merge(fill.getInstrument().getQuoteAsset(), base.negate().multiply(fill.getPrice()), BigDecimal::add);
        if (fill.getCommission() != null && fill.getCommission().signum() != 0 && fill.getCommissionAsset() != null) {
            amounts.merge(fill.getCommissionAsset(), fill.getCommission().negate(), BigDecimal::add);
        }
        List<Leg> legs = new ArrayList<>();
        amounts.forEach((asset, amount) -> legs.add(new Leg(asset, amount)));
        return legs;
    }
}
