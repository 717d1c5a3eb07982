package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Side;

/**
 * One version of a fill as positions apply it: the terms in force of an {@link EffectiveFill} that is not busted.
 * {@code fillId} (venue/execId of the chain's original) is the fill's identity across its versions: applying a new
 * version replaces the previous one, a bust removes it.
 *
 * <p>Fees: {@code fee} in {@code feeAsset} (zero when the venue charged none). They enter the instrument position's
 * realized P&L (converted to the quote asset, see {@link FeeConversion}) but never its quantity; the asset
 * positions carry them in their own asset ({@link #legs()}).
 */
public record PositionFill(String fillId, int version, String venue, String account, String symbol,
                           String baseAsset, String quoteAsset, Side side, BigDecimal quantity, BigDecimal price,
                           BigDecimal fee, String feeAsset, long executionTime, List<EvidenceRef> evidence) {

    public PositionFill {
        Amounts.requireText(fillId, "fillId");
        Amounts.requireText(venue, "venue");
        Amounts.requireText(account, "account");
        Amounts.requireText(symbol, "symbol");
        Amounts.requireText(baseAsset, "baseAsset");
        Amounts.requireText(quoteAsset, "quoteAsset");
        if (side == null) {
            throw new IllegalArgumentException("side is required");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        Amounts.requirePositive(quantity, "quantity");
        Amounts.requirePositive(price, "price");
        Amounts.requireNonNegative(fee, "fee");
        if (fee.signum() > 0) {
            Amounts.requireText(feeAsset, "feeAsset of a non-zero fee");
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The fill's terms, or null for a busted fill (a bust only reverses). */
    public static PositionFill of(EffectiveFill f) {
        if (f.isBusted() || f.getQuantity().signum() == 0) {
            return null;
        }
        BigDecimal fee = f.getCommission() == null ? BigDecimal.ZERO : f.getCommission();
        return new PositionFill(f.getVenue() + "/" + f.getExecId(), f.getVersion(), f.getVenue(), f.getAccount(),
                f.getInstrument().getSymbol(), f.getInstrument().getBaseAsset(), f.getInstrument().getQuoteAsset(),
                f.getSide(), f.getQuantity(), f.getPrice(), fee, fee.signum() == 0 ? null : f.getCommissionAsset(),
                f.getExecutionTime(), new ArrayList<>(f.getEvidence()));
    }

    /** ACCOUNT/INSTRUMENT: the key of the instrument position this fill belongs to. */
    public String positionKey() {
        return PositionKeys.instrument(account, symbol);
    }

    /** +quantity for a BUY, -quantity for a SELL (base asset). */
    public BigDecimal signedQuantity() {
        return side == Side.BUY ? quantity : quantity.negate();
    }

    /** signed quantity × price (exact): what the fill adds to the cost of trades, in quote asset. */
    public BigDecimal signedCost() {
        return signedQuantity().multiply(price);
    }

    /**
     * What the fill moves in each asset: BUY +q base and -q·p quote, SELL the opposite, and -fee in the fee asset
     * (legs in the same asset are summed).
     */
    public List<AssetAmount> legs() {
        List<AssetAmount> legs = new ArrayList<>();
        add(legs, AssetAmount.of(baseAsset, signedQuantity()));
        add(legs, AssetAmount.of(quoteAsset, signedCost().negate()));
        if (fee.signum() != 0) {
            add(legs, AssetAmount.of(feeAsset, fee.negate()));
        }
        return legs;
    }

    /** Fee as an amount, or null when there is none. */
    public AssetAmount feeAmount() {
        return fee.signum() == 0 ? null : AssetAmount.of(feeAsset, fee);
    }

    /** The order fills are applied in, whatever their arrival: execution time, then fillId. */
    public String orderKey() {
        // sign bit flipped: unsigned order of the text = signed order of the times
        String time = Long.toUnsignedString(executionTime ^ Long.MIN_VALUE);
        return "0".repeat(20 - time.length()) + time + "/" + fillId;
    }

    /** Same terms (version and evidence aside): a new version that changes nothing for positions. */
    public boolean sameTerms(PositionFill o) {
        return o != null && fillId.equals(o.fillId) && account.equals(o.account) && symbol.equals(o.symbol)
                && side == o.side && quantity.compareTo(o.quantity) == 0 && price.compareTo(o.price) == 0
                && fee.compareTo(o.fee) == 0 && java.util.Objects.equals(feeAsset, o.feeAsset)
                && executionTime == o.executionTime;
    }

    private static void add(List<AssetAmount> legs, AssetAmount leg) {
        for (int i = 0; i < legs.size(); i++) {
            if (legs.get(i).asset().equals(leg.asset())) {
                legs.set(i, legs.get(i).plus(leg));
                return;
            }
        }
        legs.add(leg);
    }
}
