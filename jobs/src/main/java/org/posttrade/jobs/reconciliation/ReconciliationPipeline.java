package org.posttrade.jobs.reconciliation;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.reconciliation.BookingMatcher;
import org.posttrade.operators.reconciliation.ConfirmationMatcher;
import org.posttrade.operators.reconciliation.EffectiveFill;
import org.posttrade.operators.reconciliation.FillNormalizer;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.operators.reconciliation.ReconciliationOutputs;
import org.posttrade.operators.reconciliation.cep.ReconciliationAlerts;
import org.posttrade.schema.Alert;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;
import org.posttrade.schema.VenueConfirmation;
import org.posttrade.sinks.clickhouse.rows.AuditLogEntry;

/**
 * Reconciliation of the validated input streams (operators/RECONCILIATION.md): fills normalized (corrections, busts,
 * duplicates), matched with venue confirmations and with OMS bookings, breaks with their lifecycle, trade lifecycle
 * steps and CEP alerts, written to the given sinks. Every stateful operator has the stable uid its class declares.
 *
 * <p>The inputs must carry event time: each record's business time (transactTime, confirmTime, bookedTime) with
 * watermarks of bounded out-of-orderness and idleness. {@code IngestJob} assigns them in the Kafka sources, per
 * partition, so that a partition read ahead of the others (catching up a backlog) does not make the others late and
 * fire deadlines too early; {@code ReconciliationWatermarks} gives the same strategies for inputs that are not
 * Kafka sources.
 */
public final class ReconciliationPipeline {
    private final ReconciliationConfig config;
    private final ReconciliationSinks sinks;

    public ReconciliationPipeline(ReconciliationConfig config, ReconciliationSinks sinks) {
        this.config = config;
        this.sinks = sinks;
    }

    /** What reconciliation produced, already connected to the sinks (tests may also collect them). */
    public record Outputs(DataStream<ReconciliationBreak> breaks, DataStream<TradeLifecycleEvent> lifecycle,
                          DataStream<Alert> alerts) {}

    public Outputs build(DataStream<Sourced<ExecutionReport>> executions, DataStream<Sourced<InternalTrade>> bookings,
                         DataStream<Sourced<VenueConfirmation>> confirmations) {
        return build(normalize(executions, config), bookings, confirmations, null);
    }

    /**
     * The effective fill versions (corrections, busts and duplicates resolved, uid {@link FillNormalizer#UID}): one
     * normalizer per job, shared by reconciliation, positions and settlement, so each fill is resolved once.
     */
    public static SingleOutputStreamOperator<EffectiveFill> normalize(DataStream<Sourced<ExecutionReport>> executions,
                                                                    ReconciliationConfig config) {
        return executions.keyBy(FillNormalizer.KEY)
                .process(new FillNormalizer(config), EffectiveFill.TYPE)
                .uid(FillNormalizer.UID).name(FillNormalizer.NAME);
    }

    /**
     * Matches the shared effective fills with confirmations and bookings. {@code otherBreaks} (settlement's, or
     * null) join the break stream: same topic, tables, audit trail and CEP escalations.
     */
    public Outputs build(SingleOutputStreamOperator<EffectiveFill> fills, DataStream<Sourced<InternalTrade>> bookings,
                         DataStream<Sourced<VenueConfirmation>> confirmations, DataStream<ReconciliationBreak> otherBreaks) {
        SingleOutputStreamOperator<ReconciliationBreak> confirmationBreaks = fills.keyBy(ConfirmationMatcher.FILL_KEY)
                .connect(confirmations.keyBy(ConfirmationMatcher.CONFIRMATION_KEY))
                .process(new ConfirmationMatcher(config), TypeInformation.of(ReconciliationBreak.class))
                .uid(ConfirmationMatcher.UID).name(ConfirmationMatcher.NAME);
        SingleOutputStreamOperator<ReconciliationBreak> bookingBreaks = bookings.keyBy(BookingMatcher.BOOKING_KEY)
                .connect(fills.keyBy(BookingMatcher.FILL_KEY))
                .process(new BookingMatcher(config), TypeInformation.of(ReconciliationBreak.class))
                .uid(BookingMatcher.UID).name(BookingMatcher.NAME);

        // breaks and lifecycle keep their upstream timestamps and watermarks: CEP reads them in event time
        DataStream<ReconciliationBreak> breaks = fills.getSideOutput(ReconciliationOutputs.BREAKS)
                .union(confirmationBreaks, bookingBreaks);
        if (otherBreaks != null) {
            breaks = breaks.union(otherBreaks);
        }
        DataStream<TradeLifecycleEvent> lifecycle = fills.getSideOutput(ReconciliationOutputs.LIFECYCLE)
                .union(confirmationBreaks.getSideOutput(ReconciliationOutputs.LIFECYCLE),
                        bookingBreaks.getSideOutput(ReconciliationOutputs.LIFECYCLE));
        DataStream<Alert> alerts = ReconciliationAlerts.apply(breaks, lifecycle, config);

        connectBreaks(breaks, sinks, config);
        lifecycle.sinkTo(sinks.lifecycleTable()).uid("sink-clickhouse-trade-lifecycle")
                .name("lifecycle → ClickHouse trade_lifecycle");
        alerts.sinkTo(sinks.alertsTopic()).uid("sink-kafka-alerts").name("alerts → Kafka");
        alerts.sinkTo(sinks.alertsTable()).uid("sink-clickhouse-alerts").name("alerts → ClickHouse alerts");
        return new Outputs(breaks, lifecycle, alerts);
    }

    /**
     * The break stream to its sinks: the exactly-once topic, the {@code breaks} and {@code breaks_history} tables and
     * the audit trail of transitions. Also used alone when reconciliation is off but settlement raises breaks.
     */
    public static void connectBreaks(DataStream<ReconciliationBreak> breaks, ReconciliationSinks sinks,
                                     ReconciliationConfig config) {
        breaks.sinkTo(sinks.breaksTopic()).uid("sink-kafka-breaks").name("breaks → Kafka");
        breaks.sinkTo(sinks.breaksTable()).uid("sink-clickhouse-breaks").name("breaks → ClickHouse breaks");
        breaks.sinkTo(sinks.breaksHistoryTable()).uid("sink-clickhouse-breaks-history")
                .name("breaks → ClickHouse breaks_history");
        breaks.keyBy(BreakAuditTrail.KEY)
                .process(new BreakAuditTrail(config.stateTtl()), TypeInformation.of(AuditLogEntry.class))
                .uid(BreakAuditTrail.UID).name(BreakAuditTrail.NAME)
                .sinkTo(sinks.auditLogTable()).uid("sink-clickhouse-audit-log").name("break transitions → ClickHouse audit_log");
    }
}
