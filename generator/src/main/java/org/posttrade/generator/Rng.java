package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Seeded randomness for the model. SplittableRandom's algorithm is specified, and only integer draws and StrictMath
 * are used, so the same seed gives the same scenario on every JVM.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so that one concern's draws do not shift another's. */
    Rng split() {
        return new Rng(random.split());
    }

    /** Uniform in [0, 1). */
    double unit() {
        return random.nextDouble();
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    /** Uniform in [min, max], both inclusive. */
    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** Uniform in [min, max], both inclusive. */
    long between(long min, long max) {
        return random.nextLong(min, max + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pickWeighted(List<T> items, ToIntFunction<T> weight) {
        int total = items.stream().mapToInt(weight).sum();
        int r = random.nextInt(total);
        for (T item : items) {
            r -= weight.applyAsInt(item);
            if (r < 0) {
                return item;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }

    /** Exponentially distributed with the given mean, at least 1. */
    long exponential(long mean) {
        double u = random.nextDouble();
        return Math.max(1L, Math.round(-mean * StrictMath.log(1.0 - u)));
    }

    /** Uniform decimal in [min, max] with the given scale. */
    BigDecimal decimalBetween(BigDecimal min, BigDecimal max, int scale) {
        long steps = max.subtract(min).movePointRight(scale).setScale(0, RoundingMode.DOWN).longValueExact();
        return min.add(BigDecimal.valueOf(between(0L, steps), scale)).setScale(scale, RoundingMode.HALF_UP);
    }

    /** {@code count} hex digits. */
    String hex(int count) {
        StringBuilder sb = new StringBuilder(count);
        while (sb.length() < count) {
            sb.append(String.format("%016x", random.nextLong()));
        }
        return sb.substring(0, count);
    }

    String base58(int count) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    byte[] bytes(int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
