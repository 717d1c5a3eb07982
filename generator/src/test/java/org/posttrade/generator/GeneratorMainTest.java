package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorMainTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return GeneratorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dryRunWritesTheSameGroundTruthTwice(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        String[] common = {"--dry-run", "--seed", "5", "--trades", "150", "--fault-rate", "ALL=0.05",
                "--fault-rate", "PRICE_MISMATCH=0.1", "--topic-prefix", "t.", "--settlement-cycle", "15m"};
        assertThat(run(out, err, concat(common, "--ground-truth", a.toString()))).isEqualTo(0);
        assertThat(run(out, err, concat(common, "--ground-truth", b.toString()))).isEqualTo(0);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        GroundTruth truth = GroundTruth.load(a);
        assertThat(truth.summary()).isPresent();
        assertThat(truth.summary().get().topics()).containsEntry("EXECUTION_REPORTS", "t.posttrade.execution-reports");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dry run", "t.posttrade.mark-prices",
                "malformed records", a.toAbsolutePath().toString());
    }

    @Test
    void usageErrorsNameTheOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "--trades", "ten")).isEqualTo(2);
        assertThat(run(out, err, "--fault-rate", "NOPE=0.1", "--dry-run")).isEqualTo(2);
        assertThat(run(out, err, "--whatever")).isEqualTo(2);
        assertThat(run(out, err, "--seed", "1")).isEqualTo(2); // no --bootstrap, no --dry-run
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--trades", "NOPE", "--whatever", "--bootstrap");
        assertThat(run(out, err, "--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--producer-property", "MISSING_CONFIRMATION");
    }

    @Test
    void configFromOptions() {
        GeneratorConfig config = GeneratorMain.config(CliOptions.parse(new String[] {"--seed=9", "--trades", "3",
                "--mean-booking-gap", "500ms", "--venue-deadline", "KRAKEN=PT20M", "--no-order-acks",
                "--fault-rate", "ALL=0", "--fault-rate", "OVERFILL=0.5"}));
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.meanBookingGap()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.confirmDeadline("KRAKEN")).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.orderAcks()).isFalse();
        assertThat(config.faultRate(Label.OVERFILL)).isEqualTo(0.5);
        assertThat(config.faultRate(Label.MALFORMED)).isZero();
    }

    @Test
    void configValidationNamesTheOption() {
        assertThatThrownBy(() -> GeneratorConfig.builder().allFaultRates(0.1).build())
                .hasMessageContaining("--fault-rate").hasMessageContaining("per-trade");
        assertThatThrownBy(() -> GeneratorConfig.builder().bustRate(1.5).build()).hasMessageContaining("--bust-rate");
        assertThatThrownBy(() -> GeneratorConfig.builder().confirmDeadline("KRAKEN", Duration.ofSeconds(30)).build())
                .hasMessageContaining("--venue-deadline KRAKEN");
        assertThatThrownBy(() -> GeneratorConfig.builder().settlementCycle(Duration.ZERO).build())
                .hasMessageContaining("--settlement-cycle");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
