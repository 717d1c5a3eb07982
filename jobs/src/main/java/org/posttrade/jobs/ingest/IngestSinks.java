package org.posttrade.jobs.ingest;

import org.apache.flink.api.connector.sink2.Sink;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.VenueConfirmation;

/** Where the ingest job writes: one sink per table and the dead-letter topic. Production and tests supply their own. */
public interface IngestSinks {
    Sink<Sourced<ExecutionReport>> executions();

    Sink<Sourced<InternalTrade>> internalTrades();

    Sink<Sourced<VenueConfirmation>> venueConfirmations();

    Sink<Sourced<CustodianConfirmation>> custodianMovements();

    Sink<Sourced<MarkPrice>> markPrices();

    Sink<DeadLetter> deadLetterTopic();

    Sink<DeadLetter> deadLetterTable();
}
