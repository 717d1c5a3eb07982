package org.posttrade.operators.reconciliation.cep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.operators.reconciliation.ReconciliationConfig.Option;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.TradeLifecycleEvent;

/**
 * CONFIRMATION_TIMEOUT: an execution (lifecycle FILLED or CORRECTED) followed by no CONFIRMED, REJECTED or BUSTED
 * step of the same trade within its venue's {@code recon.confirmation.deadline}: the timed-out partial matches of
 * {@code execution followedBy confirmation within(deadline)}. {@code within} is one duration per pattern, so the
 * lifecycle stream is split by venue: one CEP operator per venue with its own deadline (uid
 * {@code recon-cep-confirmation-timeout-VENUE}) and one for all other venues (uid
 * {@code recon-cep-confirmation-timeout-default}). Adding a venue override adds an operator: a savepoint restores
 * with {@code --allowNonRestoredState} only if one is removed.
 */
public final class ConfirmationTimeoutPattern {
    private ConfirmationTimeoutPattern() {}

    public static final String UID_PREFIX = "recon-cep-confirmation-timeout-";
    public static final String NAME = "Alerts: execution without confirmation within the venue deadline";
    public static final KeySelector<TradeLifecycleEvent, String> KEY = new TradeKey();

    public static final class TradeKey implements KeySelector<TradeLifecycleEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TradeLifecycleEvent e) {
            return e.getTradeKey();
        }
    }

    public static Pattern<TradeLifecycleEvent, ?> pattern(Duration deadline) {
        return Pattern.<TradeLifecycleEvent>begin("execution", AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(e -> e.getState() == LifecycleState.FILLED
                        || e.getState() == LifecycleState.CORRECTED))
                .followedBy("confirmation")
                .where(SimpleCondition.of(e -> e.getState() == LifecycleState.CONFIRMED
                        || e.getState() == LifecycleState.REJECTED || e.getState() == LifecycleState.BUSTED))
                .within(deadline);
    }

    /** Raises an alert for each execution whose confirmation did not come in time; matches raise nothing. */
    public static final class RaiseAlert extends PatternProcessFunction<TradeLifecycleEvent, Alert>
            implements TimedOutPartialMatchHandler<TradeLifecycleEvent> {
        private static final long serialVersionUID = 1L;
        private final Duration deadline;
        private final ReconciliationConfig config;

        public RaiseAlert(Duration deadline, ReconciliationConfig config) {
            this.deadline = deadline;
            this.config = config;
        }

        @Override
        public void processMatch(Map<String, List<TradeLifecycleEvent>> match, Context ctx, Collector<Alert> out) {
            // confirmed in time
        }

        @Override
        public void processTimedOutMatch(Map<String, List<TradeLifecycleEvent>> match, Context ctx) {
            TradeLifecycleEvent e = match.get("execution").get(0);
            long start = e.getEventTime().toEpochMilli();
            ctx.output(Alerts.TIMED_OUT, Alerts.build(AlertType.CONFIRMATION_TIMEOUT, e.getTradeKey(), e.getVenue(),
                    e.getInstrument().getSymbol(), "Execution " + e.getTradeKey() + " (" + e.getState() + ", version "
                            + e.getVersion() + ") was not confirmed by " + e.getVenue() + " within " + deadline + ".",
                    start, start + deadline.toMillis(), List.of(),
                    Evidence.merge(e.getEvidence(), List.of(Alerts.evidence(e))), config));
        }
    }

    private static final class VenueIs implements FilterFunction<TradeLifecycleEvent> {
        private static final long serialVersionUID = 1L;
        private final String venue;

        VenueIs(String venue) {
            this.venue = venue;
        }

        @Override
        public boolean filter(TradeLifecycleEvent e) {
            return venue.equals(e.getVenue());
        }
    }

    private static final class VenueNotIn implements FilterFunction<TradeLifecycleEvent> {
        private static final long serialVersionUID = 1L;
        private final Set<String> venues;

        VenueNotIn(Set<String> venues) {
            this.venues = Set.copyOf(venues);
        }

        @Override
        public boolean filter(TradeLifecycleEvent e) {
            return !venues.contains(e.getVenue());
        }
    }

    /** Alerts from the trade lifecycle stream (event time: its timestamps must be the steps' eventTime). */
    public static DataStream<Alert> apply(DataStream<TradeLifecycleEvent> lifecycle, ReconciliationConfig config) {
        Set<String> venues = config.overriddenFor(Option.CONFIRMATION_DEADLINE);
        DataStream<Alert> alerts = timeouts(lifecycle.filter(new VenueNotIn(venues))
                .uid(UID_PREFIX + "default-filter").name("Lifecycle of venues with the default deadline"),
                config.confirmationDeadline(null), config, "default");
        for (String venue : venues) {
            alerts = alerts.union(timeouts(lifecycle.filter(new VenueIs(venue))
                    .uid(UID_PREFIX + venue + "-filter").name("Lifecycle of " + venue),
                    config.confirmationDeadline(venue), config, venue));
        }
        return alerts;
    }

    private static DataStream<Alert> timeouts(DataStream<TradeLifecycleEvent> lifecycle, Duration deadline,
                                              ReconciliationConfig config, String suffix) {
        return CEP.pattern(lifecycle.keyBy(KEY), pattern(deadline)).inEventTime()
                .process(new RaiseAlert(deadline, config), Alerts.TYPE)
                .uid(UID_PREFIX + suffix).name(NAME + " (" + suffix + ")")
                .getSideOutput(Alerts.TIMED_OUT);
    }
}
