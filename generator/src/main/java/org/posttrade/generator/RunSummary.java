package org.posttrade.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The last line of the ground truth: what was generated. Deterministic (no wall-clock values), so the whole file is
 * byte-identical for the same options.
 *
 * @param options            the generator options (enough to reproduce the run)
 * @param topics             stream name to Kafka topic
 * @param recordsPerStream   records generated per stream, malformed included
 * @param recordsPerTopic    the same per topic
 * @param malformedRecords   malformed records in total
 * @param malformedPerKind   malformed records per {@link MalformedKind}
 * @param labels             labelled items per label
 * @param labelsPerStream    labelled items per stream and label
 * @param obligations        expected obligations listed
 * @param firstEventTime     event time of the first record
 * @param lastEventTime      event time of the last record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(Map<String, Object> options, Map<String, String> topics, Map<String, Long> recordsPerStream,
                         Map<String, Long> recordsPerTopic, long malformedRecords, Map<String, Long> malformedPerKind,
                         Map<String, Long> labels, Map<String, Map<String, Long>> labelsPerStream, long obligations,
                         String firstEventTime, String lastEventTime) implements TruthEntry {}
