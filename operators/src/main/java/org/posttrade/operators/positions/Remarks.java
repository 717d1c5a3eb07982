package org.posttrade.operators.positions;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.posttrade.schema.PositionUpdate;

/**
 * Event-time re-marking shared by {@link InstrumentPositions} and {@link AssetBalances} (POSITIONS.md, "Re-marking
 * and throttling"): the price graph in broadcast state, one re-mark timer per open key at the next multiple of
 * {@code positions.remark.interval} after its last input (or after the watermark, so a jump of the watermark does
 * not fire a series of timers), and the throttle: a re-mark publishes only if the valuation changed.
 *
 * <p>Each operator owns one instance, created with the name of its timer state (a keyed {@code ValueState<Long>}
 * holding the pending timer, so that a key never has more than one) and opened in {@code open}.
 */
final class Remarks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String timerStateName;
    private final long intervalMillis;
    private transient ValueState<Long> timer;

    Remarks(String timerStateName, Duration interval) {
        this.timerStateName = timerStateName;
        this.intervalMillis = interval.toMillis();
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("the re-mark interval must be positive, got " + interval);
        }
    }

    void open(RuntimeContext runtime) {
        timer = runtime.getState(new ValueStateDescriptor<>(timerStateName, Types.LONG));
    }

    /**
     * Registers the key's re-mark timer at the next interval boundary after {@code time} (or the watermark), unless
     * the key is not {@code open} or already has one pending. At the end of input (watermark at the end of time)
     * there is no later boundary and nothing is registered.
     */
    void schedule(boolean open, long time, TimerService timers) throws IOException {
        if (!open || timer.value() != null) {
            return;
        }
        long from = Math.max(time, timers.currentWatermark());
        long next = PositionStates.nextBoundary(from, intervalMillis);
        if (next <= from) {
            return;
        }
        timers.registerEventTimeTimer(next);
        timer.update(next);
    }

    /** The key's timer fired: it has none pending any more. */
    void fired() {
        timer.clear();
    }

    /**
     * Whether {@code last} already shows this valuation (mark price, unrealized P&L, reporting amounts, price
     * status; compared as published, at scale 18): nothing for a re-mark to publish.
     */
    static boolean sameValuation(Valuation v, PositionUpdate last) {
        return Amounts.same(Amounts.out(v.markPrice()), last.getMarkPrice())
                && Amounts.same(Amounts.out(v.unrealizedPnl()), last.getUnrealizedPnl())
                && Amounts.same(Amounts.out(v.realizedPnlReporting()), last.getRealizedPnlReporting())
                && Amounts.same(Amounts.out(v.unrealizedPnlReporting()), last.getUnrealizedPnlReporting())
                && v.priceStatus() == last.getPriceStatus();
    }

    /** Stores a broadcast mark if it supersedes the symbol's current one (later price time, then eventId). */
    static void update(BroadcastState<String, MarkPoint> marks, MarkPoint mark) throws Exception {
        if (mark.supersedes(marks.get(mark.symbol()))) {
            marks.put(mark.symbol(), mark);
        }
    }

    /** The price graph of the configured reference prices and the broadcast marks. */
    static PriceGraph graph(PositionsConfig config, ReadOnlyBroadcastState<String, MarkPoint> marks) throws Exception {
        List<MarkPoint> all = new ArrayList<>(config.referencePrices());
        for (Map.Entry<String, MarkPoint> e : marks.immutableEntries()) {
            all.add(e.getValue());
        }
        return PriceGraph.of(all);
    }
}
