package org.posttrade.operators.reconciliation.cep;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.Alert;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;

/**
 * All reconciliation alert patterns over the break and lifecycle streams, unioned. Both streams must carry event
 * timestamps (the records' eventTime) and watermarks; CEP buffers events until the watermark passes them and
 * drops records behind it, which only happens to records that were already late at the matchers.
 */
public final class ReconciliationAlerts {
    private ReconciliationAlerts() {}

    public static DataStream<Alert> apply(DataStream<ReconciliationBreak> breaks,
                                          DataStream<TradeLifecycleEvent> lifecycle, ReconciliationConfig config) {
        return VenueIncidentPattern.apply(breaks, config)
                .union(StalePriceFeedPattern.apply(breaks, config),
                        BreakSlaPattern.apply(breaks, config),
                        ConfirmationTimeoutPattern.apply(lifecycle, config),
                        ExcessiveCorrectionsPattern.apply(lifecycle, config));
    }
}
