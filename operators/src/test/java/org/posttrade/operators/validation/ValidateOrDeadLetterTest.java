package org.posttrade.operators.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.DeadLetters;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.operators.testing.Samples;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.DeadLetterStage;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;

class ValidateOrDeadLetterTest {

    OneInputStreamOperatorTestHarness<Decoded<ExecutionReport>, Sourced<ExecutionReport>> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
                new ValidateOrDeadLetter<>(new ExecutionReportValidator(ReferenceData.defaults()))));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static Decoded<ExecutionReport> consumed(ExecutionReport report, long offset) {
        return Decoded.ok(Sourced.of(report, "posttrade.execution-reports", 2, offset, 1000L));
    }

    @Test
    void passesAValidFillOnUnchanged() throws Exception {
        ExecutionReport fill = Samples.fill("E-1").build();
        harness.processElement(new StreamRecord<>(consumed(fill, 7), 1000L));

        assertThat(harness.extractOutputValues()).extracting(Sourced::getValue).containsExactly(fill);
        assertThat(harness.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS)).isNull();
    }

    @Test
    void deadLettersANonPositiveQuantityWithTheRuleAndItsOffsets() throws Exception {
        ExecutionReport fill = Samples.fill("E-2").setLastQty(Decimals.of("-0.5")).build();
        harness.processElement(new StreamRecord<>(consumed(fill, 8), 1000L));

        assertThat(harness.extractOutputValues()).isEmpty();
        DeadLetter dead = onlyDeadLetter();
        assertThat(dead.getStage()).isEqualTo(DeadLetterStage.VALIDATION);
        assertThat(dead.getReason()).isEqualTo("TRADE: lastQty must be positive, was -0.5");
        assertThat(dead.getDeadLetterId()).isEqualTo("kafka/posttrade.execution-reports/2/8");
        assertThat(dead.getSourceOffset()).isEqualTo(8L);
        assertThat(dead.getSourcePartition()).isEqualTo(2);
        assertThat(StandardCharsets.UTF_8.decode(dead.getPayload()).toString()).contains("\"execId\": \"E-2\"");
    }

    @Test
    void deadLettersAnUnknownInstrument() throws Exception {
        ExecutionReport fill = Samples.fill("E-3").setInstrument(new Instrument("DOGE-EUR", "DOGE", "EUR")).build();
        harness.processElement(new StreamRecord<>(consumed(fill, 9), 1000L));

        assertThat(onlyDeadLetter().getReason()).isEqualTo("unknown instrument DOGE-EUR");
    }

    @Test
    void deadLettersAZeroPrice() throws Exception {
        ExecutionReport fill = Samples.fill("E-4").setLastPx(Decimals.ZERO).build();
        harness.processElement(new StreamRecord<>(consumed(fill, 10), 1000L));

        assertThat(onlyDeadLetter().getReason()).isEqualTo("TRADE: lastPx must be positive, was 0");
    }

    @Test
    void deadLettersACorrectionThatNamesNoOriginal() throws Exception {
        ExecutionReport correction = Samples.fill("E-5").setExecType(ExecType.TRADE_CORRECT).setExecRefId(null).build();
        harness.processElement(new StreamRecord<>(consumed(correction, 11), 1000L));

        assertThat(onlyDeadLetter().getReason()).isEqualTo("TRADE_CORRECT must name the fill it amends in execRefId");
    }

    @Test
    void forwardsDecodeFailuresAsTheyAre() throws Exception {
        DeadLetter undecodable = DeadLetters.forConsumedRecord(DeadLetterStage.DECODE, "unknown magic byte 7", null,
                "ExecutionReport", "posttrade.execution-reports", 0, 3, 1000L, null, null, new byte[] {7}, Instant.EPOCH);
        harness.processElement(new StreamRecord<>(Decoded.failed(undecodable), 1000L));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(onlyDeadLetter()).isEqualTo(undecodable);
    }

    private DeadLetter onlyDeadLetter() {
        List<DeadLetter> dead = harness.getSideOutput(ValidateOrDeadLetter.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }
}
