package org.posttrade.operators.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BookingStatus;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;
import org.posttrade.schema.VenueConfirmation;

/** Consistent sample records for the reconciliation tests: a fill, its confirmation and its booking agree. */
final class ReconFixtures {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Instrument BTC_USDT = new Instrument("BTC-USDT", "BTC", "USDT");
    static final String EXECUTIONS = "posttrade.execution-reports";
    static final String CONFIRMATIONS = "posttrade.venue-confirmations";
    static final String BOOKINGS = "posttrade.internal-trades";

    private ReconFixtures() {}

    /** Defaults, except BINANCE's 2 min confirmation deadline and a price tolerance of 5 bps there. */
    static ReconciliationConfig config() {
        return ReconciliationConfig.builder()
                .set(ReconciliationConfig.Option.CONFIRMATION_DEADLINE, "2 min", "BINANCE")
                .set(ReconciliationConfig.Option.PRICE_TOLERANCE_BPS, "5", "BINANCE")
                .set(ReconciliationConfig.Option.FEE_TOLERANCE_BPS, "0")
                // the harness tests pin clear-on-match (numKeyedStateEntries() == 0); the lingering default is
                // tested where it matters (BookingMatcherTest, ConfirmationMatcherTest: ...WithTheDefaultLinger...)
                .set(ReconciliationConfig.Option.MATCH_LINGER, "0 s")
                .build();
    }

    static long at(Duration sinceT0) {
        return T0.plus(sinceT0).toEpochMilli();
    }

    static long min(long minutes) {
        return at(Duration.ofMinutes(minutes));
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static ExecutionReport.Builder fill(String execId) {
        return ExecutionReport.newBuilder()
                .setEventId("BINANCE/" + execId).setVenue("BINANCE").setExecId(execId).setOrderId("O-1")
                .setClOrdId("C-1").setAccount("ACC-1").setInstrument(BTC_USDT)
                .setSide(Side.BUY).setExecType(ExecType.TRADE).setOrdStatus(OrdStatus.PARTIALLY_FILLED)
                .setExecRefId(null)
                .setLastQty(Decimals.of("0.5")).setLastPx(Decimals.of("64000.5"))
                .setCumQty(Decimals.of("0.5")).setLeavesQty(Decimals.of("0.5"))
                .setCommission(Decimals.of("0.0001")).setCommissionAsset("BNB")
                .setLiquidityIndicator(LiquidityIndicator.ADDED)
                .setTransactTime(T0).setTradeDate(LocalDate.of(2026, 11, 22))
                .setMeta(new SourceMetadata("test", T0, null));
    }

    static ExecutionReport.Builder correction(String execId, String refId) {
        return fill(execId).setExecType(ExecType.TRADE_CORRECT).setExecRefId(refId);
    }

    static ExecutionReport.Builder bust(String execId, String refId) {
        return fill(execId).setExecType(ExecType.TRADE_CANCEL).setExecRefId(refId).setLastQty(Decimals.ZERO);
    }

    static VenueConfirmation.Builder confirmation(String execId) {
        return VenueConfirmation.newBuilder()
                .setEventId("BINANCE/CF-" + execId).setConfirmId("CF-" + execId).setVenue("BINANCE")
                .setExecId(execId).setAccount("ACC-1").setInstrument(BTC_USDT).setSide(Side.BUY)
                .setQuantity(Decimals.of("0.5")).setPrice(Decimals.of("64000.5"))
                .setFee(Decimals.of("0.0001")).setFeeAsset("BNB").setStatus(ConfirmationStatus.CONFIRMED)
                .setRejectReason(null).setTradeTime(T0).setConfirmTime(T0.plusSeconds(30))
                .setMeta(new SourceMetadata("test", T0, null));
    }

    static InternalTrade.Builder booking(String clOrdId) {
        return InternalTrade.newBuilder()
                .setEventId("T-" + clOrdId + "/1").setTradeId("T-" + clOrdId).setVersion(1)
                .setBookingStatus(BookingStatus.NEW).setClOrdId(clOrdId).setAccount("ACC-1").setDesk("DELTA-ONE")
                .setStrategy("S1").setInstrument(BTC_USDT).setSide(Side.BUY).setOrderedQty(Decimals.of("1"))
                .setPriceType(PriceType.LIMIT).setLimitPrice(Decimals.of("64100")).setAveragePrice(null)
                .setIntendedVenue("BINANCE").setBookedTime(T0.minusSeconds(1)).setFillDeadline(null)
                .setMeta(new SourceMetadata("OMS", T0, null));
    }

    static <T extends SpecificRecord> Sourced<T> sourced(T record, String topic, long offset) {
        return Sourced.of(record, topic, 0, offset, 0L);
    }

    static Sourced<ExecutionReport> exec(ExecutionReport r, long offset) {
        return sourced(r, EXECUTIONS, offset);
    }

    static Sourced<VenueConfirmation> conf(VenueConfirmation c, long offset) {
        return sourced(c, CONFIRMATIONS, offset);
    }

    static Sourced<InternalTrade> book(InternalTrade t, long offset) {
        return sourced(t, BOOKINGS, offset);
    }

    /** The effective fill of a plain TRADE, version 1, as the fill normalizer emits it. */
    static EffectiveFill effective(ExecutionReport r, long offset) {
        EffectiveFill f = new EffectiveFill();
        f.setVenue(r.getVenue());
        f.setClOrdId(r.getClOrdId());
        f.setExecId(r.getExecId());
        f.setEffectiveExecId(r.getExecId());
        f.setOrderId(r.getOrderId());
        f.setAccount(r.getAccount());
        f.setInstrument(r.getInstrument());
        f.setSide(r.getSide());
        f.setQuantity(r.getLastQty());
        f.setPrice(r.getLastPx());
        f.setCommission(r.getCommission() == null ? Decimals.ZERO : r.getCommission());
        f.setCommissionAsset(r.getCommissionAsset());
        f.setExecutionTime(r.getTransactTime().toEpochMilli());
        f.setChangeTime(r.getTransactTime().toEpochMilli());
        f.setBusted(false);
        f.setVersion(1);
        f.setCorrections(0);
        f.setEvidence(new ArrayList<>(List.of(exec(r, offset).evidence(r.getEventId()))));
        return f;
    }

    static EffectiveFill effective(String execId) {
        return effective(fill(execId).build(), 100);
    }

    /** A later version of {@code f} whose terms come from {@code correction}. */
    static EffectiveFill corrected(EffectiveFill f, ExecutionReport correction, long offset) {
        EffectiveFill next = effective(correction, offset);
        next.setExecId(f.getExecId());
        next.setExecutionTime(f.getExecutionTime());
        next.setVersion(f.getVersion() + 1);
        next.setCorrections(f.getCorrections() + 1);
        next.setEvidence(Evidence.merge(f.getEvidence(), next.getEvidence()));
        return next;
    }

    static EffectiveFill busted(EffectiveFill f, ExecutionReport bust, long offset) {
        EffectiveFill next = corrected(f, bust, offset);
        next.setCorrections(f.getCorrections());
        next.setQuantity(Decimals.ZERO);
        next.setCommission(Decimals.ZERO);
        next.setPrice(f.getPrice());
        next.setBusted(true);
        return next;
    }

    static <T> List<T> values(ConcurrentLinkedQueue<StreamRecord<T>> queue) {
        List<T> out = new ArrayList<>();
        if (queue != null) {
            queue.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
