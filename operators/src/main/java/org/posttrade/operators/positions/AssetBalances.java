package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.List;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.PositionUpdate;

/**
 * Asset balances, keyed by ACCOUNT/ASSET: the sum of the {@link AssetMovement}s of every fill version applied
 * (base and quote legs and fees, in whatever asset they were paid), in total (a PositionUpdate of type ASSET,
 * valued at the asset's price in the reporting currency) and per venue (side output
 * {@link PositionOutputs#VENUE_BALANCES}, the exposure per venue). Sums do not depend on arrival order.
 *
 * <p>Like {@link InstrumentPositions}, a non-zero balance re-marks itself on an event-time timer at the next
 * multiple of {@code positions.remark.interval} ({@link Remarks}) and publishes only if its mark price or price
 * status changed: an ASSET row written before its asset had a price becomes OK once a mark arrives, and its price
 * follows the market at most once per interval. Flat balances are not re-marked.
 * Versions: +1 per published update of the key (ASSET row, movements and re-marks alike), +1 per update of the
 * venue's balance (VenueBalance).
 */
public class AssetBalances extends KeyedBroadcastProcessFunction<String, AssetMovement, MarkPoint, PositionUpdate> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "positions-asset";
    public static final String NAME = "Positions: per account and asset (balances per venue)";
    public static final KeySelector<AssetMovement, String> KEY = new MovementKey();

    /** ACCOUNT/ASSET. */
    public static final class MovementKey implements KeySelector<AssetMovement, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(AssetMovement m) {
            return m.positionKey();
        }
    }

    private final PositionsConfig config;
    private final Remarks remark;
    private transient MapState<String, VenueBalance> venues;
    private transient ValueState<AssetTotals> totals;
    private transient ValueState<PositionUpdate> published;
    private transient Counter remarks;

    public AssetBalances(PositionsConfig config) {
        this.config = config;
        this.remark = new Remarks("assetRemarkTimer", config.remarkInterval());
    }

    @Override
    public void open(OpenContext openContext) {
        venues = getRuntimeContext().getMapState(new MapStateDescriptor<>("balanceByVenue", Types.STRING,
                TypeInformation.of(VenueBalance.class)));
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals",
                TypeInformation.of(AssetTotals.class)));
        // added with re-marking (new names only: savepoints taken before it restore without them)
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("assetPublished",
                InstrumentPositions.TYPE));
        remark.open(getRuntimeContext());
        remarks = getRuntimeContext().getMetricGroup().counter("assetRemarks", new SimpleCounter());
    }

    @Override
    public void processElement(AssetMovement m, ReadOnlyContext ctx, Collector<PositionUpdate> out) throws Exception {
        // state keeps exact sums (products of quantity and price can have 36 places); outputs are rounded once
        VenueBalance venue = venues.get(m.venue());
        VenueBalance updatedVenue = new VenueBalance(m.venue(), m.account(), m.asset(),
                (venue == null ? BigDecimal.ZERO : venue.quantity()).add(m.amount()), null,
                venue == null ? 1 : venue.version() + 1,
                venue == null ? m.eventTime() : Math.max(m.eventTime(), venue.asOf()), m.evidence());
        venues.put(m.venue(), updatedVenue);
        ctx.output(PositionOutputs.VENUE_BALANCES, new VenueBalance(updatedVenue.venue(), updatedVenue.account(),
                updatedVenue.asset(), Amounts.out(updatedVenue.quantity()), null, updatedVenue.version(),
                updatedVenue.asOf(), updatedVenue.evidence()));

        AssetTotals last = totals.value();
        AssetTotals now = last == null
                ? new AssetTotals(m.amount(), m.fee(), 1, m.eventTime())
                : new AssetTotals(last.quantity().add(m.amount()), last.fees().add(m.fee()), last.version() + 1,
                        Math.max(m.eventTime(), last.asOf()));
        Valuation v = Valuation.ofAsset(m.asset(), Remarks.graph(config, ctx.getBroadcastState(PositionOutputs.MARKS)),
                config.reportingCurrency(), now.asOf(), config.staleAfter());
        publish(m.account(), m.asset(), now, v, m.evidence(), out);
        remark.schedule(now.quantity().signum() != 0, m.eventTime(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PositionUpdate> out) throws Exception {
        remark.fired();
        AssetTotals current = totals.value();
        PositionUpdate last = published.value();
        if (current == null || last == null || current.quantity().signum() == 0) {
            return; // flat: not re-marked (until a movement opens it again)
        }
        PriceGraph graph = Remarks.graph(config, ctx.getBroadcastState(PositionOutputs.MARKS));
        String asset = last.getAsset();
        Valuation at = Valuation.ofAsset(asset, graph, config.reportingCurrency(), timestamp, config.staleAfter());
        long asOf = Math.max(Math.max(timestamp, at.newestMarkTime()), current.asOf());
        Valuation v = Valuation.ofAsset(asset, graph, config.reportingCurrency(), asOf, config.staleAfter());
        if (!Remarks.sameValuation(v, last)) {
            remarks.inc();
            publish(last.getAccount(), asset,
                    new AssetTotals(current.quantity(), current.fees(), current.version() + 1, asOf), v, List.of(),
                    out);
        }
        remark.schedule(true, timestamp, ctx.timerService());
    }

    private void publish(String account, String asset, AssetTotals now, Valuation v, List<EvidenceRef> evidence,
                         Collector<PositionUpdate> out) throws Exception {
        totals.update(now);
        PositionUpdate update = PositionUpdates.asset(account, asset, now.quantity(), now.fees(),
                config.costMethod(account), v, config.reportingCurrency(), now.version(), now.asOf(), evidence);
        published.update(update);
        out.collect(update);
    }

    /** Exact totals of an asset balance and its last published version. */
    public record AssetTotals(BigDecimal quantity, BigDecimal fees, long version, long asOf) {}

    @Override
    public void processBroadcastElement(MarkPoint mark, Context ctx, Collector<PositionUpdate> out) throws Exception {
        Remarks.update(ctx.getBroadcastState(PositionOutputs.MARKS), mark);
    }
}
