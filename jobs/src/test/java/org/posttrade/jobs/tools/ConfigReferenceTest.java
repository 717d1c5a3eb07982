package org.posttrade.jobs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is the generated one: an option added or changed must show there. */
class ConfigReferenceTest {

    @Test
    void readmeCarriesTheGeneratedReference() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README.md is out of date: paste the output of "
                + "`PosttradeTool config-reference` into its Configuration section").contains(ConfigReference.markdown());
    }
}
