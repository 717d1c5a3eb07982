package org.posttrade.sinks.clickhouse.rows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BookingStatus;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.CostMethod;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PositionType;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.PriceStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementDirection;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.SettlementStatus;
import org.posttrade.schema.Severity;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;

/** Sample records of every contract the reporting model stores, with exact decimals at the edges of Decimal(38, 18). */
public final class SampleRecords {
    public static final Instant T0 = Instant.parse("2026-03-05T10:15:30.123Z");
    public static final Instant PRODUCED = Instant.parse("2026-03-05T10:15:30.456Z");
    public static final Instrument BTC_USDT = instrument("BTC-USDT");
    /** Largest magnitude Decimal(38, 18) holds: 20 integer digits, 18 places. */
    public static final BigDecimal LARGE = Decimals.of("12345678901234567890.123456789012345678");
    public static final BigDecimal TINY = Decimals.of("0.000000000000000001");

    private SampleRecords() {}

    public static Instrument instrument(String symbol) {
        String[] parts = symbol.split("-");
        return Instrument.newBuilder().setSymbol(symbol).setBaseAsset(parts[0]).setQuoteAsset(parts[1]).build();
    }

    public static BigDecimal d(String value) { return Decimals.of(value); }

    public static SourceMetadata meta(Instant producedAt) {
        return SourceMetadata.newBuilder().setSourceSystem("BINANCE-FIX-GW").setProducedAt(producedAt)
                .setCorrelationId("seq-42").build();
    }

    public static List<EvidenceRef> evidence() {
        return List.of(
                EvidenceRef.newBuilder().setEventType("ExecutionReport").setEventId("BINANCE/exec-1")
                        .setTopic("posttrade.execution-reports").setPartition(3).setOffset(1234567890123L).build(),
                EvidenceRef.newBuilder().setEventType("ReconciliationBreak").setEventId("derived-1").build());
    }

    public static ExecutionReport.Builder execution(String venue, String execId) {
        return ExecutionReport.newBuilder()
                .setEventId(venue + "/" + execId).setVenue(venue).setExecId(execId).setOrderId("ord-1")
                .setClOrdId("cl-1").setAccount("ACC-1").setInstrument(BTC_USDT).setSide(Side.BUY)
                .setExecType(ExecType.TRADE).setOrdStatus(OrdStatus.PARTIALLY_FILLED).setExecRefId(null)
                .setLastQty(d("0.123456789012345678")).setLastPx(d("65432.1"))
                .setCumQty(d("0.5")).setLeavesQty(TINY).setCommission(d("0.000012")).setCommissionAsset("BNB")
                .setLiquidityIndicator(LiquidityIndicator.REMOVED).setTransactTime(T0)
                .setTradeDate(LocalDate.of(2026, 3, 5)).setSettlDate(LocalDate.of(2026, 3, 6))
                .setMeta(meta(PRODUCED));
    }

    public static Sourced<ExecutionReport> sourcedExecution() {
        return Sourced.of(execution("BINANCE", "exec-1").build(), "posttrade.execution-reports", 2, 9876543210L,
                T0.toEpochMilli() + 5);
    }

    public static Sourced<InternalTrade> sourcedInternalTrade() {
        InternalTrade t = InternalTrade.newBuilder()
                .setEventId("T-1/2").setTradeId("T-1").setVersion(2).setBookingStatus(BookingStatus.AMENDED)
                .setClOrdId("cl-1").setAccount("ACC-1").setDesk("DELTA-ONE").setStrategy("basis")
                .setInstrument(BTC_USDT).setSide(Side.SELL).setOrderedQty(LARGE).setPriceType(PriceType.LIMIT)
                .setLimitPrice(d("65000")).setAveragePrice(null).setIntendedVenue("BINANCE").setBookedTime(T0)
                .setFillDeadline(null).setMeta(meta(PRODUCED)).build();
        return Sourced.of(t, "posttrade.internal-trades", 0, 7L, T0.toEpochMilli());
    }

    public static Sourced<VenueConfirmation> sourcedVenueConfirmation() {
        VenueConfirmation c = VenueConfirmation.newBuilder()
                .setEventId("BINANCE/conf-1").setConfirmId("conf-1").setVenue("BINANCE").setExecId("exec-1")
                .setAccount("ACC-1").setInstrument(BTC_USDT).setSide(Side.BUY).setQuantity(d("0.123456789012345678"))
                .setPrice(d("65432.1")).setFee(Decimals.ZERO).setFeeAsset("USDT").setStatus(ConfirmationStatus.REJECTED)
                .setRejectReason("unknown exec\twith tab").setTradeTime(T0).setConfirmTime(T0.plusSeconds(60))
                .setMeta(meta(PRODUCED)).build();
        return Sourced.of(c, "posttrade.venue-confirmations", 5, 11L, T0.toEpochMilli());
    }

    public static CustodianConfirmation.Builder custodian(String custodian, String movementId, long sequence) {
        return CustodianConfirmation.newBuilder()
                .setEventId(custodian + "/" + movementId + "/" + sequence).setMovementId(movementId)
                .setUpdateSequence(sequence).setCustodian(custodian).setAccount("ACC-1").setWallet("vault-7")
                .setAsset("BTC").setAmount(d("-1.5")).setNetwork("BITCOIN").setTxHash("0xabc").setConfirmations(6)
                .setStatus(MovementStatus.CONFIRMED).setNetworkFee(d("0.0001")).setNetworkFeeAsset("BTC")
                .setSettlementReference("BINANCE/ACC-1/BTC/c1").setCounterparty("BINANCE")
                .setBlockTime(T0.minusSeconds(30)).setReportedTime(T0).setMeta(meta(PRODUCED));
    }

    public static Sourced<CustodianConfirmation> sourcedCustodian() {
        return Sourced.of(custodian("FIREBLOCKS", "mv-1", 3).build(), "posttrade.custodian-confirmations", 1, 99L,
                T0.toEpochMilli());
    }

    public static Sourced<MarkPrice> sourcedMarkPrice() {
        MarkPrice p = MarkPrice.newBuilder().setEventId("INDEX/BTC-USDT/" + T0.toEpochMilli()).setInstrument(BTC_USDT)
                .setPrice(d("65000.000000000000000001")).setPriceSource("INDEX").setPriceTime(T0)
                .setMeta(meta(PRODUCED)).build();
        return Sourced.of(p, "posttrade.mark-prices", 0, 5L, T0.toEpochMilli());
    }

    public static TradeLifecycleEvent lifecycle(String tradeKey, long version, LifecycleState state, Instant time) {
        return TradeLifecycleEvent.newBuilder().setLifecycleId(tradeKey + "/" + version).setTradeKey(tradeKey)
                .setVersion(version).setState(state).setVenue("BINANCE").setAccount("ACC-1").setDesk(null)
                .setInstrument(BTC_USDT).setSide(null).setQuantity(d("0.5")).setPrice(null).setEventTime(time)
                .setProcessedTime(time.plusMillis(7)).setEvidence(evidence()).build();
    }

    public static ReconciliationBreak.Builder reconciliationBreak(String breakId, int version, BreakStatus status,
                                                                  Instant detected, Instant eventTime) {
        return ReconciliationBreak.newBuilder().setBreakId(breakId).setVersion(version)
                .setBreakType(BreakType.PRICE_MISMATCH).setSeverity(Severity.HIGH).setStatus(status)
                .setMatchKey("BINANCE/BTC-USDT/exec-1").setVenue("BINANCE").setAccount("ACC-1")
                .setInstrument("BTC-USDT").setAsset(null).setField("price").setExpectedValue("65432.1")
                .setActualValue("65432.2").setDifference(d("-0.1")).setDescription("price differs by 0.1")
                .setEventTime(eventTime).setDetectedTime(detected).setResolvedTime(null).setEvidence(evidence());
    }

    public static PositionUpdate.Builder position(String positionKey, long version, Instant asOf) {
        return PositionUpdate.newBuilder().setPositionKey(positionKey).setVersion(version)
                .setPositionType(PositionType.INSTRUMENT).setAccount("ACC-1").setDesk("DELTA-ONE")
                .setInstrument("BTC-USDT").setAsset("BTC").setQuoteAsset("USDT").setQuantity(d("-0.5"))
                .setCostBasis(d("32716.05")).setAverageCost(d("65432.1")).setRealizedPnl(d("12.345"))
                .setFees(d("0.5")).setMarkPrice(d("65000")).setUnrealizedPnl(d("216.05")).setReportingCurrency("USD")
                .setRealizedPnlReporting(d("12.345")).setUnrealizedPnlReporting(null)
                .setCostMethod(CostMethod.FIFO).setPriceStatus(PriceStatus.OK).setAsOf(asOf).setEvidence(evidence());
    }

    public static SettlementInstruction.Builder instruction(String instructionId, int version,
                                                            SettlementStatus status) {
        return SettlementInstruction.newBuilder().setInstructionId(instructionId).setVersion(version)
                .setVenue("BINANCE").setAccount("ACC-1").setAsset("BTC").setDirection(SettlementDirection.RECEIVE)
                .setAmount(d("2")).setCounterparty("Binance Settlement Ltd").setCycleId("BINANCE/2026-03-05T04:00Z")
                .setCycleStart(Instant.parse("2026-03-05T00:00:00Z")).setCutoffTime(Instant.parse("2026-03-05T04:00:00Z"))
                .setSettlementDeadline(Instant.parse("2026-03-05T08:00:00Z")).setStatus(status)
                .setNettedTradeIds(List.of("BINANCE/exec-1", "BINANCE/exec-2")).setEvidence(evidence());
    }

    public static Alert alert() {
        return Alert.newBuilder().setAlertId("alert-1").setAlertType(AlertType.EXCESSIVE_CORRECTIONS)
                .setSeverity(Severity.CRITICAL).setAlertKey("BINANCE").setVenue("BINANCE").setInstrument(null)
                .setDescription("5 corrections in 10 minutes").setWindowStart(T0.minusSeconds(600)).setWindowEnd(T0)
                .setBreakIds(List.of("b-1", "b-2")).setDetectedTime(T0).setEvidence(List.of()).build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setDeadLetterId("posttrade.execution-reports/2/77")
                .setStage(DeadLetterStage.DECODE).setReason("magic byte 0x7b is not 0").setErrorClass(null)
                .setRecordType("ExecutionReport").setSourceTopic("posttrade.execution-reports").setSourcePartition(2)
                .setSourceOffset(77L).setSourceTimestamp(T0).setSchemaId(null)
                .setKey(ByteBuffer.wrap("BINANCE/exec-9".getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, (byte) 0xff, 1}))
                .setSink(null).setDetectedTime(T0.plusSeconds(1)).build();
    }

    public static AuditLogEntry auditEntry() {
        ReconciliationBreak b = reconciliationBreak("b-1", 2, BreakStatus.AUTO_RESOLVED, T0, T0.plusSeconds(90))
                .build();
        return AuditLogEntry.ofBreak(b, "OPEN");
    }

    /** A balance with a settlement figure (the hook), at the largest and smallest scale-18 magnitudes. */
    public static VenueBalanceRow venueBalance(String venue, long version, String quantity, String unsettled) {
        return new VenueBalanceRow(venue, "ACC-1", "BTC", version, d(quantity),
                unsettled == null ? null : d(unsettled), T0.toEpochMilli(), evidence());
    }

    /** A partly settled instruction version: two movements, one final, one pending. */
    public static SettlementStatusEntry settlementStatus() {
        SettlementStatusEntry s = new SettlementStatusEntry();
        s.setInstructionId("BINANCE/ACC-1/BTC/BINANCE/2026-03-05T00:00Z");
        s.setVersion(3);
        s.setVenue("BINANCE");
        s.setAccount("ACC-1");
        s.setAsset("BTC");
        s.setCustodian("FIREBLOCKS");
        s.setDirection("RECEIVE");
        s.setStatus("PARTIALLY_SETTLED");
        s.setAmount(d("2"));
        s.setSettledAmount(d("1.250000000000000001"));
        s.setPendingAmount(d("0.5"));
        s.setUnsettledAmount(d("0.749999999999999999"));
        s.setNetworkFees(d("0.0001"));
        s.setMovementIds(java.util.List.of("M-1", "M-2"));
        s.setTxHashes(java.util.List.of("0xabc", ""));
        s.setConfirmations(java.util.List.of(6, 1));
        s.setMovementStatuses(java.util.List.of("CONFIRMED", "PENDING"));
        s.setCycleId("BINANCE/2026-03-05T00:00Z");
        s.setCycleStart(Instant.parse("2026-03-05T00:00:00Z").toEpochMilli());
        s.setCutoffTime(Instant.parse("2026-03-05T04:00:00Z").toEpochMilli());
        s.setSettlementDeadline(Instant.parse("2026-03-05T06:00:00Z").toEpochMilli());
        s.setEventTime(Instant.parse("2026-03-05T04:40:00Z").toEpochMilli());
        s.setSettledTime(null);
        return s;
    }
}
