package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.List;
import org.posttrade.schema.EvidenceRef;

/**
 * What one fill version moves in one asset of one account at one venue: {@code amount} (signed, fee included) of
 * which {@code fee} was paid as fee (positive when paid, negative when a reversal gives it back). A correction
 * sends the reversal of the previous version's movements and the new ones; a bust only the reversal; asset
 * balances are their sum, so their order does not matter.
 */
public record AssetMovement(String account, String asset, String venue, BigDecimal amount, BigDecimal fee,
                            String fillId, long eventTime, List<EvidenceRef> evidence) {
    public AssetMovement {
        Amounts.requireText(account, "account");
        Amounts.requireText(asset, "asset");
        Amounts.requireText(venue, "venue");
        if (amount == null || fee == null) {
            throw new IllegalArgumentException("amount and fee are required");
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** ACCOUNT/ASSET. */
    public String positionKey() {
        return PositionKeys.asset(account, asset);
    }

    /**
     * What replacing {@code previous} (null: none) by {@code next} (null: a bust) moves, netted per account, asset
     * and venue; movements that net to nothing are left out.
     */
    public static List<AssetMovement> net(PositionFill previous, PositionFill next, long eventTime,
                                          List<EvidenceRef> evidence) {
        java.util.Map<String, AssetMovement> byKey = new java.util.LinkedHashMap<>();
        List<AssetMovement> all = new java.util.ArrayList<>();
        if (previous != null) {
            all.addAll(of(previous, true, eventTime, evidence));
        }
        if (next != null) {
            all.addAll(of(next, false, eventTime, evidence));
        }
        for (AssetMovement m : all) {
            byKey.merge(m.venue() + "/" + m.positionKey(), m, (a, b) -> new AssetMovement(a.account, a.asset, a.venue,
                    a.amount.add(b.amount), a.fee.add(b.fee), a.fillId, a.eventTime, a.evidence));
        }
        List<AssetMovement> out = new java.util.ArrayList<>();
        for (AssetMovement m : byKey.values()) {
            if (m.amount.signum() != 0 || m.fee.signum() != 0) {
                out.add(m);
            }
        }
        return out;
    }

    /** The movements of a fill version, negated when {@code reverse}. */
    public static List<AssetMovement> of(PositionFill f, boolean reverse, long eventTime, List<EvidenceRef> evidence) {
        List<AssetMovement> out = new java.util.ArrayList<>();
        for (AssetAmount leg : f.legs()) {
            BigDecimal fee = leg.asset().equals(f.feeAsset()) ? f.fee() : BigDecimal.ZERO;
            BigDecimal amount = reverse ? leg.amount().negate() : leg.amount();
            out.add(new AssetMovement(f.account(), leg.asset(), f.venue(), amount, reverse ? fee.negate() : fee,
                    f.fillId(), eventTime, evidence));
        }
        return out;
    }
}
