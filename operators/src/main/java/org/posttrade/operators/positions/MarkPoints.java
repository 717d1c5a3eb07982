package org.posttrade.operators.positions;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.MarkPrice;

/** Validated mark prices as price graph edges (stateless). */
public class MarkPoints implements MapFunction<Sourced<MarkPrice>, MarkPoint> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "positions-mark-points";
    public static final String NAME = "Positions: mark prices → price graph edges";
    public static final TypeInformation<MarkPoint> TYPE = TypeInformation.of(MarkPoint.class);

    @Override
    public MarkPoint map(Sourced<MarkPrice> mark) {
        return MarkPoint.of(mark);
    }
}
