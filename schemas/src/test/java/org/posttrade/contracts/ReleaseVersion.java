package org.posttrade.contracts;

import java.util.Arrays;

/** A dotted release version (0.1.0) compared numerically, so 0.10.0 sorts after 0.9.0. */
record ReleaseVersion(int[] parts) implements Comparable<ReleaseVersion> {

    static ReleaseVersion parse(String text) {
        return new ReleaseVersion(Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return Arrays.compare(parts, other.parts);
    }
}
