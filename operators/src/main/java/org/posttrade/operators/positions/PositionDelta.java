package org.posttrade.operators.positions;

import java.util.List;
import org.posttrade.schema.EvidenceRef;

/**
 * A change of one instrument position: apply {@code fill} (replacing any earlier version of the same fillId), or,
 * when {@code fill} is null, remove fillId (its bust, or its move to another account or instrument by a
 * correction). Sent by {@link FillVersions} to the instrument position's key.
 */
public record PositionDelta(String positionKey, String account, String symbol, String baseAsset, String quoteAsset,
                            String fillId, PositionFill fill, long eventTime, List<EvidenceRef> evidence) {
    public PositionDelta {
        Amounts.requireText(positionKey, "positionKey");
        Amounts.requireText(fillId, "fillId");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static PositionDelta apply(PositionFill f, long eventTime, List<EvidenceRef> evidence) {
        return new PositionDelta(f.positionKey(), f.account(), f.symbol(), f.baseAsset(), f.quoteAsset(), f.fillId(),
                f, eventTime, evidence);
    }

    public static PositionDelta remove(PositionFill previous, long eventTime, List<EvidenceRef> evidence) {
        return new PositionDelta(previous.positionKey(), previous.account(), previous.symbol(), previous.baseAsset(),
                previous.quoteAsset(), previous.fillId(), null, eventTime, evidence);
    }

    public boolean removal() {
        return fill == null;
    }
}
