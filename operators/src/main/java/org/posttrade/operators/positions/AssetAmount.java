package org.posttrade.operators.positions;

import java.math.BigDecimal;

/** An amount of one asset (Strata's CurrencyAmount for crypto): signed, exact, always with its asset. */
public record AssetAmount(String asset, BigDecimal amount) {
    public AssetAmount {
        Amounts.requireText(asset, "asset");
        if (amount == null) {
            throw new IllegalArgumentException("amount of " + asset + " is required");
        }
    }

    public static AssetAmount of(String asset, BigDecimal amount) {
        return new AssetAmount(asset, amount);
    }

    public static AssetAmount of(String asset, String amount) {
        return new AssetAmount(asset, new BigDecimal(amount));
    }

    public AssetAmount plus(AssetAmount other) {
        requireSameAsset(other);
        return new AssetAmount(asset, amount.add(other.amount));
    }

    public AssetAmount minus(AssetAmount other) {
        requireSameAsset(other);
        return new AssetAmount(asset, amount.subtract(other.amount));
    }

    public AssetAmount negated() {
        return new AssetAmount(asset, amount.negate());
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    private void requireSameAsset(AssetAmount other) {
        if (!asset.equals(other.asset)) {
            throw new IllegalArgumentException("cannot combine " + asset + " with " + other.asset);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetAmount a && asset.equals(a.asset) && amount.compareTo(a.amount) == 0;
    }

    @Override
    public int hashCode() {
        return asset.hashCode() * 31 + amount.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return amount.stripTrailingZeros().toPlainString() + " " + asset;
    }
}
