package org.posttrade.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A ground-truth file read back, for scorers and tests in other modules: labelled items by label and match key,
 * expected settlement obligations, and the run summary.
 */
public final class GroundTruth {
    private final List<LabelledItem> labels;
    private final List<ExpectedObligation> obligations;
    private final RunSummary summary;

    private GroundTruth(List<TruthEntry> entries) {
        List<LabelledItem> l = new ArrayList<>();
        List<ExpectedObligation> o = new ArrayList<>();
        RunSummary s = null;
        for (TruthEntry entry : entries) {
            if (entry instanceof LabelledItem item) {
                l.add(item);
            } else if (entry instanceof ExpectedObligation obligation) {
                o.add(obligation);
            } else if (entry instanceof RunSummary runSummary) {
                s = runSummary;
            }
        }
        this.labels = List.copyOf(l);
        this.obligations = List.copyOf(o);
        this.summary = s;
    }

    public static GroundTruth of(List<? extends TruthEntry> entries) {
        return new GroundTruth(List.copyOf(entries));
    }

    public static GroundTruth load(Path path) {
        List<TruthEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(GroundTruthWriter.MAPPER.readValue(line, TruthEntry.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException(path + ":" + number + ": not a ground-truth entry: "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + path, e);
        }
        return new GroundTruth(entries);
    }

    public List<LabelledItem> labels() { return labels; }

    public List<LabelledItem> labels(Label label) {
        return labels.stream().filter(l -> l.label() == label).toList();
    }

    /** Items whose fault a correct pipeline reports as a break (every label with outcome BREAK). */
    public List<LabelledItem> expectedBreaks() {
        return labels.stream().filter(l -> l.label().outcome() == Label.Outcome.BREAK).toList();
    }

    public Set<String> matchKeys(Label label) {
        return labels(label).stream().map(LabelledItem::matchKey).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
    }

    public Optional<LabelledItem> byMatchKey(String matchKey) {
        return labels.stream().filter(l -> l.matchKey().equals(matchKey)).findFirst();
    }

    public Map<Label, Long> counts() {
        Map<Label, Long> counts = new EnumMap<>(Label.class);
        labels.forEach(l -> counts.merge(l.label(), 1L, Long::sum));
        return counts;
    }

    public List<ExpectedObligation> obligations() { return obligations; }

    public Optional<ExpectedObligation> obligation(String instructionId) {
        return obligations.stream().filter(o -> o.instructionId().equals(instructionId)).findFirst();
    }

    /** The summary line, when the file has one (a run that was interrupted has none). */
    public Optional<RunSummary> summary() { return Optional.ofNullable(summary); }
}
