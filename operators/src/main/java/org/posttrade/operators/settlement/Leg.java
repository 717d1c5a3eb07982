package org.posttrade.operators.settlement;

import java.math.BigDecimal;

/** What one fill moves in one asset, signed from the firm's view (+ receives). State POJO. */
public class Leg {
    private String asset;
    private BigDecimal amount;

    public Leg() {}

    public Leg(String asset, BigDecimal amount) {
        this.asset = asset;
        this.amount = amount;
    }

    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
}
