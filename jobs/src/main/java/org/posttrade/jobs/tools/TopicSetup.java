package org.posttrade.jobs.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.config.PipelineOptions;

/** Creates the topic of every stream that does not exist yet (partitions from {@link Stream}); existing ones are left as they are. */
public final class TopicSetup {
    private TopicSetup() {}

    public static List<String> createMissing(JobConfig config, short replicationFactor) throws ExecutionException, InterruptedException {
        Properties props = config.kafkaProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(PipelineOptions.KAFKA_BOOTSTRAP));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Stream stream : Stream.values()) {
                String topic = config.topic(stream);
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, stream.defaultPartitions(), replicationFactor);
                    if (stream == Stream.DEAD_LETTERS) {
                        // dead letters are evidence: kept for a year unless the operator decides otherwise
                        newTopic.configs(Map.of("retention.ms", String.valueOf(365L * 24 * 3600 * 1000)));
                    }
                    missing.add(newTopic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
