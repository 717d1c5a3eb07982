package org.posttrade.operators.testing;

import java.time.Instant;
import java.time.LocalDate;
import org.posttrade.contracts.Decimals;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;

/** Valid sample records for operator tests; tests change one field to break one rule. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private Samples() {}

    public static ExecutionReport.Builder fill(String execId) {
        return ExecutionReport.newBuilder()
                .setEventId("BINANCE/" + execId).setVenue("BINANCE").setExecId(execId).setOrderId("O-1")
                .setClOrdId("C-1").setAccount("ACC-1").setInstrument(new Instrument("BTC-USDT", "BTC", "USDT"))
                .setSide(Side.BUY).setExecType(ExecType.TRADE).setOrdStatus(OrdStatus.PARTIALLY_FILLED)
                .setLastQty(Decimals.of("0.5")).setLastPx(Decimals.of("64000.5"))
                .setCumQty(Decimals.of("0.5")).setLeavesQty(Decimals.of("0.5"))
                .setCommission(Decimals.of("0.0001")).setCommissionAsset("BNB")
                .setLiquidityIndicator(LiquidityIndicator.ADDED)
                .setTransactTime(T0).setTradeDate(LocalDate.of(2026, 11, 22))
                .setMeta(new SourceMetadata("test", T0, null));
    }
}
