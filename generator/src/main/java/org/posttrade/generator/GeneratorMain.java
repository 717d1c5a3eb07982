package org.posttrade.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.posttrade.contracts.Stream;
import org.posttrade.registry.RegistryConfig;
import org.posttrade.registry.SchemaRegistryClient;

/**
 * The generator's command line: builds the config from the options, generates the scenario, produces it to Kafka
 * (or, with {@code --dry-run}, only encodes it), writes the ground truth with its summary line last, and prints a
 * summary. Exit code 0 on success, 1 when producing failed, 2 on a usage error.
 */
public final class GeneratorMain {
    private GeneratorMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the generator as its command line does; returns the exit code (0 success, 1 send failure, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, List<String>> options;
        GeneratorConfig config;
        Topics topics;
        try {
            options = CliOptions.parse(args);
            if (CliOptions.flag(options, "--help")) {
                out.print(CliOptions.help());
                return 0;
            }
            config = config(options);
            topics = topics(options);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        boolean dryRun = CliOptions.flag(options, "--dry-run");
        Path truthPath = Path.of(CliOptions.value(options, "--ground-truth"));
        try {
            return dryRun ? dryRun(config, topics, truthPath, out)
                    : produce(options, config, topics, truthPath, out, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private static int dryRun(GeneratorConfig config, Topics topics, Path truthPath, PrintStream out)
            throws IOException {
        WireRecords wire = new WireRecords(topics, FixedIdSerializer.forInputs());
        RunStatistics stats = new RunStatistics();
        Map<String, Long> bytesPerTopic = new TreeMap<>();
        try (GroundTruthWriter truth = new GroundTruthWriter(truthPath)) {
            ScenarioGenerator generator = new ScenarioGenerator(config, entry -> {
                truth.write(entry);
                stats.observe(entry);
            });
            while (generator.hasNext()) {
                GeneratedEvent event = generator.next();
                var record = wire.toProducerRecord(event);
                bytesPerTopic.merge(record.topic(), (long) record.value().length, Long::sum);
                stats.observe(event);
            }
            truth.write(stats.summary(config, topics.asMap()));
        }
        printSummary(out, "dry run (nothing produced)", config, topics, stats, truthPath);
        out.println("  value bytes per topic: " + bytesPerTopic);
        return 0;
    }

    private static int produce(Map<String, List<String>> options, GeneratorConfig config, Topics topics,
                               Path truthPath, PrintStream out, PrintStream err) throws IOException {
        String bootstrap = CliOptions.value(options, "--bootstrap");
        String registryUrl = CliOptions.value(options, "--registry");
        if (bootstrap == null || registryUrl == null) {
            throw new IllegalArgumentException("--bootstrap and --registry are required (or use --dry-run)");
        }
        Map<String, String> registryProps = new LinkedHashMap<>(CliOptions.pairs(options, "--registry-property"));
        registryProps.put(RegistryConfig.URL, registryUrl);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromProperties(registryProps));
        WireRecords wire = new WireRecords(topics, RegistrySerializers.create(registry, topics));
        double rate = CliOptions.number("--rate", CliOptions.value(options, "--rate"));
        Duration progressInterval = CliOptions.duration("--progress-interval",
                CliOptions.value(options, "--progress-interval"));

        RunStatistics stats = new RunStatistics();
        EventProducer.Result result;
        try (GroundTruthWriter truth = new GroundTruthWriter(truthPath);
             Producer<String, byte[]> producer = new KafkaProducer<>(EventProducer.producerProperties(bootstrap,
                     CliOptions.pairs(options, "--producer-property")))) {
            Iterator<GeneratedEvent> events = new ScenarioGenerator(config, entry -> {
                truth.write(entry);
                stats.observe(entry);
            });
            result = new EventProducer(producer, wire, rate, progressInterval, err).run(events, stats::observe);
            if (result.succeeded()) {
                truth.write(stats.summary(config, topics.asMap()));
            }
        }
        printSummary(out, result.succeeded() ? "produced" : "FAILED", config, topics, stats, truthPath);
        out.printf(Locale.ROOT, "  sent %d, acknowledged %d, failed %d in %.1f s%n", result.sent(),
                result.acknowledged(), result.failed(), result.elapsed().toMillis() / 1000.0);
        out.println("  acknowledged per topic: " + result.acknowledgedPerTopic());
        if (!result.succeeded()) {
            err.println("error: producing failed, ground truth has no summary line: " + result.firstError());
            return 1;
        }
        return 0;
    }

    private static void printSummary(PrintStream out, String outcome, GeneratorConfig config, Topics topics,
                                     RunStatistics stats, Path truthPath) {
        out.printf(Locale.ROOT, "generator %s: seed %d, %d trades, %d records%n", outcome, config.seed(),
                config.trades(), stats.records());
        for (Map.Entry<Stream, String> e : topics.asMap().entrySet()) {
            out.printf(Locale.ROOT, "  %-40s %8d%n", e.getValue(), stats.records(e.getKey()));
        }
        out.printf(Locale.ROOT, "  malformed records: %d%n", stats.malformed());
        out.println("  labels: " + stats.labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        out.println("  ground truth: " + truthPath.toAbsolutePath());
    }

    static GeneratorConfig config(Map<String, List<String>> options) {
        GeneratorConfig.Builder b = GeneratorConfig.builder();
        try {
            b.seed(Long.parseLong(CliOptions.value(options, "--seed")));
            b.trades(Integer.parseInt(CliOptions.value(options, "--trades")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed and --trades expect integers: " + e.getMessage());
        }
        try {
            b.start(Instant.parse(CliOptions.value(options, "--start")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start expects an ISO-8601 instant like 2026-11-22T00:00:00Z");
        }
        b.meanBookingGap(CliOptions.duration("--mean-booking-gap", CliOptions.value(options, "--mean-booking-gap")));
        b.markInterval(CliOptions.duration("--mark-interval", CliOptions.value(options, "--mark-interval")));
        b.settlementCycle(CliOptions.duration("--settlement-cycle", CliOptions.value(options, "--settlement-cycle")));
        b.lateBy(CliOptions.duration("--late-by", CliOptions.value(options, "--late-by")));
        b.tail(CliOptions.duration("--tail", CliOptions.value(options, "--tail")));
        b.firstId(Long.parseLong(CliOptions.value(options, "--first-id")));
        b.correctionRate(CliOptions.number("--correction-rate", CliOptions.value(options, "--correction-rate")));
        b.bustRate(CliOptions.number("--bust-rate", CliOptions.value(options, "--bust-rate")));
        b.referenceEchoRate(CliOptions.number("--reference-echo-rate",
                CliOptions.value(options, "--reference-echo-rate")));
        b.orderAcks(!CliOptions.flag(options, "--no-order-acks"));
        Map<String, String> rates = CliOptions.pairs(options, "--fault-rate");
        if (rates.containsKey("ALL")) {
            b.allFaultRates(CliOptions.number("--fault-rate ALL", rates.get("ALL")));
        }
        rates.forEach((label, rate) -> {
            if (!label.equals("ALL")) {
                b.faultRate(label(label), CliOptions.number("--fault-rate " + label, rate));
            }
        });
        CliOptions.pairs(options, "--venue-deadline").forEach((venue, d) ->
                b.confirmDeadline(venue, CliOptions.duration("--venue-deadline " + venue, d)));
        return b.build();
    }

    private static Label label(String name) {
        try {
            return Label.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault-rate: unknown label " + name + " (see --help)");
        }
    }

    static Topics topics(Map<String, List<String>> options) {
        Map<Stream, String> overrides = new EnumMap<>(Stream.class);
        CliOptions.pairs(options, "--topic").forEach((stream, topic) -> {
            try {
                overrides.put(Stream.valueOf(stream), topic);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--topic: unknown stream " + stream);
            }
        });
        return Topics.of(CliOptions.value(options, "--topic-prefix"), overrides);
    }
}
