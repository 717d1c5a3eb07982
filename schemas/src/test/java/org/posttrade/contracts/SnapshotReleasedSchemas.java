package org.posttrade.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts a schema release: writes the self-contained schema of every stream to {@code released/<version>/}.
 * Run when a version of the contracts is released:
 * {@code mvn -pl schemas test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.posttrade.contracts.SnapshotReleasedSchemas -Dexec.args=0.2.0}
 */
public final class SnapshotReleasedSchemas {
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SnapshotReleasedSchemas <version>");
        }
        Path dir = SchemaEvolutionTest.RELEASED.resolve(args[0]);
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists: a released version is never rewritten");
        }
        Files.createDirectories(dir);
        for (Stream stream : Stream.values()) {
            Files.writeString(dir.resolve(stream.schema().getName() + ".avsc"), stream.schema().toString(true) + "\n");
        }
        System.out.println("wrote " + Stream.values().length + " schemas to " + dir.toAbsolutePath());
    }
}
