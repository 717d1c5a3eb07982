package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.posttrade.contracts.Decimals;
import org.posttrade.schema.BookingStatus;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;
import org.posttrade.schema.VenueConfirmation;

/** Builders of contract records from the model's values; every decimal goes through {@link Decimals#of}. */
final class Records {
    static final String MARK_SOURCE = "COMPOSITE-INDEX";

    private Records() {}

    static Instrument instrument(String symbol, String base, String quote) {
        return Instrument.newBuilder().setSymbol(symbol).setBaseAsset(base).setQuoteAsset(quote).build();
    }

    static Instrument instrument(ReferenceData.InstrumentSpec spec) {
        return instrument(spec.symbol(), spec.baseAsset(), spec.quoteAsset());
    }

    static SourceMetadata meta(String sourceSystem, long eventTime, long latencyMillis, String correlationId) {
        return SourceMetadata.newBuilder().setSourceSystem(sourceSystem)
                .setProducedAt(Instant.ofEpochMilli(eventTime + latencyMillis)).setCorrelationId(correlationId).build();
    }

    static LocalDate date(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Values of one execution report; the builder keeps the call sites readable. */
    record Execution(String venue, String execId, String orderId, String clOrdId, String account, Instrument instrument,
                     Side side, ExecType execType, OrdStatus ordStatus, String execRefId, BigDecimal lastQty,
                     BigDecimal lastPx, BigDecimal cumQty, BigDecimal leavesQty, BigDecimal commission,
                     String commissionAsset, LiquidityIndicator liquidity, long transactTime) {}

    static ExecutionReport executionReport(Execution e, long latencyMillis, String correlationId) {
        return ExecutionReport.newBuilder()
                .setEventId(e.venue() + "/" + e.execId())
                .setVenue(e.venue())
                .setExecId(e.execId())
                .setOrderId(e.orderId())
                .setClOrdId(e.clOrdId())
                .setAccount(e.account())
                .setInstrument(e.instrument())
                .setSide(e.side())
                .setExecType(e.execType())
                .setOrdStatus(e.ordStatus())
                .setExecRefId(e.execRefId())
                .setLastQty(Decimals.of(e.lastQty()))
                .setLastPx(Decimals.of(e.lastPx()))
                .setCumQty(Decimals.of(e.cumQty()))
                .setLeavesQty(Decimals.of(e.leavesQty()))
                .setCommission(e.commission() == null ? null : Decimals.of(e.commission()))
                .setCommissionAsset(e.commissionAsset())
                .setLiquidityIndicator(e.liquidity())
                .setTransactTime(Instant.ofEpochMilli(e.transactTime()))
                .setTradeDate(date(e.transactTime()))
                .setSettlDate(null)
                .setMeta(meta(e.venue() + "-FIX-GW", e.transactTime(), latencyMillis, correlationId))
                .build();
    }

    /** Values of one venue confirmation. */
    record Confirmation(String venue, String confirmId, String execId, String account, Instrument instrument, Side side,
                        BigDecimal quantity, BigDecimal price, BigDecimal fee, String feeAsset,
                        ConfirmationStatus status, String rejectReason, long tradeTime, long confirmTime) {}

    static VenueConfirmation venueConfirmation(Confirmation c, long latencyMillis) {
        return VenueConfirmation.newBuilder()
                .setEventId(c.venue() + "/" + c.confirmId())
                .setConfirmId(c.confirmId())
                .setVenue(c.venue())
                .setExecId(c.execId())
                .setAccount(c.account())
                .setInstrument(c.instrument())
                .setSide(c.side())
                .setQuantity(Decimals.of(c.quantity()))
                .setPrice(Decimals.of(c.price()))
                .setFee(Decimals.of(c.fee()))
                .setFeeAsset(c.feeAsset())
                .setStatus(c.status())
                .setRejectReason(c.rejectReason())
                .setTradeTime(Instant.ofEpochMilli(c.tradeTime()))
                .setConfirmTime(Instant.ofEpochMilli(c.confirmTime()))
                .setMeta(meta(c.venue() + "-TRADE-CONFIRMS", c.confirmTime(), latencyMillis, null))
                .build();
    }

    /** Values of the first version of an OMS booking. */
    record Booking(String tradeId, String clOrdId, String account, String desk, String strategy, Instrument instrument,
                   Side side, BigDecimal orderedQty, PriceType priceType, BigDecimal limitPrice,
                   BigDecimal averagePrice, String intendedVenue, long bookedTime, Long fillDeadline) {}

    static InternalTrade internalTrade(Booking b, long latencyMillis) {
        return InternalTrade.newBuilder()
                .setEventId(b.tradeId() + "/1")
                .setTradeId(b.tradeId())
                .setVersion(1)
                .setBookingStatus(BookingStatus.NEW)
                .setClOrdId(b.clOrdId())
                .setAccount(b.account())
                .setDesk(b.desk())
                .setStrategy(b.strategy())
                .setInstrument(b.instrument())
                .setSide(b.side())
                .setOrderedQty(Decimals.of(b.orderedQty()))
                .setPriceType(b.priceType())
                .setLimitPrice(b.limitPrice() == null ? null : Decimals.of(b.limitPrice()))
                .setAveragePrice(b.averagePrice() == null ? null : Decimals.of(b.averagePrice()))
                .setIntendedVenue(b.intendedVenue())
                .setBookedTime(Instant.ofEpochMilli(b.bookedTime()))
                .setFillDeadline(b.fillDeadline() == null ? null : Instant.ofEpochMilli(b.fillDeadline()))
                .setMeta(meta("OMS", b.bookedTime(), latencyMillis, null))
                .build();
    }

    /** Values of one custodian report of a movement. */
    record MovementUpdate(String custodian, String movementId, long updateSequence, String account, String wallet,
                          String asset, BigDecimal amount, String network, String txHash, int confirmations,
                          MovementStatus status, BigDecimal networkFee, String networkFeeAsset,
                          String settlementReference, String counterparty, Long blockTime, long reportedTime) {}

    static CustodianConfirmation custodianConfirmation(MovementUpdate u, long latencyMillis) {
        return CustodianConfirmation.newBuilder()
                .setEventId(u.custodian() + "/" + u.movementId() + "/" + u.updateSequence())
                .setMovementId(u.movementId())
                .setUpdateSequence(u.updateSequence())
                .setCustodian(u.custodian())
                .setAccount(u.account())
                .setWallet(u.wallet())
                .setAsset(u.asset())
                .setAmount(Decimals.of(u.amount()))
                .setNetwork(u.network())
                .setTxHash(u.txHash())
                .setConfirmations(u.confirmations())
                .setStatus(u.status())
                .setNetworkFee(u.networkFee() == null ? null : Decimals.of(u.networkFee()))
                .setNetworkFeeAsset(u.networkFeeAsset())
                .setSettlementReference(u.settlementReference())
                .setCounterparty(u.counterparty())
                .setBlockTime(u.blockTime() == null ? null : Instant.ofEpochMilli(u.blockTime()))
                .setReportedTime(Instant.ofEpochMilli(u.reportedTime()))
                .setMeta(meta(u.custodian() + "-API", u.reportedTime(), latencyMillis, null))
                .build();
    }

    /** The wallet (vault) an account keeps an asset in at its custodian. */
    static String wallet(String account, String asset) {
        return "VAULT-" + account.substring(account.indexOf('-') + 1) + "-" + asset;
    }

    static MarkPrice markPrice(ReferenceData.InstrumentSpec spec, BigDecimal price, long time, long latencyMillis) {
        return MarkPrice.newBuilder()
                .setEventId(MARK_SOURCE + "/" + spec.symbol() + "/" + Instant.ofEpochMilli(time))
                .setInstrument(instrument(spec))
                .setPrice(Decimals.of(price))
                .setPriceSource(MARK_SOURCE)
                .setPriceTime(Instant.ofEpochMilli(time))
                .setMeta(meta(MARK_SOURCE, time, latencyMillis, null))
                .build();
    }

    /** Rounds to a multiple of the tick. */
    static BigDecimal toTick(BigDecimal value, BigDecimal tick, RoundingMode mode) {
        return value.divide(tick, 0, mode).multiply(tick);
    }

    /** Plain text of a decimal for the ground truth, without trailing zeros. */
    static String text(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
