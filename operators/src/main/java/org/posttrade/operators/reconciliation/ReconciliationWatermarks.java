package org.posttrade.operators.reconciliation;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;

/**
 * Event time of the reconciliation inputs: each record's own business time (transactTime, confirmTime,
 * bookedTime), bounded out-of-orderness, and idleness so that a quiet Kafka partition does not hold the
 * watermark back. Apply them at the sources ({@code KafkaSource} with {@code fromSource(source, strategy, name)}).
 * The matchers never drop late records: a record behind the watermark is matched like any other.
 */
public final class ReconciliationWatermarks {
    private ReconciliationWatermarks() {}

    public static WatermarkStrategy<Sourced<ExecutionReport>> executionReports(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Sourced<ExecutionReport>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new ExecutionTime()).withIdleness(idleness);
    }

    public static WatermarkStrategy<Sourced<VenueConfirmation>> confirmations(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Sourced<VenueConfirmation>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new ConfirmationTime()).withIdleness(idleness);
    }

    public static WatermarkStrategy<Sourced<InternalTrade>> bookings(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Sourced<InternalTrade>>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new BookingTime()).withIdleness(idleness);
    }

    /** transactTime of an execution report. */
    public static final class ExecutionTime implements SerializableTimestampAssigner<Sourced<ExecutionReport>> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Sourced<ExecutionReport> r, long recordTimestamp) {
            return r.getValue().getTransactTime().toEpochMilli();
        }
    }

    /** confirmTime of a venue confirmation. */
    public static final class ConfirmationTime implements SerializableTimestampAssigner<Sourced<VenueConfirmation>> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Sourced<VenueConfirmation> c, long recordTimestamp) {
            return c.getValue().getConfirmTime().toEpochMilli();
        }
    }

    /** bookedTime of a booking version. */
    public static final class BookingTime implements SerializableTimestampAssigner<Sourced<InternalTrade>> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Sourced<InternalTrade> t, long recordTimestamp) {
            return t.getValue().getBookedTime().toEpochMilli();
        }
    }

    /** eventTime of a break version, for streams of breaks read back (e.g. from Kafka) into CEP. */
    public static final class BreakTime implements SerializableTimestampAssigner<ReconciliationBreak> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(ReconciliationBreak b, long recordTimestamp) {
            return b.getEventTime().toEpochMilli();
        }
    }

    /** eventTime of a lifecycle step. */
    public static final class LifecycleTime implements SerializableTimestampAssigner<TradeLifecycleEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(TradeLifecycleEvent e, long recordTimestamp) {
            return e.getEventTime().toEpochMilli();
        }
    }
}
