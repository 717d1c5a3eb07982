package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.PositionType;
import org.posttrade.schema.PositionUpdate;

/** Builds the PositionUpdate contract records; every decimal leaves through {@link Amounts#out} (scale 18, HALF_EVEN). */
public final class PositionUpdates {
    private PositionUpdates() {}

    public static PositionUpdate instrument(String account, String symbol, String baseAsset, String quoteAsset,
                                            PositionBook book, Valuation v, String reportingCurrency, long version,
                                            long asOf, List<EvidenceRef> evidence) {
        return PositionUpdate.newBuilder()
                .setPositionKey(PositionKeys.instrument(account, symbol))
                .setVersion(version)
                .setPositionType(PositionType.INSTRUMENT)
                .setAccount(account)
                .setDesk(null)
                .setInstrument(symbol)
                .setAsset(baseAsset)
                .setQuoteAsset(quoteAsset)
                .setQuantity(Amounts.out(book.quantity()))
                .setCostBasis(Amounts.out(book.costBasis()))
                .setAverageCost(Amounts.out(book.averageCost()))
                .setRealizedPnl(Amounts.out(book.realizedPnl()))
                .setFees(Amounts.out(book.fees()))
                .setMarkPrice(Amounts.out(v.markPrice()))
                .setUnrealizedPnl(Amounts.out(v.unrealizedPnl()))
                .setReportingCurrency(reportingCurrency)
                .setRealizedPnlReporting(Amounts.out(v.realizedPnlReporting()))
                .setUnrealizedPnlReporting(Amounts.out(v.unrealizedPnlReporting()))
                .setCostMethod(book.method())
                .setPriceStatus(v.priceStatus())
                .setAsOf(Instant.ofEpochMilli(asOf))
                .setEvidence(evidence(evidence, v))
                .build();
    }

    /**
     * An asset balance: quantity = Σ movements (fees included), fees = fees paid in this asset (in the asset),
     * quoteAsset = the reporting currency and markPrice = the asset's price in it. Balances carry no P&L (that is
     * on the instrument positions): cost, average cost and realized P&L are zero, the unrealized and reporting
     * P&L fields are null.
     */
    public static PositionUpdate asset(String account, String asset, BigDecimal quantity, BigDecimal fees,
                                       CostMethod method, Valuation v, String reportingCurrency, long version,
                                       long asOf, List<EvidenceRef> evidence) {
        BigDecimal zero = Amounts.out(BigDecimal.ZERO);
        return PositionUpdate.newBuilder()
                .setPositionKey(PositionKeys.asset(account, asset))
                .setVersion(version)
                .setPositionType(PositionType.ASSET)
                .setAccount(account)
                .setDesk(null)
                .setInstrument(null)
                .setAsset(asset)
                .setQuoteAsset(reportingCurrency)
                .setQuantity(Amounts.out(quantity))
                .setCostBasis(zero)
                .setAverageCost(zero)
                .setRealizedPnl(zero)
                .setFees(Amounts.out(fees))
                .setMarkPrice(Amounts.out(v.markPrice()))
                .setUnrealizedPnl(null)
                .setReportingCurrency(reportingCurrency)
                .setRealizedPnlReporting(null)
                .setUnrealizedPnlReporting(null)
                .setCostMethod(method)
                .setPriceStatus(v.priceStatus())
                .setAsOf(Instant.ofEpochMilli(asOf))
                .setEvidence(evidence(evidence, v))
                .build();
    }

    /** The inputs' evidence and the marks used, each once, sorted (deterministic). */
    static List<EvidenceRef> evidence(List<EvidenceRef> inputs, Valuation v) {
        List<EvidenceRef> all = new ArrayList<>();
        for (EvidenceRef e : inputs) {
            if (!all.contains(e)) {
                all.add(EvidenceRef.newBuilder(e).build());
            }
        }
        for (MarkPoint m : v.marks()) {
            if (m.evidence() != null && !all.contains(m.evidence())) {
                all.add(EvidenceRef.newBuilder(m.evidence()).build());
            }
        }
        all.sort(Comparator.comparing(EvidenceRef::getEventType).thenComparing(EvidenceRef::getEventId)
                .thenComparing(e -> e.getTopic() == null ? "" : e.getTopic())
                .thenComparing(e -> e.getOffset() == null ? -1L : e.getOffset()));
        return all;
    }
}
