package org.posttrade.operators.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.posttrade.operators.positions.PositionFixtures.T0;
import static org.posttrade.operators.positions.PositionFixtures.effective;
import static org.posttrade.operators.positions.PositionFixtures.mark;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.PositionType;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.PriceStatus;
import org.posttrade.schema.Side;

/** The operators through Flink's harnesses: versions, reversal, throttled re-marks, missing prices, state types. */
class PositionOperatorsTest {
    static final PositionsConfig CONFIG = PositionsConfig.fromProperties(Map.of(
            "positions.remark.interval", "1 min", "positions.reference-price.BNB-USDT", "600",
            "positions.cost-method.ACC-AVG", "AVERAGE_COST"));

    @Test
    void aMissingPriceIsNullAndMissingThenPriceTicksAreThrottledToOneUpdatePerInterval() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "2", "30000", "0.1", "BNB", T0));
            PositionUpdate first = rig.latest().get("ACC-1/BTC-USDT");
            assertThat(first.getVersion()).isEqualTo(1);
            assertThat(first.getMarkPrice()).isNull();
            assertThat(first.getUnrealizedPnl()).isNull();
            assertThat(first.getPriceStatus()).isEqualTo(PriceStatus.MISSING);
            assertThat(first.getFees()).isEqualByComparingTo("60"); // 0.1 BNB × 600 (reference price)

            // 120 ticks, one a second, over two minutes: at most one re-mark per key and minute
            for (int s = 1; s <= 120; s++) {
                rig.mark(mark("BTC-USDT", String.valueOf(30000 + s), T0 + s * 1000L));
                rig.mark(mark("USDT-USD", "0.9999", T0 + s * 1000L));
            }
            rig.watermark(T0 + 120_000);
            List<PositionUpdate> updates = rig.updatesOf("ACC-1/BTC-USDT");
            assertThat(updates).hasSizeBetween(2, 3);
            PositionUpdate last = updates.get(updates.size() - 1);
            assertThat(last.getVersion()).isEqualTo(updates.size());
            assertThat(last.getPriceStatus()).isEqualTo(PriceStatus.OK);
            assertThat(last.getUnrealizedPnl()).isEqualByComparingTo(
                    last.getMarkPrice().multiply(BigDecimal.valueOf(2)).subtract(new BigDecimal("60000")));
            // marks after the watermark are the latest the graph has when the timer fires: T0 + 120 s
            assertThat(last.getMarkPrice()).isEqualByComparingTo("30120");
            assertThat(last.getEvidence()).extracting(e -> e.getEventType()).contains("MarkPrice");
        }
    }

    @Test
    void aCorrectionReversesThePreviousVersionAndABustOnlyReverses() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "30", "USDT", T0));
            rig.fill(effective("ACC-1", "BTC-USDT", "E2", 1, false, Side.BUY, "1", "31000", "31", "USDT", T0 + 1));
            // correction of E1's price, then its replay (dropped), then a bust of E2
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 2, false, Side.BUY, "1", "29900", "30", "USDT", T0));
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "30", "USDT", T0));
            rig.fill(effective("ACC-1", "BTC-USDT", "E2", 2, true, Side.BUY, "0", "31000", "0", "USDT", T0 + 1));
            PositionUpdate p = rig.latest().get("ACC-1/BTC-USDT");
            assertThat(p.getQuantity()).isEqualByComparingTo("1");
            assertThat(p.getCostBasis()).isEqualByComparingTo("29900");
            assertThat(p.getFees()).isEqualByComparingTo("30");
            assertThat(p.getRealizedPnl()).isEqualByComparingTo("-30");
            assertThat(p.getVersion()).isEqualTo(4); // E1, E2, E1 v2, E2 bust: the replay published nothing

            Map<String, PositionUpdate> latest = rig.latest();
            assertThat(latest.get("ACC-1/BTC").getQuantity()).isEqualByComparingTo("1");
            assertThat(latest.get("ACC-1/BTC").getPositionType()).isEqualTo(PositionType.ASSET);
            assertThat(latest.get("ACC-1/USDT").getQuantity()).isEqualByComparingTo("-29930");
            assertThat(latest.get("ACC-1/USDT").getFees()).isEqualByComparingTo("30");
            assertThat(rig.venueBalances.get(rig.venueBalances.size() - 1).venue()).isEqualTo("BINANCE");
        }
    }

    @Test
    void aCorrectionThatMovesTheFillToAnotherAccountLeavesNothingBehind() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "0", "USDT", T0));
            rig.fill(effective("ACC-AVG", "BTC-USDT", "E1", 2, false, Side.BUY, "1", "30000", "0", "USDT", T0));
            Map<String, PositionUpdate> latest = rig.latest();
            assertThat(latest.get("ACC-1/BTC-USDT").getQuantity()).isEqualByComparingTo("0");
            assertThat(latest.get("ACC-AVG/BTC-USDT").getQuantity()).isEqualByComparingTo("1");
            assertThat(latest.get("ACC-AVG/BTC-USDT").getCostMethod()).isEqualTo(CostMethod.AVERAGE_COST);
            assertThat(latest.get("ACC-1/BTC").getQuantity()).isEqualByComparingTo("0");
        }
    }

    @Test
    void anAssetRowWrittenBeforeAnyMarkBecomesOkAfterAMarkAndATimer() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "2", "30000", "6", "USDT", T0));
            PositionUpdate first = rig.latest().get("ACC-1/BTC");
            assertThat(first.getPositionType()).isEqualTo(PositionType.ASSET);
            assertThat(first.getVersion()).isEqualTo(1);
            assertThat(first.getMarkPrice()).isNull();
            assertThat(first.getPriceStatus()).isEqualTo(PriceStatus.MISSING);

            rig.mark(mark("BTC-USD", "30500.5", T0 + 10_000));
            rig.mark(mark("USDT-USD", "0.9998", T0 + 10_000));
            rig.watermark(T0 + 59_999); // before the interval boundary: a mark alone publishes nothing
            assertThat(rig.updatesOf("ACC-1/BTC")).hasSize(1);

            rig.watermark(T0 + 60_000);
            PositionUpdate btc = rig.latest().get("ACC-1/BTC");
            assertThat(rig.updatesOf("ACC-1/BTC")).hasSize(2);
            assertThat(btc.getVersion()).isEqualTo(2);
            assertThat(btc.getPriceStatus()).isEqualTo(PriceStatus.OK);
            assertThat(btc.getMarkPrice()).isEqualByComparingTo("30500.5");
            assertThat(btc.getQuantity()).isEqualByComparingTo("2");
            assertThat(btc.getAsOf().toEpochMilli()).isEqualTo(T0 + 60_000);
            assertThat(btc.getEvidence()).extracting(e -> e.getEventId()).containsExactly("IDX/BTC-USD/" + (T0 + 10_000));
            PositionUpdate usdt = rig.latest().get("ACC-1/USDT");
            assertThat(usdt.getVersion()).isEqualTo(2);
            assertThat(usdt.getPriceStatus()).isEqualTo(PriceStatus.OK);
            assertThat(usdt.getMarkPrice()).isEqualByComparingTo("0.9998");
            assertThat(usdt.getQuantity()).isEqualByComparingTo("-60006");
            assertThat(usdt.getFees()).isEqualByComparingTo("6");

            // the next movement continues the versions of the key (+1 per published update)
            rig.fill(effective("ACC-1", "BTC-USDT", "E2", 1, false, Side.BUY, "1", "30000", "0", "USDT", T0 + 70_000));
            assertThat(rig.latest().get("ACC-1/BTC").getVersion()).isEqualTo(3);
            assertThat(rig.latest().get("ACC-1/BTC").getQuantity()).isEqualByComparingTo("3");
            assertThat(rig.updatesOf("ACC-1/BTC")).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void severalMarksWithinOneIntervalGiveOneAssetUpdate() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "0", "USDT", T0));
            for (int s = 1; s <= 50; s++) {
                rig.mark(mark("BTC-USD", String.valueOf(30000 + s), T0 + s * 1000L));
            }
            rig.watermark(T0 + 60_000);
            assertThat(rig.updatesOf("ACC-1/BTC")).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L);
            assertThat(rig.latest().get("ACC-1/BTC").getMarkPrice()).isEqualByComparingTo("30050");

            for (int s = 61; s <= 119; s++) {
                rig.mark(mark("BTC-USD", String.valueOf(30000 + s), T0 + s * 1000L));
            }
            rig.watermark(T0 + 120_000);
            List<PositionUpdate> btc = rig.updatesOf("ACC-1/BTC");
            assertThat(btc).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L, 3L);
            assertThat(btc.get(2).getMarkPrice()).isEqualByComparingTo("30119");
            assertThat(btc.get(2).getAsOf().toEpochMilli()).isEqualTo(T0 + 120_000);
        }
    }

    @Test
    void aFlatBalanceIsNotReMarked() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "3", "USDT", T0));
            rig.fill(effective("ACC-1", "BTC-USDT", "E2", 1, false, Side.SELL, "1", "30100", "3", "USDT", T0 + 1000));
            assertThat(rig.latest().get("ACC-1/BTC").getQuantity()).isEqualByComparingTo("0");
            rig.mark(mark("BTC-USD", "30200", T0 + 10_000));
            rig.mark(mark("USDT-USD", "1.0001", T0 + 10_000));
            rig.watermark(T0 + 180_000);
            // the flat BTC balance keeps its two fill versions; the open USDT balance (94) is re-marked once
            List<PositionUpdate> btc = rig.updatesOf("ACC-1/BTC");
            assertThat(btc).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L);
            assertThat(btc.get(1).getMarkPrice()).isNull();
            assertThat(btc.get(1).getPriceStatus()).isEqualTo(PriceStatus.MISSING);
            List<PositionUpdate> usdt = rig.updatesOf("ACC-1/USDT");
            assertThat(usdt).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L, 3L);
            assertThat(usdt.get(2).getQuantity()).isEqualByComparingTo("94");
            assertThat(usdt.get(2).getMarkPrice()).isEqualByComparingTo("1.0001");
            assertThat(usdt.get(2).getPriceStatus()).isEqualTo(PriceStatus.OK);
        }
    }

    @Test
    void anAssetRowIsNotRepublishedWhenItsValuationDidNotChange() throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(CONFIG)) {
            rig.mark(mark("BTC-USD", "30000", T0 - 1000));
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "0", "USDT", T0));
            assertThat(rig.latest().get("ACC-1/BTC").getPriceStatus()).isEqualTo(PriceStatus.OK);
            rig.mark(mark("BTC-USD", "30000.000", T0 + 30_000)); // a newer mark at the same price
            rig.watermark(T0 + 60_000);
            rig.watermark(T0 + 120_000);
            assertThat(rig.updatesOf("ACC-1/BTC")).hasSize(1);

            rig.mark(mark("BTC-USD", "29999", T0 + 150_000)); // the price moves: one re-mark at the next boundary
            rig.watermark(T0 + 180_000);
            rig.watermark(T0 + 240_000);
            List<PositionUpdate> btc = rig.updatesOf("ACC-1/BTC");
            assertThat(btc).extracting(PositionUpdate::getVersion).containsExactly(1L, 2L);
            assertThat(btc.get(1).getMarkPrice()).isEqualByComparingTo("29999");
            assertThat(btc.get(1).getAsOf().toEpochMilli()).isEqualTo(T0 + 180_000);
        }
    }

    /**
     * Fills applied more than positions.fill.compact-after ago are folded into the compacted book: the position
     * is the same as without compaction (also after a late fill and a correction replay it from that book), and
     * the compacted fills are no longer held.
     */
    @Test
    void fillsAppliedLongAgoAreCompactedWithoutChangingThePosition() throws Exception {
        PositionsConfig compacting = PositionsConfig.fromProperties(Map.of(
                "positions.fill.retention", "1 d", "positions.fill.compact-after", "2 d"));
        PositionsConfig keeping = PositionsConfig.fromProperties(Map.of(
                "positions.fill.retention", "1 d", "positions.fill.compact-after", "0 d"));
        long threeDays = 3 * 86_400_000L;
        try (PositionFixtures.Rig withCompaction = new PositionFixtures.Rig(compacting);
             PositionFixtures.Rig without = new PositionFixtures.Rig(keeping)) {
            for (PositionFixtures.Rig rig : List.of(withCompaction, without)) {
                rig.processingTime(0);
                rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "2", "30000", "10", "USDT", T0));
                rig.fill(effective("ACC-1", "BTC-USDT", "E2", 1, false, Side.SELL, "1", "31000", "5", "USDT",
                        T0 + 1000));
                rig.fill(effective("ACC-1", "BTC-USDT", "E3", 1, false, Side.BUY, "1", "29000", "5", "USDT",
                        T0 + 2000));
                rig.processingTime(threeDays);
                // the first fill three days later starts the pass that folds E1..E3
                rig.fill(effective("ACC-1", "BTC-USDT", "E4", 1, false, Side.SELL, "1.5", "32000", "8", "USDT",
                        T0 + 4000));
                // late (executed before E4, after E3) and a correction of E4: both replay from the compacted book
                rig.fill(effective("ACC-1", "BTC-USDT", "E5", 1, false, Side.BUY, "0.5", "30500", "1", "USDT",
                        T0 + 3000));
                rig.fill(effective("ACC-1", "BTC-USDT", "E4", 2, false, Side.SELL, "1.5", "32100", "8", "USDT",
                        T0 + 4000));
            }
            PositionUpdate compacted = withCompaction.latest().get("ACC-1/BTC-USDT");
            PositionUpdate whole = without.latest().get("ACC-1/BTC-USDT");
            assertThat(compacted.getQuantity()).isEqualByComparingTo("1").isEqualByComparingTo(whole.getQuantity());
            assertThat(compacted.getCostBasis()).isEqualByComparingTo(whole.getCostBasis());
            assertThat(compacted.getRealizedPnl()).isEqualByComparingTo(whole.getRealizedPnl());
            assertThat(compacted.getFees()).isEqualByComparingTo("29").isEqualByComparingTo(whole.getFees());
            assertThat(compacted.getVersion()).isEqualTo(whole.getVersion());

            // E1 is no longer held with compaction: a reversal of it finds nothing to replay
            PositionFill e1 = PositionFill.of(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "2", "30000",
                    "10", "USDT", T0));
            PositionDelta reversal = PositionDelta.remove(e1, T0 + 5000, List.of());
            withCompaction.instruments.processElement(reversal, T0 + 5000);
            without.instruments.processElement(reversal, T0 + 5000);
            assertThat(withCompaction.instruments.extractOutputValues()).hasSize((int) compacted.getVersion());
            assertThat(without.instruments.extractOutputValues()).hasSize((int) whole.getVersion() + 1);
        }
    }

    /** A fill executed before fills that were already compacted is still applied (after them). */
    @Test
    void aFillBehindTheCompactedBookIsStillApplied() throws Exception {
        PositionsConfig compacting = PositionsConfig.fromProperties(Map.of(
                "positions.fill.retention", "1 d", "positions.fill.compact-after", "1 d"));
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(compacting)) {
            rig.processingTime(0);
            rig.fill(effective("ACC-1", "BTC-USDT", "E1", 1, false, Side.BUY, "1", "30000", "3", "USDT", T0));
            rig.processingTime(2 * 86_400_000L);
            rig.fill(effective("ACC-1", "BTC-USDT", "E2", 1, false, Side.BUY, "1", "31000", "3", "USDT", T0 + 1000));
            rig.processingTime(4 * 86_400_000L);
            rig.fill(effective("ACC-1", "BTC-USDT", "E3", 1, false, Side.BUY, "1", "32000", "3", "USDT", T0 + 2000));
            // executed before E2 and E3, both compacted by now
            rig.fill(effective("ACC-1", "BTC-USDT", "E0", 1, false, Side.SELL, "0.5", "29000", "1", "USDT",
                    T0 - 1000));
            PositionUpdate p = rig.latest().get("ACC-1/BTC-USDT");
            assertThat(p.getQuantity()).isEqualByComparingTo("2.5");
            assertThat(p.getFees()).isEqualByComparingTo("10");
            assertThat(p.getCostBasis()).isEqualByComparingTo("78000"); // FIFO: the sell closes half of E1
        }
    }

    @Test
    void stateAndStreamTypesAreSerializedWithoutKryo() throws Exception {
        for (Class<?> type : List.of(PositionFill.class, AppliedFill.class, PositionBook.class, CostLots.class,
                Lot.class, MarkPoint.class, PositionDelta.class, AssetMovement.class, VenueBalance.class,
                AssetBalances.AssetTotals.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            SerializerConfigImpl config = new SerializerConfigImpl();
            config.setGenericTypes(false);
            assertThat(info.createSerializer(config)).as(type.getSimpleName()).isNotNull();
        }
        PositionBook book = PositionBook.replay(CostMethod.FIFO, List.of(AppliedFill.of(
                PositionFixtures.fill("E1", Side.BUY, "1.5", "30000", "3", "USDT", T0), new BigDecimal("3"))));
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        @SuppressWarnings("unchecked")
        TypeSerializer<PositionBook> serializer = TypeInformation.of(PositionBook.class).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(book, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(book);
    }

    @Test
    void configurationIsValidatedAndNamesTheKey() {
        assertThat(PositionsConfig.defaults().costMethod("X")).isEqualTo(CostMethod.FIFO);
        assertThat(PositionsConfig.defaults().reportingCurrency()).isEqualTo("USD");
        assertThat(CONFIG.costMethod("ACC-AVG")).isEqualTo(CostMethod.AVERAGE_COST);
        assertThat(CONFIG.referencePrices()).extracting(MarkPoint::symbol).containsExactly("BNB-USDT");
        assertThatThrownBy(() -> PositionsConfig.fromProperties(Map.of("positions.cost-methd", "FIFO")))
                .hasMessageContaining("positions.cost-methd");
        assertThatThrownBy(() -> PositionsConfig.fromProperties(Map.of("positions.cost-method.ACC-1", "LIFO")))
                .hasMessageContaining("positions.cost-method.ACC-1");
        assertThatThrownBy(() -> PositionsConfig.fromProperties(Map.of("positions.remark.interval", "soon")))
                .hasMessageContaining("positions.remark.interval");
        assertThatThrownBy(() -> PositionsConfig.fromProperties(Map.of("positions.reference-price.BNB", "600")))
                .hasMessageContaining("positions.reference-price.BNB");
        assertThatThrownBy(() -> PositionsConfig.fromProperties(Map.of("positions.fill.compact-after", "1 d")))
                .hasMessageContaining("positions.fill.compact-after");
        assertThat(PositionsConfig.defaults().compactAfter()).hasDays(30);
        assertThat(PositionsConfig.defaults().fillRetention()).hasDays(7);
        assertThat(PositionsConfig.fromProperties(Map.of("recon.x", "y", "positions.remark.interval", "PT30S"))
                .remarkInterval()).hasSeconds(30);
    }

    @Test
    void theDocumentationListsEveryKey() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("POSITIONS.md"));
        for (PositionsConfig.Option o : PositionsConfig.Option.values()) {
            assertThat(doc).as(o.key()).contains("`" + o.key() + "`");
        }
    }
}
