package org.posttrade.jobs.positions;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.operators.positions.VenueBalance;
import org.posttrade.schema.PositionUpdate;

/** Where positions write. Production ({@link ClickHousePositionsSinks}) and tests supply their own. */
public interface PositionsSinks {
    /** Every position update, for downstream consumers (exactly-once, key positionKey). */
    Sink<PositionUpdate> positionUpdatesTopic();

    /** The current version of each position (table positions). */
    Sink<PositionUpdate> positionsTable();

    /** Every position version (table positions_history). */
    Sink<PositionUpdate> positionsHistoryTable();

    /** Every version of the balance per venue, account and asset (table venue_balances). */
    Sink<VenueBalance> venueBalancesTable();
}
