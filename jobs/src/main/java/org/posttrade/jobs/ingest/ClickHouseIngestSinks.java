package org.posttrade.jobs.ingest;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.contracts.Sourced;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.VenueConfirmation;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;
import org.posttrade.sinks.clickhouse.rows.CustodianMovementRowMapper;
import org.posttrade.sinks.clickhouse.rows.DeadLetterRowMapper;
import org.posttrade.sinks.clickhouse.rows.ExecutionRowMapper;
import org.posttrade.sinks.clickhouse.rows.InternalTradeRowMapper;
import org.posttrade.sinks.clickhouse.rows.MarkPriceRowMapper;
import org.posttrade.sinks.clickhouse.rows.VenueConfirmationRowMapper;

/**
 * Production sinks of the ingest job: one ClickHouse sink per table, whose rows the server refuses go to the
 * dead-letter topic with the server's message, and the exactly-once dead-letter topic itself.
 */
public final class ClickHouseIngestSinks implements IngestSinks {
    private final JobConfig config;

    public ClickHouseIngestSinks(JobConfig config) {
        this.config = config;
    }

    @Override
    public Sink<Sourced<ExecutionReport>> executions() {
        return clickHouse(new ExecutionRowMapper());
    }

    @Override
    public Sink<Sourced<InternalTrade>> internalTrades() {
        return clickHouse(new InternalTradeRowMapper());
    }

    @Override
    public Sink<Sourced<VenueConfirmation>> venueConfirmations() {
        return clickHouse(new VenueConfirmationRowMapper());
    }

    @Override
    public Sink<Sourced<CustodianConfirmation>> custodianMovements() {
        return clickHouse(new CustodianMovementRowMapper());
    }

    @Override
    public Sink<Sourced<MarkPrice>> markPrices() {
        return clickHouse(new MarkPriceRowMapper());
    }

    @Override
    public Sink<DeadLetter> deadLetterTopic() {
        return PipelineSinks.exactlyOnceTopic(config, Stream.DEAD_LETTERS, DeadLetter::getDeadLetterId, "dead-letters");
    }

    @Override
    public Sink<DeadLetter> deadLetterTable() {
        return clickHouse(new DeadLetterRowMapper());
    }

    private <T> Sink<T> clickHouse(ClickHouseRowMapper<T> mapper) {
        return PipelineSinks.clickHouse(config, mapper);
    }
}
