package org.posttrade.operators.positions;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.operators.reconciliation.FillNormalizer;

/**
 * Turns {@link EffectiveFill} versions (from the shared {@link FillNormalizer}, which resolves corrections and
 * busts) into position changes applied exactly once. Keyed by the fill (venue/execId of the chain's original), it
 * remembers the last version it applied: a higher version reverses that one and applies the new terms (a bust only
 * reverses), a version not above it is a replay and is dropped. The reversal goes to the key the previous version
 * was booked on, so a correction that moves a fill to another account or instrument leaves nothing behind.
 *
 * <p>Main output: {@link PositionDelta} (to the instrument positions); side output
 * {@link PositionOutputs#ASSET_MOVEMENTS} (to the asset balances). State has the TTL
 * {@code positions.fill.retention}.
 */
public class FillVersions extends KeyedProcessFunction<String, EffectiveFill, PositionDelta> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "positions-fill-versions";
    public static final String NAME = "Positions: fill versions (reverse and re-apply)";
    public static final KeySelector<EffectiveFill, String> KEY = new FillKey();
    public static final TypeInformation<PositionDelta> TYPE = TypeInformation.of(PositionDelta.class);

    /** venue/execId of the chain's original: the fill's identity across its versions. */
    public static final class FillKey implements KeySelector<EffectiveFill, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(EffectiveFill f) {
            return f.tradeKey();
        }
    }

    private final PositionsConfig config;
    private transient ValueState<Integer> appliedVersion;
    private transient ValueState<PositionFill> applied;
    private transient Counter versionsApplied;
    private transient Counter staleVersions;

    public FillVersions(PositionsConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        appliedVersion = getRuntimeContext().getState(PositionStates.withTtl(
                new ValueStateDescriptor<>("appliedVersion", Types.INT), config.fillRetention()));
        applied = getRuntimeContext().getState(PositionStates.withTtl(
                new ValueStateDescriptor<>("appliedTerms", TypeInformation.of(PositionFill.class)),
                config.fillRetention()));
        versionsApplied = getRuntimeContext().getMetricGroup().counter("fillVersionsApplied", new SimpleCounter());
        staleVersions = getRuntimeContext().getMetricGroup().counter("staleFillVersionsIgnored", new SimpleCounter());
    }

    @Override
    public void processElement(EffectiveFill fill, Context ctx, Collector<PositionDelta> out) throws Exception {
        Integer seen = appliedVersion.value();
        if (seen != null && fill.getVersion() <= seen) {
            staleVersions.inc();
            return;
        }
        versionsApplied.inc();
        PositionFill previous = applied.value();
        PositionFill next = PositionFill.of(fill);
        long time = fill.getChangeTime();
        List<org.posttrade.schema.EvidenceRef> evidence = fill.getEvidence();
        if (previous != null && (next == null || !previous.positionKey().equals(next.positionKey()))) {
            out.collect(PositionDelta.remove(previous, time, evidence));
        }
        if (next != null) {
            // same key: the position replaces the previous version of fillId itself
            out.collect(PositionDelta.apply(next, time, evidence));
        }
        for (AssetMovement m : AssetMovement.net(previous, next, time, evidence)) {
            ctx.output(PositionOutputs.ASSET_MOVEMENTS, m);
        }
        appliedVersion.update(fill.getVersion());
        if (next == null) {
            applied.clear();
        } else {
            applied.update(next);
        }
    }
}
