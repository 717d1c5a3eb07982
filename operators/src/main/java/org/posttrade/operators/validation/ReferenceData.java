package org.posttrade.operators.validation;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.posttrade.schema.Instrument;

/**
 * Static reference data the validators check against: the instruments the firm trades and a price sanity bound.
 * Built from configuration ({@code BTC-USDT,ETH-BTC,...}: a symbol names its base and quote assets).
 */
public final class ReferenceData implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The instruments of the demo and the generator. */
    public static final List<String> DEFAULT_INSTRUMENTS = List.of("BTC-USDT", "ETH-USDT", "ETH-USD", "BTC-USD",
            "SOL-USDC", "SOL-USD", "ETH-BTC", "USDT-USD", "USDC-USD", "BNB-USDT", "BNB-USD");

    private final Map<String, String[]> assetsBySymbol;
    private final BigDecimal maxPrice;

    private ReferenceData(Map<String, String[]> assetsBySymbol, BigDecimal maxPrice) {
        this.assetsBySymbol = assetsBySymbol;
        this.maxPrice = maxPrice;
    }

    public static ReferenceData of(List<String> symbols, BigDecimal maxPrice) {
        Map<String, String[]> assets = new HashMap<>();
        for (String symbol : symbols) {
            String[] parts = symbol.trim().split("-");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("instrument symbol must be BASE-QUOTE, got: " + symbol);
            }
            assets.put(symbol.trim(), parts);
        }
        if (maxPrice.signum() <= 0) {
            throw new IllegalArgumentException("max price must be positive");
        }
        return new ReferenceData(assets, maxPrice);
    }

    public static ReferenceData defaults() {
        return of(DEFAULT_INSTRUMENTS, new BigDecimal("1000000000"));
    }

    /** The instrument of a symbol, or null when the firm does not trade it. */
    public Instrument instrument(String symbol) {
        String[] assets = assetsBySymbol.get(symbol);
        return assets == null ? null : new Instrument(symbol, assets[0], assets[1]);
    }

    public BigDecimal maxPrice() { return maxPrice; }
}
