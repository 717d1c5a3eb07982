package org.posttrade.operators.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.operators.positions.PositionFixtures.T0;
import static org.posttrade.operators.positions.PositionFixtures.d;
import static org.posttrade.operators.positions.PositionFixtures.fill;
import static org.posttrade.operators.positions.PositionFixtures.mark;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.PriceStatus;
import org.posttrade.schema.Side;

/**
 * Worked by hand, so that a reader can check the definitions (POSITIONS.md) line by line. Fees are expensed when
 * paid: they are in realized P&L, never in the cost basis, and the identity
 * realized + unrealized = quantity × mark − Σ(signed qty × price) − fees holds for both methods.
 */
class HandExamplesTest {
    static final Duration STALE = Duration.ofMinutes(5);

    /**
     * Example 1: BTC-USDT, fees in BNB (a third asset, no mark: reference price BNB-USDT = 600) and in USDT.
     * <pre>
     *   t1 BUY  1   BTC @ 30000, fee 0.05 BNB = 0.05 × 600 = 30 USDT
     *   t2 BUY  1   BTC @ 32000, fee 0.04 BNB =                24 USDT
     *   t3 SELL 1.5 BTC @ 33000, fee 49.5 USDT                         fees = 103.5 USDT
     *   marks: BTC-USDT 31000, USDT-USD 0.9998 (a stablecoin has its own mark)
     *
     *   FIFO: sell closes lot 1 (1 @ 30000): 33000 − 30000 = 3000; and 0.5 of lot 2: 16500 − 16000 = 500
     *         realized = 3500 − 103.5 = 3396.5; open 0.5 @ 32000, cost 16000
     *         unrealized = 0.5 × 31000 − 16000 = −500
     *   AVG:  pool 2 BTC cost 62000; sell 1.5 releases 62000 × 1.5 / 2 = 46500: 49500 − 46500 = 3000
     *         realized = 3000 − 103.5 = 2896.5; open 0.5, cost 15500 (average 31000); unrealized = 0
     *   both: realized + unrealized = 2896.5 = 0.5 × 31000 − (30000 + 32000 − 49500) − 103.5
     *   USD: FIFO realized 3396.5 × 0.9998 = 3395.8207, unrealized −500 × 0.9998 = −499.9
     * </pre>
     */
    @Test
    void fifoAndAverageCostWithFeesInBnb() {
        PriceGraph graph = PriceGraph.of(List.of(MarkPoint.reference("BNB-USDT", d("600")),
                mark("BTC-USDT", "31000", T0 + 3000), mark("USDT-USD", "0.9998", T0 + 3000)));
        List<PositionFill> fills = List.of(
                fill("E1", Side.BUY, "1", "30000", "0.05", "BNB", T0 + 1000),
                fill("E2", Side.BUY, "1", "32000", "0.04", "BNB", T0 + 2000),
                fill("E3", Side.SELL, "1.5", "33000", "49.5", "USDT", T0 + 3000));
        List<AppliedFill> applied = new ArrayList<>();
        for (PositionFill f : fills) {
            applied.add(AppliedFill.of(f, FeeConversion.toQuote(f, graph)));
        }
        assertThat(applied).extracting(AppliedFill::feeInQuote)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("30"), d("24"), d("49.5"));

        PositionBook fifo = PositionBook.replay(CostMethod.FIFO, applied);
        assertThat(fifo.quantity()).isEqualByComparingTo("0.5");
        assertThat(fifo.costBasis()).isEqualByComparingTo("16000");
        assertThat(fifo.averageCost()).isEqualByComparingTo("32000");
        assertThat(fifo.fees()).isEqualByComparingTo("103.5");
        assertThat(fifo.realizedPnl()).isEqualByComparingTo("3396.5");
        Valuation fv = Valuation.of(fifo, "BTC", "USDT", graph, "USD", T0 + 3000, STALE);
        assertThat(fv.markPrice()).isEqualByComparingTo("31000");
        assertThat(fv.unrealizedPnl()).isEqualByComparingTo("-500");
        assertThat(fv.realizedPnlReporting()).isEqualByComparingTo("3395.8207");
        assertThat(fv.unrealizedPnlReporting()).isEqualByComparingTo("-499.9");
        assertThat(fv.priceStatus()).isEqualTo(PriceStatus.OK);

        PositionBook avg = PositionBook.replay(CostMethod.AVERAGE_COST, applied);
        assertThat(avg.quantity()).isEqualByComparingTo("0.5");
        assertThat(avg.costBasis()).isEqualByComparingTo("15500");
        assertThat(avg.averageCost()).isEqualByComparingTo("31000");
        assertThat(avg.realizedPnl()).isEqualByComparingTo("2896.5");
        Valuation av = Valuation.of(avg, "BTC", "USDT", graph, "USD", T0 + 3000, STALE);
        assertThat(av.unrealizedPnl()).isEqualByComparingTo("0");

        BigDecimal total = d("0.5").multiply(d("31000")).subtract(fifo.tradeCost()).subtract(fifo.fees());
        assertThat(total).isEqualByComparingTo("2896.5");
        assertThat(fifo.realizedPnl().add(fv.unrealizedPnl())).isEqualByComparingTo(total);
        assertThat(avg.realizedPnl().add(av.unrealizedPnl())).isEqualByComparingTo(total);
    }

    /**
     * Example 2: ETH-BTC (cross-quoted: P&L in BTC, reported in USD through BTC-USD), fees in BNB, BTC and ETH.
     * <pre>
     *   marks: ETH-BTC 0.04, BTC-USD 60000, USDT-USD 0.999; reference BNB-USDT 600
     *   BNB → BTC: BNB-USDT × USDT-USD ÷ BTC-USD = 600 × 0.999 / 60000 = 0.00999 BTC per BNB
     *   t1 BUY  10 ETH @ 0.035, fee 0.01 BNB   = 0.0000999 BTC
     *   t2 BUY  10 ETH @ 0.037, fee 0.0002 BTC
     *   t3 SELL  5 ETH @ 0.038, fee 0.0001 ETH = 0.0001 × 0.038 = 0.0000038 BTC (base asset at the fill's price)
     *                                                                   fees = 0.0003037 BTC
     *   AVG:  pool 20 ETH cost 0.72; sell 5 releases 0.72 × 5 / 20 = 0.18: 0.19 − 0.18 = 0.01
     *         realized = 0.01 − 0.0003037 = 0.0096963 BTC = 581.778 USD
     *         open 15 ETH cost 0.54 (average 0.036); unrealized = 15 × 0.04 − 0.54 = 0.06 BTC = 3600 USD
     *   FIFO: sell closes 5 of lot 1 @ 0.035: 0.19 − 0.175 = 0.015; realized = 0.0146963 BTC
     *         open 5 @ 0.035 + 10 @ 0.037, cost 0.545; unrealized = 0.6 − 0.545 = 0.055 BTC
     *   both: realized + unrealized = 0.0696963 BTC
     *   assets: ETH +14.9999 (fee in ETH included), BTC −0.35 − 0.37 − 0.0002 + 0.19 = −0.5302, BNB −0.01
     * </pre>
     */
    @Test
    void crossQuotedInstrumentWithFeesInAThirdAsset() {
        PriceGraph graph = PriceGraph.of(List.of(MarkPoint.reference("BNB-USDT", d("600")),
                mark("ETH-BTC", "0.04", T0 + 3000), mark("BTC-USD", "60000", T0 + 3000),
                mark("USDT-USD", "0.999", T0 + 3000)));
        List<PositionFill> fills = List.of(
                fill("ACC-1", "ETH-BTC", "X1", Side.BUY, "10", "0.035", "0.01", "BNB", T0 + 1000),
                fill("ACC-1", "ETH-BTC", "X2", Side.BUY, "10", "0.037", "0.0002", "BTC", T0 + 2000),
                fill("ACC-1", "ETH-BTC", "X3", Side.SELL, "5", "0.038", "0.0001", "ETH", T0 + 3000));
        List<AppliedFill> applied = new ArrayList<>();
        for (PositionFill f : fills) {
            applied.add(AppliedFill.of(f, FeeConversion.toQuote(f, graph)));
        }
        assertThat(graph.conversion("BNB", "BTC").orElseThrow().rate()).isEqualByComparingTo("0.00999");
        assertThat(applied).extracting(AppliedFill::feeInQuote).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("0.0000999"), d("0.0002"), d("0.0000038"));

        PositionBook avg = PositionBook.replay(CostMethod.AVERAGE_COST, applied);
        Valuation av = Valuation.of(avg, "ETH", "BTC", graph, "USD", T0 + 3000, STALE);
        assertThat(avg.quantity()).isEqualByComparingTo("15");
        assertThat(avg.costBasis()).isEqualByComparingTo("0.54");
        assertThat(avg.averageCost()).isEqualByComparingTo("0.036");
        assertThat(avg.fees()).isEqualByComparingTo("0.0003037");
        assertThat(avg.realizedPnl()).isEqualByComparingTo("0.0096963");
        assertThat(av.unrealizedPnl()).isEqualByComparingTo("0.06");
        assertThat(av.realizedPnlReporting()).isEqualByComparingTo("581.778");
        assertThat(av.unrealizedPnlReporting()).isEqualByComparingTo("3600");
        assertThat(av.priceStatus()).isEqualTo(PriceStatus.OK);

        PositionBook fifo = PositionBook.replay(CostMethod.FIFO, applied);
        Valuation fv = Valuation.of(fifo, "ETH", "BTC", graph, "USD", T0 + 3000, STALE);
        assertThat(fifo.realizedPnl()).isEqualByComparingTo("0.0146963");
        assertThat(fifo.costBasis()).isEqualByComparingTo("0.545");
        assertThat(fv.unrealizedPnl()).isEqualByComparingTo("0.055");
        assertThat(fifo.realizedPnl().add(fv.unrealizedPnl())).isEqualByComparingTo("0.0696963");
        assertThat(avg.realizedPnl().add(av.unrealizedPnl())).isEqualByComparingTo("0.0696963");

        List<AssetAmount> legs = new ArrayList<>();
        fills.forEach(f -> legs.addAll(f.legs()));
        assertThat(sum(legs, "ETH")).isEqualByComparingTo("14.9999");
        assertThat(sum(legs, "BTC")).isEqualByComparingTo("-0.5302");
        assertThat(sum(legs, "BNB")).isEqualByComparingTo("-0.01");
    }

    /** Without USDT-USD a USDT P&L has no USD value: null and MISSING, never 1:1 and never zero. */
    @Test
    void aStablecoinWithoutItsMarkIsMissingNotOne() {
        PriceGraph graph = PriceGraph.of(List.of(mark("BTC-USDT", "31000", T0)));
        PositionBook book = PositionBook.replay(CostMethod.FIFO, List.of(AppliedFill.of(
                fill("E1", Side.BUY, "1", "30000", "30", "USDT", T0), d("30"))));
        Valuation v = Valuation.of(book, "BTC", "USDT", graph, "USD", T0, STALE);
        assertThat(v.unrealizedPnl()).isEqualByComparingTo("1000");
        assertThat(v.unrealizedPnlReporting()).isNull();
        assertThat(v.realizedPnlReporting()).isNull();
        assertThat(v.priceStatus()).isEqualTo(PriceStatus.MISSING);

        Valuation noMark = Valuation.of(book, "BTC", "USDT", PriceGraph.empty(), "USD", T0, STALE);
        assertThat(noMark.markPrice()).isNull();
        assertThat(noMark.unrealizedPnl()).isNull();
        assertThat(noMark.priceStatus()).isEqualTo(PriceStatus.MISSING);

        Valuation stale = Valuation.of(book, "BTC", "USDT", PriceGraph.of(List.of(mark("BTC-USDT", "31000", T0),
                mark("USDT-USD", "1.0001", T0))), "USD", T0 + STALE.toMillis() + 1, STALE);
        assertThat(stale.priceStatus()).isEqualTo(PriceStatus.STALE);
        assertThat(stale.unrealizedPnlReporting()).isEqualByComparingTo("1000.1");
    }

    private static BigDecimal sum(List<AssetAmount> legs, String asset) {
        return legs.stream().filter(l -> l.asset().equals(asset)).map(AssetAmount::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
