package org.posttrade.jobs.positions;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.operators.positions.VenueBalance;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;
import org.posttrade.sinks.clickhouse.rows.PositionRowMapper;
import org.posttrade.sinks.clickhouse.rows.VenueBalanceRow;
import org.posttrade.sinks.clickhouse.rows.VenueBalanceRowMapper;

/**
 * Production sinks of positions: the position-updates topic exactly-once (transactional ids of its own, suffix
 * {@value #TRANSACTIONAL_ID_SUFFIX}, apart from the dead-letter sink's and reconciliation's) and one ClickHouse sink
 * per table, whose refused rows become dead letters.
 */
public final class ClickHousePositionsSinks implements PositionsSinks {
    /** Appended to kafka.transactional-id-prefix for the position-updates KafkaSink. */
    public static final String TRANSACTIONAL_ID_SUFFIX = "position-updates";

    private final JobConfig config;

    public ClickHousePositionsSinks(JobConfig config) {
        this.config = config;
    }

    @Override
    public Sink<PositionUpdate> positionUpdatesTopic() {
        return PipelineSinks.exactlyOnceTopic(config, Stream.POSITION_UPDATES, PositionUpdate::getPositionKey,
                TRANSACTIONAL_ID_SUFFIX);
    }

    @Override
    public Sink<PositionUpdate> positionsTable() {
        return PipelineSinks.clickHouse(config, PositionRowMapper.latest());
    }

    @Override
    public Sink<PositionUpdate> positionsHistoryTable() {
        return PipelineSinks.clickHouse(config, PositionRowMapper.history());
    }

    @Override
    public Sink<VenueBalance> venueBalancesTable() {
        return PipelineSinks.clickHouse(config, new VenueBalanceMapper());
    }

    /** The operators' VenueBalance as a row of venue_balances (the sinks module does not know the operators). */
    static final class VenueBalanceMapper implements ClickHouseRowMapper<VenueBalance> {
        private static final long serialVersionUID = 1L;
        private final VenueBalanceRowMapper rows = new VenueBalanceRowMapper();

        static VenueBalanceRow row(VenueBalance b) {
            return new VenueBalanceRow(b.venue(), b.account(), b.asset(), b.version(), b.quantity(), b.unsettled(),
                    b.asOf(), b.evidence());
        }

        @Override
        public String table() { return rows.table(); }

        @Override
        public List<String> columnDefinitions() { return rows.columnDefinitions(); }

        @Override
        public void write(VenueBalance value, RowBinaryFormatWriter row) {
            rows.write(row(value), row);
        }

        @Override
        public String rowKey(VenueBalance value) {
            return rows.rowKey(row(value));
        }
    }
}
