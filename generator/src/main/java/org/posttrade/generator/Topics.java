package org.posttrade.generator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.posttrade.contracts.Stream;

/**
 * The topic of each input stream: {@code prefix + Stream.defaultTopic()} (e.g. prefix {@code run7.} gives
 * {@code run7.posttrade.execution-reports}), unless a stream's topic is given explicitly.
 */
public final class Topics {
    private final Map<Stream, String> topics;

    private Topics(Map<Stream, String> topics) {
        this.topics = Collections.unmodifiableMap(topics);
    }

    public static Topics defaults() {
        return of("", Map.of());
    }

    public static Topics of(String prefix, Map<Stream, String> overrides) {
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream stream : Stream.values()) {
            if (stream.direction() == Stream.Direction.INPUT) {
                topics.put(stream, prefix + stream.defaultTopic());
            }
        }
        overrides.forEach((stream, topic) -> {
            if (stream.direction() != Stream.Direction.INPUT) {
                throw new IllegalArgumentException("--topic: " + stream + " is not an input stream");
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("--topic: empty topic for " + stream);
            }
            topics.put(stream, topic);
        });
        return new Topics(topics);
    }

    public String topic(Stream stream) {
        String topic = topics.get(stream);
        if (topic == null) {
            throw new IllegalArgumentException("the generator writes no topic for " + stream);
        }
        return topic;
    }

    public Map<Stream, String> asMap() { return topics; }
}
