package org.posttrade.sinks.clickhouse.rows;

import java.util.List;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/** Every row mapper of the reporting model, one per table (the tests check each against its table's DDL). */
public final class ReportingRowMappers {
    private ReportingRowMappers() {}

    public static List<ClickHouseRowMapper<?>> all() {
        return List.of(
                new ExecutionRowMapper(),
                new InternalTradeRowMapper(),
                new VenueConfirmationRowMapper(),
                new CustodianMovementRowMapper(),
                new MarkPriceRowMapper(),
                new TradeLifecycleRowMapper(),
                BreakRowMapper.history(),
                BreakRowMapper.latest(),
                PositionRowMapper.history(),
                PositionRowMapper.latest(),
                new SettlementInstructionRowMapper(),
                new AlertRowMapper(),
                new DeadLetterRowMapper(),
                new AuditLogRowMapper(),
                new VenueBalanceRowMapper(),
                new SettlementStatusRowMapper());
    }
}
