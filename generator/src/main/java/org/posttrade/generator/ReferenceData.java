package org.posttrade.generator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The static world the generator trades in: instruments with their ticks and lots, venues with their fee schedules
 * and confirmation habits, the firm's accounts with their desks and custodians, and the networks assets settle on.
 * Data, not logic: the scenario reads these tables and nothing else decides a price grid or a network.
 */
public final class ReferenceData {
    private ReferenceData() {}

    /** A spot instrument as the generator prices it: grid (tick, lot), size range and how its mark moves. */
    public record InstrumentSpec(String symbol, String baseAsset, String quoteAsset, BigDecimal initialMark,
                                 BigDecimal tick, BigDecimal lot, BigDecimal minQty, BigDecimal maxQty,
                                 int markScale, int markStepTenthBps, boolean stablecoin) {}

    /** A venue: instruments listed, maker/taker fee rates, how often fees are paid in BNB, confirmation delays. */
    public record VenueSpec(String name, List<String> symbols, BigDecimal makerRate, BigDecimal takerRate,
                            double bnbFeeShare, Duration minConfirmDelay, Duration maxConfirmDelay,
                            Duration defaultConfirmDeadline, int weight) {}

    /** One of the firm's trading accounts: the desk that owns it, its strategies and the custodian of its wallets. */
    public record AccountSpec(String name, String desk, List<String> strategies, String custodian, int weight,
                              double stablecoinPreference) {}

    /** A settlement network: finality, block time, the asset its fees are paid in and their range. */
    public record NetworkSpec(String name, int requiredConfirmations, long blockMillis, String feeAsset,
                              BigDecimal minFee, BigDecimal maxFee) {}

    public static final List<InstrumentSpec> INSTRUMENTS = List.of(
            new InstrumentSpec("BTC-USDT", "BTC", "USDT", new BigDecimal("96250.00"), new BigDecimal("0.01"),
                    new BigDecimal("0.00001"), new BigDecimal("0.001"), new BigDecimal("1.5"), 4, 40, false),
            new InstrumentSpec("BTC-USD", "BTC", "USD", new BigDecimal("96238.50"), new BigDecimal("0.01"),
                    new BigDecimal("0.00001"), new BigDecimal("0.001"), new BigDecimal("1.5"), 4, 40, false),
            new InstrumentSpec("ETH-USD", "ETH", "USD", new BigDecimal("3412.55"), new BigDecimal("0.01"),
                    new BigDecimal("0.0001"), new BigDecimal("0.01"), new BigDecimal("40"), 4, 50, false),
            new InstrumentSpec("ETH-BTC", "ETH", "BTC", new BigDecimal("0.035457"), new BigDecimal("0.00001"),
                    new BigDecimal("0.0001"), new BigDecimal("0.01"), new BigDecimal("40"), 7, 30, false),
            new InstrumentSpec("SOL-USDC", "SOL", "USDC", new BigDecimal("241.37"), new BigDecimal("0.01"),
                    new BigDecimal("0.01"), new BigDecimal("0.5"), new BigDecimal("1500"), 4, 70, false),
            new InstrumentSpec("USDT-USD", "USDT", "USD", new BigDecimal("0.99982"), new BigDecimal("0.0001"),
                    new BigDecimal("0.01"), new BigDecimal("1000"), new BigDecimal("500000"), 6, 0, true),
            new InstrumentSpec("USDC-USD", "USDC", "USD", new BigDecimal("1.00006"), new BigDecimal("0.0001"),
                    new BigDecimal("0.01"), new BigDecimal("1000"), new BigDecimal("500000"), 6, 0, true));

    public static final List<VenueSpec> VENUES = List.of(
            new VenueSpec("BINANCE", List.of("BTC-USDT", "ETH-BTC", "SOL-USDC"), new BigDecimal("0.0002"),
                    new BigDecimal("0.0004"), 0.3, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(5), 35),
            new VenueSpec("COINBASE", List.of("BTC-USD", "ETH-USD", "USDT-USD"), new BigDecimal("0.0004"),
                    new BigDecimal("0.0008"), 0.0, Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofMinutes(10), 20),
            new VenueSpec("KRAKEN", List.of("BTC-USD", "ETH-USD", "ETH-BTC", "USDT-USD", "USDC-USD"),
                    new BigDecimal("0.00025"), new BigDecimal("0.0004"), 0.0, Duration.ofSeconds(30),
                    Duration.ofSeconds(300), Duration.ofMinutes(15), 20),
            new VenueSpec("OKX", List.of("BTC-USDT", "ETH-BTC", "SOL-USDC"), new BigDecimal("0.0002"),
                    new BigDecimal("0.0005"), 0.0, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5), 25));

    public static final List<AccountSpec> ACCOUNTS = List.of(
            new AccountSpec("ACC-ALPHA", "DELTA-ONE", List.of("BASIS-ARB", "MOMENTUM"), "FIREBLOCKS", 40, 0.0),
            new AccountSpec("ACC-BETA", "MARKET-MAKING", List.of("MM-MAJORS", "MM-ALTS"), "COPPER", 40, 0.0),
            new AccountSpec("ACC-GAMMA", "TREASURY", List.of("STABLE-REBALANCE", "FX-HEDGE"), "ANCHORAGE", 20, 0.6));

    public static final Map<String, NetworkSpec> NETWORKS = networks();

    /** Decimal places each asset is quoted in for fees (the venue rounds fees to these). */
    public static final Map<String, Integer> ASSET_PRECISION = Map.of("BTC", 8, "ETH", 8, "SOL", 8, "USDT", 6,
            "USDC", 6, "USD", 2, "BNB", 8);

    /** Price of BNB in USDT the venue converts BNB fees at (fixed: BNB is not one of the marked instruments). */
    public static final BigDecimal BNB_PRICE_USDT = new BigDecimal("652.40");

    /** BINANCE discounts fees paid in BNB. */
    public static final BigDecimal BNB_FEE_DISCOUNT = new BigDecimal("0.75");

    private static Map<String, NetworkSpec> networks() {
        Map<String, NetworkSpec> m = new LinkedHashMap<>();
        m.put("BITCOIN", new NetworkSpec("BITCOIN", 3, 600_000, "BTC", new BigDecimal("0.00001"), new BigDecimal("0.00008")));
        m.put("ETHEREUM", new NetworkSpec("ETHEREUM", 12, 12_000, "ETH", new BigDecimal("0.0003"), new BigDecimal("0.002")));
        m.put("SOLANA", new NetworkSpec("SOLANA", 32, 400, "SOL", new BigDecimal("0.000005"), new BigDecimal("0.00002")));
        m.put("TRON", new NetworkSpec("TRON", 19, 3_000, "TRX", new BigDecimal("1"), new BigDecimal("15")));
        m.put("BNB_SMART_CHAIN", new NetworkSpec("BNB_SMART_CHAIN", 15, 3_000, "BNB", new BigDecimal("0.00005"), new BigDecimal("0.0003")));
        m.put("FEDWIRE", new NetworkSpec("FEDWIRE", 1, 0, null, null, null));
        return Map.copyOf(m);
    }

    /** The network an asset settles on with a venue (stablecoins travel on different chains per venue). */
    public static NetworkSpec network(String venue, String asset) {
        String name = switch (asset) {
            case "BTC" -> "BITCOIN";
            case "ETH" -> "ETHEREUM";
            case "SOL" -> "SOLANA";
            case "BNB" -> "BNB_SMART_CHAIN";
            case "USD" -> "FEDWIRE";
            case "USDT" -> venue.equals("BINANCE") || venue.equals("OKX") ? "TRON" : "ETHEREUM";
            case "USDC" -> venue.equals("BINANCE") || venue.equals("OKX") ? "SOLANA" : "ETHEREUM";
            default -> throw new IllegalArgumentException("no settlement network for asset " + asset);
        };
        return NETWORKS.get(name);
    }

    public static InstrumentSpec instrument(String symbol) {
        for (InstrumentSpec spec : INSTRUMENTS) {
            if (spec.symbol().equals(symbol)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown instrument " + symbol);
    }

    public static VenueSpec venue(String name) {
        for (VenueSpec spec : VENUES) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown venue " + name);
    }

    public static AccountSpec account(String name) {
        return ACCOUNTS.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown account " + name));
    }

    public static int precision(String asset) {
        return Objects.requireNonNull(ASSET_PRECISION.get(asset), () -> "no precision for asset " + asset);
    }

    public static boolean isUsdLike(String asset) {
        return asset.equals("USD") || asset.equals("USDT") || asset.equals("USDC");
    }
}
