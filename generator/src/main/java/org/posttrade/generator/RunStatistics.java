package org.posttrade.generator;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.posttrade.contracts.Stream;

/** Counts what a run generated, for the ground truth's summary line and the final report. Not thread-safe. */
public final class RunStatistics {
    private final Map<Stream, Long> perStream = new EnumMap<>(Stream.class);
    private final Map<MalformedKind, Long> malformedPerKind = new EnumMap<>(MalformedKind.class);
    private final Map<Label, Long> labels = new EnumMap<>(Label.class);
    private final Map<String, Map<Label, Long>> labelsPerStream = new TreeMap<>();
    private long malformed;
    private long obligations;
    private long firstEventTime = Long.MAX_VALUE;
    private long lastEventTime = Long.MIN_VALUE;

    public void observe(GeneratedEvent event) {
        perStream.merge(event.stream(), 1L, Long::sum);
        if (event.isMalformed()) {
            malformed++;
            malformedPerKind.merge(event.malformation().kind(), 1L, Long::sum);
        }
        firstEventTime = Math.min(firstEventTime, event.eventTime());
        lastEventTime = Math.max(lastEventTime, event.eventTime());
    }

    public void observe(TruthEntry entry) {
        if (entry instanceof LabelledItem item) {
            labels.merge(item.label(), 1L, Long::sum);
            labelsPerStream.computeIfAbsent(item.stream(), s -> new EnumMap<>(Label.class))
                    .merge(item.label(), 1L, Long::sum);
        } else if (entry instanceof ExpectedObligation) {
            obligations++;
        }
    }

    public long records() {
        return perStream.values().stream().mapToLong(Long::longValue).sum();
    }

    public long records(Stream stream) {
        return perStream.getOrDefault(stream, 0L);
    }

    public long malformed() { return malformed; }

    public Map<Label, Long> labels() { return Map.copyOf(labels); }

    /** The summary line; {@code topics} maps each stream to the topic its records went to. */
    public RunSummary summary(GeneratorConfig config, Map<Stream, String> topics) {
        Map<String, String> topicNames = new LinkedHashMap<>();
        Map<String, Long> recordsPerStream = new LinkedHashMap<>();
        Map<String, Long> recordsPerTopic = new LinkedHashMap<>();
        for (Stream stream : Stream.values()) {
            if (stream.direction() == Stream.Direction.INPUT) {
                topicNames.put(stream.name(), topics.get(stream));
                recordsPerStream.put(stream.name(), records(stream));
                recordsPerTopic.merge(topics.get(stream), records(stream), Long::sum);
            }
        }
        Map<String, Long> kinds = new LinkedHashMap<>();
        malformedPerKind.forEach((kind, n) -> kinds.put(kind.name(), n));
        Map<String, Long> labelCounts = new LinkedHashMap<>();
        labels.forEach((label, n) -> labelCounts.put(label.name(), n));
        Map<String, Map<String, Long>> perStream = new LinkedHashMap<>();
        labelsPerStream.forEach((stream, counts) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            counts.forEach((label, n) -> m.put(label.name(), n));
            perStream.put(stream, m);
        });
        return new RunSummary(config.describe(), topicNames, recordsPerStream, recordsPerTopic, malformed, kinds,
                labelCounts, perStream, obligations,
                firstEventTime == Long.MAX_VALUE ? null : Records.iso(firstEventTime),
                lastEventTime == Long.MIN_VALUE ? null : Records.iso(lastEventTime));
    }
}
