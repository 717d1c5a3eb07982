package org.posttrade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards schema evolution: every contract must stay BACKWARD compatible with its last released version (a consumer
 * on the new schema reads data written with the old one), judged by Avro's own compatibility checker, and every
 * field added since that release must have a default. Released versions live in {@code schemas/released/<version>/}
 * as self-contained schemas; see the README for how to cut a release.
 */
class SchemaEvolutionTest {

    static final Path RELEASED = Path.of("released");

    @ParameterizedTest
    @EnumSource(Stream.class)
    void staysBackwardCompatibleWithItsLastRelease(Stream stream) throws IOException {
        Schema current = stream.schema();
        Schema released = lastReleased(current.getName())
                .orElseThrow(() -> new AssertionError("no released version of " + current.getName()
                        + " under " + RELEASED.toAbsolutePath() + "; snapshot it with SnapshotReleasedSchemas"));

        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        assertThat(result.getType())
                .as("%s must read data written with its last release: %s", current.getName(),
                        result.getResult().getIncompatibilities().stream()
                                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                                .collect(Collectors.joining("; ")))
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @EnumSource(Stream.class)
    void everyFieldAddedSinceTheLastReleaseHasADefault(Stream stream) throws IOException {
        Schema current = stream.schema();
        Schema released = lastReleased(current.getName()).orElseThrow();

        List<String> withoutDefault = new ArrayList<>();
        collectAddedFieldsWithoutDefault(current, released, current.getName(), withoutDefault);

        assertThat(withoutDefault).as("fields added to %s since its last release without a default", current.getName())
                .isEmpty();
    }

    static void collectAddedFieldsWithoutDefault(Schema current, Schema released, String path, List<String> out) {
        Schema cur = nonNull(current);
        Schema old = released == null ? null : nonNull(released);
        if (cur.getType() != Schema.Type.RECORD) {
            if (cur.getType() == Schema.Type.ARRAY && old != null && old.getType() == Schema.Type.ARRAY) {
                collectAddedFieldsWithoutDefault(cur.getElementType(), old.getElementType(), path + "[]", out);
            }
            return;
        }
        for (Schema.Field field : cur.getFields()) {
            Schema.Field before = old == null || old.getType() != Schema.Type.RECORD ? null : old.getField(field.name());
            if (before == null && !field.hasDefaultValue()) {
                out.add(path + "." + field.name());
            }
            if (before != null) {
                collectAddedFieldsWithoutDefault(field.schema(), before.schema(), path + "." + field.name(), out);
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> types = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                    .collect(Collectors.toList());
            return types.size() == 1 ? types.get(0) : schema;
        }
        return schema;
    }

    /** The schema of the highest released version that has one for this record. */
    static Optional<Schema> lastReleased(String recordName) throws IOException {
        if (!Files.isDirectory(RELEASED)) {
            return Optional.empty();
        }
        List<Path> versions;
        try (var dirs = Files.list(RELEASED)) {
            versions = dirs.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path p) -> ReleaseVersion.parse(p.getFileName().toString())).reversed())
                    .collect(Collectors.toList());
        }
        for (Path version : versions) {
            Path file = version.resolve(recordName + ".avsc");
            if (Files.exists(file)) {
                return Optional.of(new Schema.Parser().parse(file.toFile()));
            }
        }
        return Optional.empty();
    }
}
