package org.posttrade.generator;

import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.posttrade.contracts.Stream;

/**
 * A whole scenario in memory: its events in event-time order and its ground truth.
 *
 * @param config the options it was generated with
 * @param events every event, malformed ones included
 * @param truth  the ground-truth entries (labels and obligations, no summary), in the order they were decided
 */
public record Scenario(GeneratorConfig config, List<GeneratedEvent> events, List<TruthEntry> truth) {
    public Scenario {
        events = List.copyOf(events);
        truth = List.copyOf(truth);
    }

    /** The well-formed records of one stream, in event-time order, typed. */
    public <T extends SpecificRecordBase> List<T> records(Stream stream, Class<T> type) {
        return events.stream().filter(e -> e.stream() == stream && !e.isMalformed())
                .map(e -> type.cast(e.record())).toList();
    }

    public List<LabelledItem> labels() {
        return truth.stream().filter(LabelledItem.class::isInstance).map(LabelledItem.class::cast).toList();
    }

    public List<LabelledItem> labels(Label label) {
        return labels().stream().filter(l -> l.label() == label).toList();
    }

    public List<ExpectedObligation> obligations() {
        return truth.stream().filter(ExpectedObligation.class::isInstance).map(ExpectedObligation.class::cast).toList();
    }
}
