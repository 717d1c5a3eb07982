package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @Test
    void roundTripsThroughTheFile(@TempDir Path dir) throws Exception {
        Scenario scenario = TestScenarios.forced();
        RunStatistics stats = new RunStatistics();
        scenario.events().forEach(stats::observe);
        scenario.truth().forEach(stats::observe);
        RunSummary summary = stats.summary(scenario.config(), Topics.defaults().asMap());
        Path file = dir.resolve("sub/truth.jsonl");
        try (GroundTruthWriter writer = new GroundTruthWriter(file)) {
            scenario.truth().forEach(writer::write);
            writer.write(summary);
        }

        GroundTruth truth = GroundTruth.load(file);
        List<TruthEntry> read = new ArrayList<>(truth.labels());
        assertThat(truth.labels()).isEqualTo(scenario.labels());
        assertThat(truth.obligations()).isEqualTo(scenario.obligations());
        assertThat(read).isNotEmpty();
        assertThat(truth.summary()).isPresent();
        // the summary's numbers came through as numbers (Jackson reads options back as plain maps)
        assertThat(truth.summary().get().recordsPerStream()).isEqualTo(summary.recordsPerStream());
        assertThat(truth.summary().get().labels()).isEqualTo(summary.labels());
        assertThat(truth.summary().get().malformedRecords()).isEqualTo(scenario.labels(Label.MALFORMED).size());

        // queries
        assertThat(truth.labels(Label.PRICE_MISMATCH)).isEqualTo(scenario.labels(Label.PRICE_MISMATCH));
        LabelledItem first = truth.labels(Label.PRICE_MISMATCH).get(0);
        assertThat(truth.byMatchKey(first.matchKey())).contains(first);
        assertThat(truth.counts().get(Label.CLEAN)).isEqualTo(scenario.labels(Label.CLEAN).size());
        assertThat(truth.expectedBreaks()).allSatisfy(l -> assertThat(l.label().breakType()).isNotNull());
        ExpectedObligation obligation = truth.obligations().get(0);
        assertThat(truth.obligation(obligation.instructionId())).contains(obligation);

        // every line is one JSON object with its type first
        assertThat(Files.readAllLines(file)).allSatisfy(line -> assertThat(line).startsWith("{\"type\":\""));
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, GroundTruthWriter.toLine(TestScenarios.defaults().truth().get(0)) + "\n{oops\n");
        assertThatThrownBy(() -> GroundTruth.load(file)).hasMessageContaining("bad.jsonl:2");
    }

    @Test
    void labelsMapToBreakTypes() {
        for (Label label : Label.values()) {
            if (label.outcome() == Label.Outcome.BREAK) {
                assertThat(label.breakType().name()).isEqualTo(label.name());
            } else {
                assertThat(label.breakType()).isNull();
            }
        }
    }
}
