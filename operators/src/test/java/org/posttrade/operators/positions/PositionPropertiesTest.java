package org.posttrade.operators.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.positions.PositionFixtures.T0;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.Side;

/**
 * Invariants of positions over random fill histories (jqwik). Quantities have up to 8 places and prices up to 4,
 * as venues quote them, so products stay within 18 places and the identities below are exact, not approximate.
 * Fees are in the quote asset here (the hand examples cover other assets). "fees" means fees converted to the
 * quote asset; they are expensed when paid (in realized P&L, not in the cost basis).
 */
class PositionPropertiesTest {

    record Trade(Side side, BigDecimal quantity, BigDecimal price, BigDecimal fee) {}

    @Provide
    Arbitrary<List<Trade>> trades() {
        Arbitrary<Side> side = Arbitraries.of(Side.BUY, Side.SELL);
        Arbitrary<BigDecimal> qty = Arbitraries.bigDecimals().between(new BigDecimal("0.00000001"), new BigDecimal("50"))
                .ofScale(8);
        Arbitrary<BigDecimal> px = Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("100000"))
                .ofScale(4);
        Arbitrary<BigDecimal> fee = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("25")).ofScale(6);
        return Combinators.combine(side, qty, px, fee).as(Trade::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<CostMethod> methods() {
        return Arbitraries.of(CostMethod.class);
    }

    static List<AppliedFill> fills(List<Trade> trades) {
        List<AppliedFill> out = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            PositionFill f = new PositionFill("BINANCE/E" + i, 1, "BINANCE", "ACC-1", "BTC-USDT", "BTC", "USDT",
                    t.side(), t.quantity(), t.price(), t.fee(), t.fee().signum() == 0 ? null : "USDT",
                    T0 + i * 1000L, List.of());
            out.add(AppliedFill.of(f, FeeConversion.toQuote(f, PriceGraph.empty())));
        }
        return out;
    }

    /** quantity = Σ signed quantities of the fills applied (fees never change it). */
    @Property
    void positionIsTheSignedSumOfFills(@ForAll("trades") List<Trade> trades, @ForAll("methods") CostMethod method) {
        BigDecimal expected = BigDecimal.ZERO;
        for (Trade t : trades) {
            expected = expected.add(t.side() == Side.BUY ? t.quantity() : t.quantity().negate());
        }
        PositionBook book = PositionBook.replay(method, fills(trades));
        assertThat(book.quantity()).isEqualByComparingTo(expected);
        int sign = expected.signum();
        assertThat(book.lots().lots()).allSatisfy(l -> assertThat(l.quantity().signum()).isEqualTo(sign));
    }

    /**
     * realized + unrealized = market value − Σ(signed qty × price) − fees, exactly, at any mark, where
     * market value = quantity × mark, realized = trading P&L of the closes − fees, unrealized = quantity × mark −
     * cost basis.
     */
    @Property
    void realizedPlusUnrealizedIsMarketValueMinusNetCostMinusFees(@ForAll("trades") List<Trade> trades,
            @ForAll("methods") CostMethod method, @ForAll @IntRange(min = 1, max = 200_000) int markUnits) {
        BigDecimal mark = BigDecimal.valueOf(markUnits, 1);
        List<AppliedFill> fills = fills(trades);
        PositionBook book = PositionBook.replay(method, fills);
        BigDecimal netCost = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (AppliedFill a : fills) {
            netCost = netCost.add(a.fill().signedCost());
            fees = fees.add(a.fill().fee());
        }
        BigDecimal marketValue = book.quantity().multiply(mark);
        assertThat(book.realizedPnl().add(book.unrealizedPnl(mark)))
                .isEqualByComparingTo(marketValue.subtract(netCost).subtract(fees));
    }

    /**
     * Compaction does not change a position: the book of a prefix of the fills (in their order), followed by the
     * rest, is the book of all of them, field for field.
     */
    @Property
    void compactingAPrefixDoesNotChangeTheBook(@ForAll("trades") List<Trade> trades,
            @ForAll("methods") CostMethod method, @ForAll @IntRange(min = 0, max = 30) int cut) {
        List<AppliedFill> fills = fills(trades);
        int k = Math.min(cut, fills.size());
        List<AppliedFill> rest = new ArrayList<>(fills.subList(k, fills.size()));
        Collections.shuffle(rest, new Random(cut));
        PositionBook compacted = PositionBook.replay(method, fills.subList(0, k));
        assertThat(compacted.replayOnto(rest)).isEqualTo(PositionBook.replay(method, fills));
    }

    /** Opened in one lot, closed in any number of fills: FIFO and average cost realize the same P&L. */
    @Property
    void fifoAndAverageCostAgreeOnOneLot(@ForAll("trades") List<Trade> closes) {
        BigDecimal open = closes.stream().map(Trade::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Trade> trades = new ArrayList<>();
        trades.add(new Trade(Side.BUY, open, new BigDecimal("123.4567"), new BigDecimal("1.5")));
        for (Trade c : closes) {
            trades.add(new Trade(Side.SELL, c.quantity(), c.price(), c.fee()));
        }
        PositionBook fifo = PositionBook.replay(CostMethod.FIFO, fills(trades));
        PositionBook avg = PositionBook.replay(CostMethod.AVERAGE_COST, fills(trades));
        assertThat(fifo.quantity()).isEqualByComparingTo("0");
        assertThat(avg.costBasis()).isEqualByComparingTo("0");
        assertThat(fifo.realizedPnl()).isEqualByComparingTo(avg.realizedPnl());
    }

    /**
     * Arrival order does not matter: the operators (FillVersions → InstrumentPositions, AssetBalances) end in the
     * same state for any permutation of the same fill versions, corrections and busts included.
     */
    @Property(tries = 60)
    void arrivalOrderDoesNotChangeTheEndState(@ForAll("trades") List<Trade> trades, @ForAll("methods") CostMethod method,
                                              @ForAll long seed) throws Exception {
        PositionsConfig config = PositionsConfig.fromProperties(Map.of("positions.cost-method", method.name()));
        List<org.posttrade.operators.reconciliation.EffectiveFill> versions = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            versions.add(PositionFixtures.effective("ACC-1", "BTC-USDT", "E" + i, 1, false, t.side(),
                    t.quantity().toPlainString(), t.price().toPlainString(), t.fee().toPlainString(), "USDT",
                    T0 + i * 1000L));
            if (i % 4 == 1) { // a correction of the price
                versions.add(PositionFixtures.effective("ACC-1", "BTC-USDT", "E" + i, 2, false, t.side(),
                        t.quantity().toPlainString(), t.price().add(BigDecimal.ONE).toPlainString(),
                        t.fee().toPlainString(), "USDT", T0 + i * 1000L));
            }
            if (i % 5 == 2) { // a bust
                versions.add(PositionFixtures.effective("ACC-1", "BTC-USDT", "E" + i, 3, true, t.side(),
                        "0", t.price().toPlainString(), "0", "USDT", T0 + i * 1000L));
            }
        }
        Map<String, PositionUpdate> inOrder = run(config, versions);
        List<org.posttrade.operators.reconciliation.EffectiveFill> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, PositionUpdate> permuted = run(config, shuffled);
        assertThat(permuted.keySet()).isEqualTo(inOrder.keySet());
        inOrder.forEach((key, expected) -> assertThat(state(permuted.get(key))).as(key).isEqualTo(state(expected)));
    }

    /** A bust followed by a re-execution ends where a clean execution would have. */
    @Property(tries = 60)
    void bustThenReexecutionEndsWhereACleanExecutionWould(@ForAll("trades") List<Trade> trades,
            @ForAll("methods") CostMethod method) throws Exception {
        PositionsConfig config = PositionsConfig.fromProperties(Map.of("positions.cost-method", method.name()));
        List<org.posttrade.operators.reconciliation.EffectiveFill> clean = new ArrayList<>();
        List<org.posttrade.operators.reconciliation.EffectiveFill> busted = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            var fill = PositionFixtures.effective("ACC-1", "BTC-USDT", "E" + i, 1, false, t.side(),
                    t.quantity().toPlainString(), t.price().toPlainString(), t.fee().toPlainString(), "USDT",
                    T0 + i * 1000L);
            clean.add(fill);
            if (i % 2 == 0) {
                // the venue's first execution, busted, then the same trade executed again under a new execId
                busted.add(PositionFixtures.effective("ACC-1", "BTC-USDT", "B" + i, 1, false, t.side(),
                        t.quantity().toPlainString(), t.price().add(BigDecimal.TEN).toPlainString(), "0.5", "USDT",
                        T0 + i * 1000L - 1));
                busted.add(PositionFixtures.effective("ACC-1", "BTC-USDT", "B" + i, 2, true, t.side(), "0",
                        t.price().toPlainString(), "0", "USDT", T0 + i * 1000L - 1));
            }
            busted.add(fill);
        }
        Map<String, PositionUpdate> a = run(config, clean);
        Map<String, PositionUpdate> b = run(config, busted);
        a.forEach((key, expected) -> assertThat(state(b.get(key))).as(key).isEqualTo(state(expected)));
    }

    static Map<String, PositionUpdate> run(PositionsConfig config,
                                           List<org.posttrade.operators.reconciliation.EffectiveFill> fills)
            throws Exception {
        try (PositionFixtures.Rig rig = new PositionFixtures.Rig(config)) {
            for (var f : fills) {
                rig.fill(f);
            }
            return rig.latest();
        }
    }

    /** What a position is, versions, times and evidence aside. */
    static List<Object> state(PositionUpdate u) {
        return u == null ? null : List.of(u.getPositionKey(), u.getQuantity(), u.getCostBasis(), u.getAverageCost(),
                u.getRealizedPnl(), u.getFees(), u.getCostMethod(), u.getPriceStatus());
    }
}
