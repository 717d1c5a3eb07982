package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.posttrade.contracts.Decimals;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.Side;
import org.posttrade.schema.TradeLifecycleEvent;

/**
 * Builds trade lifecycle steps. Lifecycle versions of a fill are derived, not counted, so that the operators that
 * emit steps of the same fill never collide: {@code 10 × chain version + step}, step 0 for FILLED / CORRECTED /
 * BUSTED (fill normalizer), 1 for CONFIRMED and 2 for REJECTED (confirmation matcher). Bookings count their steps.
 */
final class Lifecycle {
    private Lifecycle() {}

    static final int STEP_FILL = 0;
    static final int STEP_CONFIRMED = 1;
    static final int STEP_REJECTED = 2;

    static long fillVersion(EffectiveFill fill, int step) {
        return 10L * fill.getVersion() + step;
    }

    static TradeLifecycleEvent ofFill(EffectiveFill f, int step, LifecycleState state, long eventTime,
                                      long processedTime, List<EvidenceRef> evidence) {
        return of(f.tradeKey(), fillVersion(f, step), state, f.getVenue(), f.getAccount(), null, f.getInstrument(),
                f.getSide(), f.getQuantity(), f.getPrice(), eventTime, processedTime, evidence);
    }

    static TradeLifecycleEvent of(String tradeKey, long version, LifecycleState state, String venue, String account,
                                  String desk, Instrument instrument, Side side, BigDecimal quantity, BigDecimal price,
                                  long eventTime, long processedTime, List<EvidenceRef> evidence) {
        return TradeLifecycleEvent.newBuilder()
                .setLifecycleId(tradeKey + "/" + version)
                .setTradeKey(tradeKey)
                .setVersion(version)
                .setState(state)
                .setVenue(venue)
                .setAccount(account)
                .setDesk(desk)
                .setInstrument(instrument)
                .setSide(side)
                .setQuantity(quantity == null ? null : Decimals.rounded(quantity))
                .setPrice(price == null ? null : Decimals.rounded(price))
                .setEventTime(Instant.ofEpochMilli(eventTime))
                // the schema defines processedTime as wall-clock emission time; it is the only processing time in outputs
                .setProcessedTime(Instant.ofEpochMilli(processedTime))
                .setEvidence(Evidence.merge(evidence))
                .build();
    }
}
