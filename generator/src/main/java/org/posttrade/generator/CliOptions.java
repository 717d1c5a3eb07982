package org.posttrade.generator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line: every option declared once with its key, value name, default and description, so the parser
 * and {@code --help} cannot disagree.
 */
final class CliOptions {
    /** One option; {@code value} is null for a flag. */
    record Option(String key, String value, String defaultValue, boolean repeatable, String description) {}

    static final List<Option> OPTIONS = List.of(
            new Option("--bootstrap", "HOST:PORT[,...]", null, false, "Kafka bootstrap servers (required unless --dry-run)"),
            new Option("--registry", "URL[,...]", null, false, "Schema Registry URL(s), Confluent API, e.g. http://127.0.0.1:18081/apis/ccompat/v7 (required unless --dry-run)"),
            new Option("--registry-property", "KEY=VALUE", null, true, "registry client setting by its Confluent name (basic.auth.user.info, schema.registry.ssl.truststore.location, auto.register.schemas, ...)"),
            new Option("--producer-property", "KEY=VALUE", null, true, "Kafka producer setting, applied last (security.protocol, sasl.*, ssl.*, linger.ms, ...)"),
            new Option("--seed", "N", String.valueOf(GeneratorConfig.DEFAULT_SEED), false, "random seed; same seed and options give byte-identical records and ground truth"),
            new Option("--trades", "N", String.valueOf(GeneratorConfig.DEFAULT_TRADES), false, "trade slots to generate (bookings, or the faults that replace them)"),
            new Option("--start", "INSTANT", GeneratorConfig.DEFAULT_START.toString(), false, "event time of the first booking, ISO-8601 UTC"),
            new Option("--rate", "RECORDS_PER_S", "0", false, "records per second to produce; 0 for as fast as possible"),
            new Option("--ground-truth", "PATH", "ground-truth.jsonl", false, "where to write the ground truth (JSON Lines)"),
            new Option("--topic-prefix", "PREFIX", "", false, "prepended to every default topic name"),
            new Option("--topic", "STREAM=TOPIC", null, true, "topic of one stream (EXECUTION_REPORTS, INTERNAL_TRADES, VENUE_CONFIRMATIONS, CUSTODIAN_CONFIRMATIONS, MARK_PRICES), overrides the prefix"),
            new Option("--fault-rate", "LABEL=P", null, true, "probability of a fault per eligible item; LABEL ALL sets every fault (defaults: per-trade faults and MALFORMED " + GeneratorConfig.DEFAULT_TRADE_FAULT_RATE + ", settlement faults " + GeneratorConfig.DEFAULT_OBLIGATION_FAULT_RATE + ")"),
            new Option("--correction-rate", "P", String.valueOf(GeneratorConfig.DEFAULT_CORRECTION_RATE), false, "probability per clean trade of a clean TRADE_CORRECT of one fill's price"),
            new Option("--bust-rate", "P", String.valueOf(GeneratorConfig.DEFAULT_BUST_RATE), false, "probability per clean trade of a clean TRADE_CANCEL of one fill, filled again"),
            new Option("--reference-echo-rate", "P", String.valueOf(GeneratorConfig.DEFAULT_REFERENCE_ECHO_RATE), false, "probability that a custodian echoes the settlement reference"),
            new Option("--mean-booking-gap", "DURATION", GeneratorConfig.DEFAULT_MEAN_BOOKING_GAP.toString(), false, "mean event time between bookings"),
            new Option("--mark-interval", "DURATION", GeneratorConfig.DEFAULT_MARK_INTERVAL.toString(), false, "mark price tick interval per instrument"),
            new Option("--settlement-cycle", "DURATION", GeneratorConfig.DEFAULT_SETTLEMENT_CYCLE.toString(), false, "settlement cycle length, cycles aligned to the epoch"),
            new Option("--late-by", "DURATION", GeneratorConfig.DEFAULT_LATE_BY.toString(), false, "how far past the venue deadline a LATE_CONFIRMATION arrives"),
            new Option("--first-id", "N", "1", false, "first number of every id counter (CL000001...); runs into the same topics with different ranges never share an id"),
            new Option("--tail", "DURATION", GeneratorConfig.DEFAULT_TAIL.toString(), false, "marks keep ticking this long after the last other event"),
            new Option("--venue-deadline", "VENUE=DURATION", null, true, "confirmation deadline of a venue (defaults BINANCE PT5M, COINBASE PT10M, KRAKEN PT15M, OKX PT5M)"),
            new Option("--no-order-acks", null, null, false, "no FIX NEW acknowledgement before the fills"),
            new Option("--progress-interval", "DURATION", "PT5S", false, "how often to print a progress line"),
            new Option("--dry-run", null, null, false, "generate, encode and write the ground truth, but produce nothing"),
            new Option("--help", null, null, false, "print this help"));

    private CliOptions() {}

    /** Parsed values: option key to the values given (empty list for a flag given). */
    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            Option option = find(arg);
            List<String> list = values.computeIfAbsent(option.key(), k -> new ArrayList<>());
            if (!list.isEmpty() && !option.repeatable()) {
                throw new IllegalArgumentException(option.key() + " given twice");
            }
            if (option.value() == null) {
                if (inline != null) {
                    throw new IllegalArgumentException(option.key() + " takes no value");
                }
                continue;
            }
            if (inline == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option.key() + " needs a value " + option.value());
                }
                inline = args[++i];
            }
            list.add(inline);
        }
        return values;
    }

    private static Option find(String key) {
        for (Option option : OPTIONS) {
            if (option.key().equals(key)) {
                return option;
            }
        }
        throw new IllegalArgumentException("unknown option " + key + " (see --help)");
    }

    static String value(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        if (list != null && !list.isEmpty()) {
            return list.get(0);
        }
        return find(key).defaultValue();
    }

    static boolean flag(Map<String, List<String>> values, String key) {
        return values.containsKey(key);
    }

    /** KEY=VALUE pairs of a repeatable option, in the order given. */
    static Map<String, String> pairs(Map<String, List<String>> values, String key) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : values.getOrDefault(key, List.of())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key + " expects KEY=VALUE, got " + pair);
            }
            pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return pairs;
    }

    /** ISO-8601 (PT2S) or a number with a unit: 500ms, 2s, 10m, 1h. */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unit");
            };
        } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(option + " expects a duration like PT2S, 500ms, 2s, 10m or 1h, got "
                    + text);
        }
    }

    static double number(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got " + text);
        }
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar posttrade-generator-cli.jar [options]\n\n")
                .append("Generates a seeded scenario of the five input streams with labelled faults, produces it to\n")
                .append("Kafka in the Confluent Avro wire format and writes the ground truth as JSON Lines.\n\nOptions:\n");
        for (Option o : OPTIONS) {
            String head = o.key() + (o.value() == null ? "" : " " + o.value());
            sb.append(String.format(Locale.ROOT, "  %-34s %s", head, o.description()));
            if (o.defaultValue() != null && !o.defaultValue().isEmpty()) {
                sb.append(" [default ").append(o.defaultValue()).append(']');
            }
            if (o.repeatable()) {
                sb.append(" (repeatable)");
            }
            sb.append('\n');
        }
        sb.append("\nFault labels: ");
        for (Label label : Label.values()) {
            if (label.isFault()) {
                sb.append(label.name()).append(' ');
            }
        }
        return sb.append('\n').toString();
    }
}
