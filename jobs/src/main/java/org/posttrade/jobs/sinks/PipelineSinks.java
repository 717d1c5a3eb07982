package org.posttrade.jobs.sinks;

import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.posttrade.contracts.Stream;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.config.PipelineOptions;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;
import org.posttrade.sinks.clickhouse.ClickHouseSink;
import org.posttrade.sinks.clickhouse.ClickHouseSinkOptions;
import org.posttrade.sinks.kafka.ConfluentAvroRecordSerializer;
import org.posttrade.sinks.kafka.KafkaDeadLetterHandler;

/** The two kinds of sink every job of the pipeline writes to, built the same way for every table and topic. */
public final class PipelineSinks {
    private PipelineSinks() {}

    /**
     * A ClickHouse table, exactly-once unless {@code sink.delivery-guarantee} says AT_LEAST_ONCE; rows the server
     * refuses go to the dead-letter topic with the server's message.
     */
    public static <T> Sink<T> clickHouse(JobConfig config, ClickHouseRowMapper<T> mapper) {
        KafkaDeadLetterHandler<T> rejected = KafkaDeadLetterHandler.<T>builder()
                .bootstrapServers(config.get(PipelineOptions.KAFKA_BOOTSTRAP))
                .producerProperties(config.kafkaPropertyMap())
                .topic(config.topic(Stream.DEAD_LETTERS))
                .registry(config.registry())
                .build();
        return ClickHouseSink.<T>builder()
                .configure(config.flinkConfiguration())
                .mapper(mapper)
                .rejectedRowHandler(rejected)
                .build(config.flinkConfiguration().get(ClickHouseSinkOptions.DELIVERY_GUARANTEE));
    }

    /**
     * An output topic written exactly-once: Kafka transactions committed with each checkpoint, Avro in the
     * Confluent wire format, keyed by a deterministic id so that a replay after a failure publishes nothing twice
     * to read_committed readers and all versions of an entity stay ordered on one partition.
     *
     * @param transactionalIdSuffix distinct per sink of a job: two sinks sharing transactional ids abort each other
     */
    public static <T extends SpecificRecord> KafkaSink<T> exactlyOnceTopic(JobConfig config, Stream stream,
            SerializableFunction<T, String> keyOf, String transactionalIdSuffix) {
        Properties props = config.kafkaProperties();
        props.setProperty("transaction.timeout.ms",
                String.valueOf(config.get(PipelineOptions.KAFKA_TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(PipelineOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(props)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.get(PipelineOptions.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-"
                        + transactionalIdSuffix)
                .setRecordSerializer(new ConfluentAvroRecordSerializer<>(config.topic(stream), config.registry(), keyOf))
                .build();
    }
}
