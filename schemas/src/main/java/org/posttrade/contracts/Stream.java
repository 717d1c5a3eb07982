package org.posttrade.contracts;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.posttrade.schema.Alert;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;

/**
 * Every stream of the pipeline: its record type and default Kafka topic. The one place that pairs them, so the
 * local cluster, the generator and the jobs agree on topics and registry subjects (TopicNameStrategy:
 * {@code <topic>-value}).
 */
public enum Stream {
    EXECUTION_REPORTS("posttrade.execution-reports", ExecutionReport.class, ExecutionReport.getClassSchema(), Direction.INPUT, 6),
    INTERNAL_TRADES("posttrade.internal-trades", InternalTrade.class, InternalTrade.getClassSchema(), Direction.INPUT, 6),
    VENUE_CONFIRMATIONS("posttrade.venue-confirmations", VenueConfirmation.class, VenueConfirmation.getClassSchema(), Direction.INPUT, 6),
    CUSTODIAN_CONFIRMATIONS("posttrade.custodian-confirmations", CustodianConfirmation.class, CustodianConfirmation.getClassSchema(), Direction.INPUT, 3),
    MARK_PRICES("posttrade.mark-prices", MarkPrice.class, MarkPrice.getClassSchema(), Direction.INPUT, 3),
    TRADE_LIFECYCLE("posttrade.trade-lifecycle", TradeLifecycleEvent.class, TradeLifecycleEvent.getClassSchema(), Direction.OUTPUT, 6),
    BREAKS("posttrade.breaks", ReconciliationBreak.class, ReconciliationBreak.getClassSchema(), Direction.OUTPUT, 3),
    POSITION_UPDATES("posttrade.position-updates", PositionUpdate.class, PositionUpdate.getClassSchema(), Direction.OUTPUT, 3),
    SETTLEMENT_INSTRUCTIONS("posttrade.settlement-instructions", SettlementInstruction.class, SettlementInstruction.getClassSchema(), Direction.OUTPUT, 3),
    ALERTS("posttrade.alerts", Alert.class, Alert.getClassSchema(), Direction.OUTPUT, 1),
    DEAD_LETTERS("posttrade.dead-letters", DeadLetter.class, DeadLetter.getClassSchema(), Direction.OUTPUT, 1);

    /** Whether the pipeline consumes or produces the stream. */
    public enum Direction { INPUT, OUTPUT }

    private final String defaultTopic;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final Schema schema;
    private final Direction direction;
    private final int defaultPartitions;

    Stream(String defaultTopic, Class<? extends SpecificRecordBase> recordClass, Schema schema, Direction direction,
           int defaultPartitions) {
        this.defaultTopic = defaultTopic;
        this.recordClass = recordClass;
        this.schema = schema;
        this.direction = direction;
        this.defaultPartitions = defaultPartitions;
    }

    public String defaultTopic() { return defaultTopic; }

    public Class<? extends SpecificRecordBase> recordClass() { return recordClass; }

    public Schema schema() { return schema; }

    public Direction direction() { return direction; }

    public int defaultPartitions() { return defaultPartitions; }

    /** The registry subject under the TopicNameStrategy. */
    public static String valueSubject(String topic) { return topic + "-value"; }
}
