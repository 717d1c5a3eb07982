package org.posttrade.operators.positions;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/** Side outputs and the broadcast state of the positions operators. */
public final class PositionOutputs {
    private PositionOutputs() {}

    /** Asset movements of fill versions (from {@link FillVersions}), to the asset balances. */
    public static final OutputTag<AssetMovement> ASSET_MOVEMENTS =
            new OutputTag<>("positions-asset-movements", TypeInformation.of(AssetMovement.class));

    /** Balances per venue (from {@link AssetBalances}): the exposure hook for settlement. */
    public static final OutputTag<VenueBalance> VENUE_BALANCES =
            new OutputTag<>("positions-venue-balances", TypeInformation.of(VenueBalance.class));

    /** The latest mark per symbol, broadcast to every positions operator instance: the price graph. */
    public static final MapStateDescriptor<String, MarkPoint> MARKS =
            new MapStateDescriptor<>("marksBySymbol", Types.STRING, TypeInformation.of(MarkPoint.class));
}
