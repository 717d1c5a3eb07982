package org.posttrade.generator;

import java.time.Duration;

/** Scenarios shared by the tests, generated once per JVM. */
final class TestScenarios {
    private TestScenarios() {}

    /** Default rates, a few hundred trades. */
    static final GeneratorConfig DEFAULT = GeneratorConfig.builder().seed(7).trades(400).build();

    /**
     * Forced rates: every fault frequent enough to appear, short settlement cycles for many obligations, plenty of
     * corrections and busts.
     */
    static final GeneratorConfig FORCED = GeneratorConfig.builder().seed(11).trades(600).allFaultRates(0.07)
            .settlementCycle(Duration.ofMinutes(10)).correctionRate(0.2).bustRate(0.1).build();

    private static Scenario defaultScenario;
    private static Scenario forcedScenario;

    static synchronized Scenario defaults() {
        if (defaultScenario == null) {
            defaultScenario = ScenarioGenerator.generate(DEFAULT);
        }
        return defaultScenario;
    }

    static synchronized Scenario forced() {
        if (forcedScenario == null) {
            forcedScenario = ScenarioGenerator.generate(FORCED);
        }
        return forcedScenario;
    }
}
