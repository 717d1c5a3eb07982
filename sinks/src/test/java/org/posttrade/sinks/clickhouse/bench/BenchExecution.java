package org.posttrade.sinks.clickhouse.bench;

import java.math.BigDecimal;

/** An execution-like row of 19 columns for the benchmark; a Flink POJO. */
public class BenchExecution {
    private static final String[] VENUES = {"BINANCE", "COINBASE", "KRAKEN", "OKX", "BYBIT"};
    private static final String[] INSTRUMENTS = {"BTC-USDT", "ETH-USDT", "SOL-USDT", "BTC-USD", "ETH-BTC"};
    private static final long BASE_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    public String execId;
    public String orderId;
    public String tradeId;
    public String venue;
    public String account;
    public String instrument;
    public String side;
    public String liquidity;
    public String status;
    public BigDecimal quantity;
    public BigDecimal price;
    public BigDecimal notional;
    public BigDecimal fee;
    public String feeAsset;
    public long execTimeMs;
    public long receivedTimeMs;
    public long sequence;
    public String sourceTopic;
    public long version;

    /** Row {@code i}: deterministic, distinct exec ids, realistic value shapes. */
    public static BenchExecution of(long i) {
        BenchExecution e = new BenchExecution();
        int v = (int) (i % VENUES.length);
        e.execId = VENUES[v] + "-E" + i;
        e.orderId = VENUES[v] + "-O" + (i / 3);
        e.tradeId = "T" + i;
        e.venue = VENUES[v];
        e.account = "ACC-" + (i % 97);
        e.instrument = INSTRUMENTS[(int) (i % INSTRUMENTS.length)];
        e.side = (i & 1) == 0 ? "BUY" : "SELL";
        e.liquidity = i % 3 == 0 ? "MAKER" : "TAKER";
        e.status = "FILLED";
        e.quantity = BigDecimal.valueOf(1_000_000L + i % 1_000_000L, 8);
        e.price = BigDecimal.valueOf(6_500_000L + i % 100_000L, 2);
        e.notional = e.quantity.multiply(e.price);
        e.fee = BigDecimal.valueOf(i % 10_000L, 10);
        e.feeAsset = "USDT";
        e.execTimeMs = BASE_TIME + i;
        e.receivedTimeMs = BASE_TIME + i + 3;
        e.sequence = i;
        e.sourceTopic = "posttrade.executions";
        e.version = 1;
        return e;
    }
}
