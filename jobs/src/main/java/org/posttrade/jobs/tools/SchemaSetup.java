package org.posttrade.jobs.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.registry.SchemaRegistryClient;

/**
 * Registers every stream's schema under its TopicNameStrategy subject with BACKWARD compatibility, so producers with
 * auto-registration off (the production default) find them, and an incompatible change is refused by the registry.
 */
public final class SchemaSetup {
    private SchemaSetup() {}

    public static Map<String, Integer> registerAll(JobConfig config) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.registry());
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Stream stream : Stream.values()) {
            String subject = Stream.valueSubject(config.topic(stream));
            registry.setCompatibility(subject, "BACKWARD");
            ids.put(subject, registry.register(subject, stream.schema()));
        }
        return ids;
    }
}
