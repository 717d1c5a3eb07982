package org.posttrade.operators.reconciliation.cep;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.ReconciliationBreak;

/**
 * VENUE_INCIDENT: {@code recon.alert.venue-incident.count} newly opened breaks on one venue within
 * {@code recon.alert.venue-incident.window}. Keyed by venue; after an alert the count starts again after its last
 * break, so an incident raises one alert per N breaks, not one per break.
 */
public final class VenueIncidentPattern {
    private VenueIncidentPattern() {}

    public static final String UID = "recon-cep-venue-incident";
    public static final String NAME = "Alerts: venue incident (N breaks on one venue within T)";
    public static final KeySelector<ReconciliationBreak, String> KEY = new VenueKey();

    public static final class VenueKey implements KeySelector<ReconciliationBreak, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ReconciliationBreak b) {
            return b.getVenue();
        }
    }

    public static Pattern<ReconciliationBreak, ?> pattern(ReconciliationConfig config) {
        return Pattern.<ReconciliationBreak>begin("breaks", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(Alerts::isNewlyOpen))
                .times(config.venueIncidentCount())
                .within(config.venueIncidentWindow());
    }

    /** Raises the alert of a complete match. */
    public static final class RaiseAlert extends PatternProcessFunction<ReconciliationBreak, Alert> {
        private static final long serialVersionUID = 1L;
        private final ReconciliationConfig config;

        public RaiseAlert(ReconciliationConfig config) {
            this.config = config;
        }

        @Override
        public void processMatch(Map<String, List<ReconciliationBreak>> match, Context ctx, Collector<Alert> out) {
            List<ReconciliationBreak> breaks = match.get("breaks");
            String venue = breaks.get(0).getVenue();
            long end = breaks.get(breaks.size() - 1).getEventTime().toEpochMilli();
            out.collect(Alerts.ofBreaks(AlertType.VENUE_INCIDENT, venue, venue, null,
                    breaks.size() + " breaks opened on " + venue + " within " + config.venueIncidentWindow() + ".",
                    breaks, end, config));
        }
    }

    /** Alerts from a stream of break versions (event time: its timestamps must be the breaks' eventTime). */
    public static SingleOutputStreamOperator<Alert> apply(DataStream<ReconciliationBreak> breaks,
                                                          ReconciliationConfig config) {
        return CEP.pattern(breaks.keyBy(KEY), pattern(config)).inEventTime()
                .process(new RaiseAlert(config), Alerts.TYPE).uid(UID).name(NAME);
    }
}
