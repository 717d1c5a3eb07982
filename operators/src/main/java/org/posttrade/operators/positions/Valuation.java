package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.posttrade.schema.PriceStatus;

/**
 * The market side of a position at one moment: mark price, unrealized P&L, both P&Ls in the reporting currency
 * and whether the prices were there (priceStatus).
 * <ul>
 *   <li>markPrice = price of the base asset in the quote asset through the {@link PriceGraph} (the instrument's
 *       own mark when there is one); null when missing, and then unrealizedPnl is null too (a flat position's
 *       unrealized P&L is zero, price or not).</li>
 *   <li>unrealizedPnl = quantity × markPrice − costBasis, in quote asset.</li>
 *   <li>reporting amounts = quote amounts × the quote → reporting rate at the current marks (a risk view, not the
 *       historical rate of each realization); null when no price connects them (USD to USD is exact, USDT to USD
 *       goes through USDT-USD).</li>
 *   <li>priceStatus: MISSING when a price needed above is missing or a fee could not be converted yet; STALE when
 *       a mark used is older than {@code positions.price.stale-after} at the valuation time; OK otherwise.</li>
 * </ul>
 */
public record Valuation(BigDecimal markPrice, BigDecimal unrealizedPnl, BigDecimal realizedPnlReporting,
                        BigDecimal unrealizedPnlReporting, PriceStatus priceStatus, List<MarkPoint> marks) {

    public static Valuation of(PositionBook book, String baseAsset, String quoteAsset, PriceGraph graph,
                               String reportingCurrency, long now, Duration staleAfter) {
        List<MarkPoint> used = new ArrayList<>();
        Optional<Conversion> mark = graph.conversion(baseAsset, quoteAsset);
        Optional<Conversion> reporting = graph.conversion(quoteAsset, reportingCurrency);
        mark.ifPresent(c -> used.addAll(c.path()));
        reporting.ifPresent(c -> used.addAll(c.path()));
        BigDecimal markPrice = mark.map(Conversion::rate).orElse(null);
        BigDecimal unrealized = book.flat() ? BigDecimal.ZERO
                : mark.map(c -> c.convert(book.quantity()).subtract(book.costBasis())).orElse(null);
        BigDecimal realizedReporting = reporting.map(c -> c.convert(book.realizedPnl())).orElse(null);
        BigDecimal unrealizedReporting = unrealized == null ? null
                : reporting.map(c -> c.convert(unrealized)).orElse(null);
        boolean missing = (mark.isEmpty() && !book.flat()) || reporting.isEmpty() || book.pendingFees() > 0;
        return new Valuation(markPrice, unrealized, realizedReporting, unrealizedReporting,
                status(missing, used, now, staleAfter), distinct(used));
    }

    /** An asset balance: markPrice = price of the asset in the reporting currency. */
    public static Valuation ofAsset(String asset, PriceGraph graph, String reportingCurrency, long now,
                                    Duration staleAfter) {
        Optional<Conversion> price = graph.conversion(asset, reportingCurrency);
        List<MarkPoint> used = price.map(Conversion::path).orElse(List.of());
        return new Valuation(price.map(Conversion::rate).orElse(null), null, null, null,
                status(price.isEmpty(), used, now, staleAfter), distinct(used));
    }

    private static PriceStatus status(boolean missing, List<MarkPoint> used, long now, Duration staleAfter) {
        if (missing) {
            return PriceStatus.MISSING;
        }
        for (MarkPoint m : used) {
            if (!m.reference() && now - m.priceTime() > staleAfter.toMillis()) {
                return PriceStatus.STALE;
            }
        }
        return PriceStatus.OK;
    }

    private static List<MarkPoint> distinct(List<MarkPoint> marks) {
        List<MarkPoint> out = new ArrayList<>();
        for (MarkPoint m : marks) {
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Same market view as {@code other} (marks aside): nothing for a re-mark to publish. */
    public boolean sameValues(Valuation other) {
        return other != null && Amounts.same(markPrice, other.markPrice)
                && Amounts.same(unrealizedPnl, other.unrealizedPnl)
                && Amounts.same(realizedPnlReporting, other.realizedPnlReporting)
                && Amounts.same(unrealizedPnlReporting, other.unrealizedPnlReporting)
                && priceStatus == other.priceStatus;
    }

    /** Newest price time of the marks used (reference prices excluded), or Long.MIN_VALUE. */
    public long newestMarkTime() {
        long newest = Long.MIN_VALUE;
        for (MarkPoint m : marks) {
            if (!m.reference()) {
                newest = Math.max(newest, m.priceTime());
            }
        }
        return newest;
    }
}
