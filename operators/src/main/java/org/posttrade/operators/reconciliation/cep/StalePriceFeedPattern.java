package org.posttrade.operators.reconciliation.cep;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ReconciliationBreak;

/**
 * STALE_PRICE_FEED: {@code recon.alert.stale-price.count} newly opened PRICE_MISMATCH breaks on one instrument
 * within {@code recon.alert.stale-price.window}, on any venue: the signature of a price source that stopped moving.
 */
public final class StalePriceFeedPattern {
    private StalePriceFeedPattern() {}

    public static final String UID = "recon-cep-stale-price-feed";
    public static final String NAME = "Alerts: stale price feed (repeated price mismatches on one instrument)";
    public static final KeySelector<ReconciliationBreak, String> KEY = new InstrumentKey();

    public static final class InstrumentKey implements KeySelector<ReconciliationBreak, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ReconciliationBreak b) {
            return b.getInstrument() == null ? "" : b.getInstrument();
        }
    }

    public static Pattern<ReconciliationBreak, ?> pattern(ReconciliationConfig config) {
        return Pattern.<ReconciliationBreak>begin("mismatches", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(b -> b.getBreakType() == BreakType.PRICE_MISMATCH && Alerts.isNewlyOpen(b)))
                .times(config.stalePriceCount())
                .within(config.stalePriceWindow());
    }

    public static final class RaiseAlert extends PatternProcessFunction<ReconciliationBreak, Alert> {
        private static final long serialVersionUID = 1L;
        private final ReconciliationConfig config;

        public RaiseAlert(ReconciliationConfig config) {
            this.config = config;
        }

        @Override
        public void processMatch(Map<String, List<ReconciliationBreak>> match, Context ctx, Collector<Alert> out) {
            List<ReconciliationBreak> breaks = match.get("mismatches");
            String instrument = breaks.get(0).getInstrument();
            TreeSet<String> venues = new TreeSet<>();
            breaks.forEach(b -> venues.add(b.getVenue()));
            long end = breaks.get(breaks.size() - 1).getEventTime().toEpochMilli();
            out.collect(Alerts.ofBreaks(AlertType.STALE_PRICE_FEED, instrument,
                    venues.size() == 1 ? venues.first() : null, instrument,
                    breaks.size() + " price mismatches on " + instrument + " (" + String.join(", ", venues)
                            + ") within " + config.stalePriceWindow() + ": is a price feed stale?",
                    breaks, end, config));
        }
    }

    public static SingleOutputStreamOperator<Alert> apply(DataStream<ReconciliationBreak> breaks,
                                                          ReconciliationConfig config) {
        return CEP.pattern(breaks.keyBy(KEY), pattern(config)).inEventTime()
                .process(new RaiseAlert(config), Alerts.TYPE).uid(UID).name(NAME);
    }
}
