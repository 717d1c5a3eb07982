package org.posttrade.operators.positions;

import java.math.BigDecimal;

/**
 * A fee in the instrument's quote asset, decided once when a fill version is first applied:
 * <ul>
 *   <li>fee in the quote asset: as is;</li>
 *   <li>fee in the base asset: fee × the fill's own price (exact: the venue charged base units worth that);</li>
 *   <li>fee in a third asset (BNB on BINANCE): through the price graph at the latest marks known then (a
 *       configured reference price for an asset without marks); null when no price connects it, and the position
 *       reports priceStatus MISSING until a later price converts it.</li>
 * </ul>
 */
public final class FeeConversion {
    private FeeConversion() {}

    public static BigDecimal toQuote(PositionFill f, PriceGraph graph) {
        if (f.fee().signum() == 0 || f.feeAsset().equals(f.quoteAsset())) {
            return f.fee();
        }
        if (f.feeAsset().equals(f.baseAsset())) {
            return f.fee().multiply(f.price());
        }
        return graph.conversion(f.feeAsset(), f.quoteAsset()).map(c -> c.convert(f.fee())).orElse(null);
    }
}
