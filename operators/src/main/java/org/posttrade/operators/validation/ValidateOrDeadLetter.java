package org.posttrade.operators.validation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.DeadLetters;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;

/**
 * Passes valid records on and routes everything else to the {@link #DEAD_LETTERS} side output: records the source
 * could not decode, and decoded records that break a business rule (with the rule as the reason). Nothing is
 * dropped: every input leaves as exactly one output.
 */
public final class ValidateOrDeadLetter<T extends SpecificRecord> extends ProcessFunction<Decoded<T>, Sourced<T>> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final RecordValidator<T> validator;
    private transient Counter valid;
    private transient Counter invalid;
    private transient Counter undecodable;

    public ValidateOrDeadLetter(RecordValidator<T> validator) {
        this.validator = validator;
    }

    @Override
    public void open(OpenContext openContext) {
        valid = getRuntimeContext().getMetricGroup().counter("validRecords");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidRecords");
        undecodable = getRuntimeContext().getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void processElement(Decoded<T> decoded, Context ctx, Collector<Sourced<T>> out) {
        if (!decoded.isOk()) {
            undecodable.inc();
            ctx.output(DEAD_LETTERS, decoded.getDeadLetter());
            return;
        }
        Sourced<T> record = decoded.getRecord();
        String violation = validator.violation(record.getValue());
        if (violation == null) {
            valid.inc();
            out.collect(record);
            return;
        }
        invalid.inc();
        ctx.output(DEAD_LETTERS, DeadLetters.forConsumedRecord(DeadLetterStage.VALIDATION, violation, null,
                record.getValue().getSchema().getName(), record.getTopic(), record.getPartition(), record.getOffset(),
                record.getKafkaTimestamp(), null, null,
                // the decoded record as JSON: readable, and enough to re-publish it once the cause is fixed
                record.getValue().toString().getBytes(StandardCharsets.UTF_8), Instant.now()));
    }
}
