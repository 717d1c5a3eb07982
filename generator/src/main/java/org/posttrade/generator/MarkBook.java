package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posttrade.contracts.Stream;

/**
 * Mark prices of every instrument, ticking every mark interval as a seeded random walk in exact decimals. Majors
 * move a few basis points per tick; stablecoins revert towards 1 and are never exactly 1.
 */
final class MarkBook {
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal TENTH_BPS = new BigDecimal("100000");
    private static final BigDecimal STABLE_REVERSION = new BigDecimal("0.8");
    private static final BigDecimal MICRO = new BigDecimal("0.000001");

    private final Map<String, BigDecimal> marks = new LinkedHashMap<>();
    private final long interval;
    private final Rng rng;
    private final EventQueue queue;
    private long nextTick;

    MarkBook(long start, long interval, Rng rng, EventQueue queue) {
        this.interval = interval;
        this.rng = rng;
        this.queue = queue;
        this.nextTick = start;
        for (ReferenceData.InstrumentSpec spec : ReferenceData.INSTRUMENTS) {
            marks.put(spec.symbol(), spec.initialMark().setScale(spec.markScale(), RoundingMode.HALF_EVEN));
        }
    }

    /** Queues every tick at or before {@code time}. */
    void advanceTo(long time) {
        while (nextTick <= time) {
            for (ReferenceData.InstrumentSpec spec : ReferenceData.INSTRUMENTS) {
                BigDecimal mark = step(spec, marks.get(spec.symbol()));
                marks.put(spec.symbol(), mark);
                queue.push(Stream.MARK_PRICES, nextTick, spec.symbol(),
                        Records.markPrice(spec, mark, nextTick, rng.between(5, 80)));
            }
            nextTick += interval;
        }
    }

    /** The latest mark of an instrument (the initial mark before the first tick). */
    BigDecimal current(String symbol) {
        return marks.get(symbol);
    }

    /** True when {@code time} is one of the tick times. */
    boolean isTickTime(long time, long start) {
        return Math.floorMod(time - start, interval) == 0;
    }

    private BigDecimal step(ReferenceData.InstrumentSpec spec, BigDecimal mark) {
        if (spec.stablecoin()) {
            BigDecimal noise = MICRO.multiply(BigDecimal.valueOf(rng.between(-150, 150)));
            BigDecimal next = ONE.add(mark.subtract(ONE).multiply(STABLE_REVERSION)).add(noise)
                    .setScale(spec.markScale(), RoundingMode.HALF_EVEN);
            if (next.compareTo(ONE) == 0) {
                next = next.add(rng.chance(0.5) ? MICRO : MICRO.negate());
            }
            return next;
        }
        int step = rng.between(-spec.markStepTenthBps(), spec.markStepTenthBps());
        return mark.multiply(TENTH_BPS.add(BigDecimal.valueOf(step)))
                .divide(TENTH_BPS, spec.markScale(), RoundingMode.HALF_EVEN);
    }
}
