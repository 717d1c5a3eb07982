package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.Side;

/** Fills, marks and a harness rig running FillVersions → InstrumentPositions and AssetBalances without a cluster. */
final class PositionFixtures {
    static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    private PositionFixtures() {}

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    static PositionFill fill(String id, Side side, String qty, String px, String fee, String feeAsset, long time) {
        return fill("ACC-1", "BTC-USDT", id, side, qty, px, fee, feeAsset, time);
    }

    static PositionFill fill(String account, String symbol, String id, Side side, String qty, String px, String fee,
                             String feeAsset, long time) {
        String[] assets = symbol.split("-");
        return new PositionFill("BINANCE/" + id, 1, "BINANCE", account, symbol, assets[0], assets[1], side, d(qty),
                d(px), d(fee), d(fee).signum() == 0 ? null : feeAsset, time, List.of());
    }

    static MarkPoint mark(String symbol, String price, long time) {
        String[] assets = symbol.split("-");
        return new MarkPoint(symbol, assets[0], assets[1], d(price), time, false,
                EvidenceRef.newBuilder().setEventType("MarkPrice").setEventId("IDX/" + symbol + "/" + time).build());
    }

    /** An EffectiveFill version as FillNormalizer emits it. */
    static EffectiveFill effective(String account, String symbol, String execId, int version, boolean busted,
                                   Side side, String qty, String px, String fee, String feeAsset, long time) {
        String[] assets = symbol.split("-");
        EffectiveFill f = new EffectiveFill();
        f.setVenue("BINANCE");
        f.setClOrdId("C-" + execId);
        f.setExecId(execId);
        f.setEffectiveExecId(execId + (version > 1 ? "-v" + version : ""));
        f.setOrderId("O-" + execId);
        f.setAccount(account);
        f.setInstrument(new Instrument(symbol, assets[0], assets[1]));
        f.setSide(side);
        f.setQuantity(busted ? BigDecimal.ZERO : d(qty));
        f.setPrice(d(px));
        f.setCommission(busted ? BigDecimal.ZERO : d(fee));
        f.setCommissionAsset(feeAsset);
        f.setExecutionTime(time);
        f.setChangeTime(time + version - 1);
        f.setBusted(busted);
        f.setVersion(version);
        f.setEvidence(new ArrayList<>(List.of(EvidenceRef.newBuilder().setEventType("ExecutionReport")
                .setEventId("BINANCE/" + execId + "/" + version).build())));
        return f;
    }

    /** FillVersions feeding InstrumentPositions and AssetBalances, as the pipeline wires them. */
    static final class Rig implements AutoCloseable {
        final KeyedOneInputStreamOperatorTestHarness<String, EffectiveFill, PositionDelta> versions;
        final KeyedBroadcastOperatorTestHarness<String, PositionDelta, MarkPoint, PositionUpdate> instruments;
        final KeyedBroadcastOperatorTestHarness<String, AssetMovement, MarkPoint, PositionUpdate> assets;
        final List<PositionUpdate> updates = new ArrayList<>();
        final List<VenueBalance> venueBalances = new ArrayList<>();

        Rig(PositionsConfig config) throws Exception {
            versions = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FillVersions(config), FillVersions.KEY,
                    Types.STRING);
            instruments = broadcast(new InstrumentPositions(config), InstrumentPositions.KEY);
            assets = broadcast(new AssetBalances(config), AssetBalances.KEY);
        }

        private static <I> KeyedBroadcastOperatorTestHarness<String, I, MarkPoint, PositionUpdate> broadcast(
                KeyedBroadcastProcessFunction<String, I, MarkPoint, PositionUpdate> fn,
                org.apache.flink.api.java.functions.KeySelector<I, String> key) throws Exception {
            return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(fn, key, Types.STRING,
                    PositionOutputs.MARKS);
        }

        void fill(EffectiveFill f) throws Exception {
            long ts = f.getChangeTime();
            int deltasBefore = versions.extractOutputValues().size();
            int movesBefore = sideSize();
            versions.processElement(f, ts);
            List<PositionDelta> deltas = versions.extractOutputValues();
            for (PositionDelta d : deltas.subList(deltasBefore, deltas.size())) {
                instruments.processElement(d, ts);
            }
            List<AssetMovement> moves = movements();
            for (AssetMovement m : moves.subList(movesBefore, moves.size())) {
                assets.processElement(m, ts);
            }
            collect();
        }

        /** Processing time of the three operators (compaction reads it). */
        void processingTime(long time) throws Exception {
            versions.setProcessingTime(time);
            instruments.setProcessingTime(time);
            assets.setProcessingTime(time);
        }

        void mark(MarkPoint m) throws Exception {
            instruments.processBroadcastElement(m, m.priceTime());
            assets.processBroadcastElement(m, m.priceTime());
        }

        void watermark(long time) throws Exception {
            instruments.processWatermark(time);
            instruments.processBroadcastWatermark(time);
            assets.processWatermark(time);
            assets.processBroadcastWatermark(time);
            collect();
        }

        private int sideSize() {
            return movements().size();
        }

        private List<AssetMovement> movements() {
            List<AssetMovement> out = new ArrayList<>();
            var side = versions.getSideOutput(PositionOutputs.ASSET_MOVEMENTS);
            if (side != null) {
                side.forEach(r -> out.add(r.getValue()));
            }
            return out;
        }

        private final Map<String, Integer> seen = new LinkedHashMap<>();

        private void collect() {
            updates.clear();
            updates.addAll(instruments.extractOutputValues());
            updates.addAll(assets.extractOutputValues());
            venueBalances.clear();
            var side = assets.getSideOutput(PositionOutputs.VENUE_BALANCES);
            if (side != null) {
                side.forEach(r -> venueBalances.add(r.getValue()));
            }
        }

        /** The highest version of each position key. */
        Map<String, PositionUpdate> latest() {
            Map<String, PositionUpdate> out = new java.util.TreeMap<>();
            for (PositionUpdate u : updates) {
                PositionUpdate cur = out.get(u.getPositionKey());
                if (cur == null || cur.getVersion() < u.getVersion()) {
                    out.put(u.getPositionKey(), u);
                }
            }
            return out;
        }

        List<PositionUpdate> updatesOf(String key) {
            return updates.stream().filter(u -> u.getPositionKey().equals(key)).toList();
        }

        @Override
        public void close() throws Exception {
            versions.close();
            instruments.close();
            assets.close();
        }
    }
}
