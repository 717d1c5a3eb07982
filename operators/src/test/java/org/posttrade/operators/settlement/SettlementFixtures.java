package org.posttrade.operators.settlement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.Side;
import org.posttrade.schema.SourceMetadata;

/** Sample fills, obligations and custodian movements for the settlement tests (hourly cycles from T0). */
final class SettlementFixtures {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final long CUTOFF = T0.plus(Duration.ofHours(1)).toEpochMilli();
    static final String CYCLE = "BINANCE/2026-11-22T10:00Z";
    static final String BTC_ID = "BINANCE/ACC-1/BTC/" + CYCLE;
    static final Instrument BTC_USDT = new Instrument("BTC-USDT", "BTC", "USDT");
    static final String MOVEMENTS_TOPIC = "posttrade.custodian-confirmations";

    private SettlementFixtures() {}

    /** Hourly cycles, 2 h deadline, 30 min grace and retention, BITCOIN final at 6 confirmations. */
    static SettlementConfig config() {
        return SettlementConfig.builder()
                .set(SettlementConfig.Option.MOVEMENT_GRACE, "30 min")
                .set(SettlementConfig.Option.SETTLED_RETENTION, "30 min")
                .set(SettlementConfig.Option.AMENDMENT_WINDOW, "30 min")
                .build();
    }

    static long min(long minutes) {
        return T0.toEpochMilli() + Duration.ofMinutes(minutes).toMillis();
    }

    static EffectiveFill fill(String execId, Side side, String qty, String price, String fee, String feeAsset,
                              long time) {
        EffectiveFill f = new EffectiveFill();
        f.setVenue("BINANCE");
        f.setClOrdId("C-" + execId);
        f.setExecId(execId);
        f.setEffectiveExecId(execId);
        f.setOrderId("O-" + execId);
        f.setAccount("ACC-1");
        f.setInstrument(BTC_USDT);
        f.setSide(side);
        f.setQuantity(Decimals.of(qty));
        f.setPrice(Decimals.of(price));
        f.setCommission(Decimals.of(fee));
        f.setCommissionAsset(feeAsset);
        f.setExecutionTime(time);
        f.setChangeTime(time);
        f.setVersion(1);
        f.setEvidence(new ArrayList<>(List.of(EvidenceRef.newBuilder().setEventType("ExecutionReport")
                .setEventId("BINANCE/" + execId).setTopic("posttrade.execution-reports").setPartition(0)
                .setOffset((long) Math.abs(execId.hashCode() % 1000)).build())));
        return f;
    }

    /** An obligation of ACC-1 in BTC at BINANCE for the T0 cycle; signed net (+ receive). */
    static Obligation obligation(String net) {
        return obligation("BTC", net, 1);
    }

    static Obligation obligation(String asset, String net, int revision) {
        Obligation o = new Obligation();
        o.setInstructionId("BINANCE/ACC-1/" + asset + "/" + CYCLE);
        o.setRevision(revision);
        o.setVenue("BINANCE");
        o.setAccount("ACC-1");
        o.setAsset(asset);
        o.setCounterparty("BINANCE");
        o.setCycleId(CYCLE);
        o.setCycleStart(T0.toEpochMilli());
        o.setCutoff(CUTOFF);
        o.setDeadline(CUTOFF + Duration.ofHours(2).toMillis());
        o.setNetAmount(Decimals.of(net));
        o.setTradeKeys(new ArrayList<>(List.of("BINANCE/E-1", "BINANCE/E-2")));
        o.setEvidence(new ArrayList<>(List.of(EvidenceRef.newBuilder().setEventType("ExecutionReport")
                .setEventId("BINANCE/E-1").setTopic("posttrade.execution-reports").setPartition(0).setOffset(1L).build())));
        return o;
    }

    static CustodianConfirmation.Builder movement(String movementId, long sequence, String amount,
                                                  MovementStatus status, int confirmations, long time) {
        return CustodianConfirmation.newBuilder()
                .setEventId("FIREBLOCKS/" + movementId + "/" + sequence).setMovementId(movementId)
                .setUpdateSequence(sequence).setCustodian("FIREBLOCKS").setAccount("ACC-1").setWallet("W-ACC-1-BTC")
                .setAsset("BTC").setAmount(Decimals.of(amount)).setNetwork("BITCOIN").setTxHash("tx-" + movementId)
                .setConfirmations(confirmations).setStatus(status).setNetworkFee(null).setNetworkFeeAsset(null)
                .setSettlementReference(BTC_ID).setCounterparty("BINANCE").setBlockTime(null)
                .setReportedTime(Instant.ofEpochMilli(time))
                .setMeta(new SourceMetadata("test", Instant.ofEpochMilli(time), null));
    }

    static StreamRecord<Sourced<CustodianConfirmation>> sourced(CustodianConfirmation c, long offset) {
        return new StreamRecord<>(Sourced.of(c, MOVEMENTS_TOPIC, 0, offset, c.getReportedTime().toEpochMilli()),
                c.getReportedTime().toEpochMilli());
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> values(ConcurrentLinkedQueue<?> queue) {
        List<T> out = new ArrayList<>();
        if (queue == null) {
            return out;
        }
        for (Object o : queue) {
            if (o instanceof StreamRecord<?> r) {
                out.add((T) r.getValue());
            }
        }
        return out;
    }

    static BigDecimal dec(String v) {
        return Decimals.of(v);
    }
}
