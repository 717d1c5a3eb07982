package org.posttrade.generator;

import java.util.function.Predicate;

/** Draws at most one fault for an item: each fault of the draw group takes a slice of [0, 1) as wide as its rate. */
final class FaultDraw {
    private FaultDraw() {}

    /** The fault drawn, or CLEAN; a drawn fault the item is not eligible for leaves it CLEAN. */
    static Label draw(Rng rng, GeneratorConfig config, Label.Draw group, Predicate<Label> eligible) {
        double u = rng.unit();
        double upper = 0;
        for (Label label : Label.values()) {
            if (label.draw() == group) {
                upper += config.faultRate(label);
                if (u < upper) {
                    return eligible.test(label) ? label : Label.CLEAN;
                }
            }
        }
        return Label.CLEAN;
    }
}
