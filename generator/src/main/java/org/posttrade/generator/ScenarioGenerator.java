package org.posttrade.generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The seeded model: an iterator over every input record of a scenario in event-time order (ties in the order they
 * were generated), and the ground truth of each item handed to a consumer as soon as the item is decided. Pure: no
 * I/O, no clock; the same config gives the same events and the same truth.
 *
 * <p>Streams rather than lists: trades are generated one booking at a time and only events earlier than the next
 * booking are released, so memory holds a settlement cycle's worth of events, not the whole run. Every event of a
 * trade is at or after its booking; marks and settlement cycles are advanced up to the next booking before anything
 * is released, so nothing generated later can be earlier than what was already released.
 */
public final class ScenarioGenerator implements Iterator<GeneratedEvent> {
    private final GeneratorConfig config;
    private final EventQueue queue = new EventQueue();
    private final MarkBook marks;
    private final SettlementBook settlement;
    private final TradeScenario trades;
    private final Rng timing;
    private long nextBookingTime;
    private int generated;
    private boolean finished;

    public ScenarioGenerator(GeneratorConfig config, Consumer<? super TruthEntry> truth) {
        this.config = config;
        Rng root = new Rng(config.seed());
        this.timing = root.split();
        Rng market = root.split();
        Rng trading = root.split();
        Rng faults = root.split();
        Rng settling = root.split();
        Rng malformedRng = root.split();
        Ids ids = new Ids(config.firstId());
        long start = config.start().toEpochMilli();
        this.marks = new MarkBook(start, config.markInterval().toMillis(), market, queue);
        this.settlement = new SettlementBook(config, queue, ids, truth, settling, faults.split());
        MalformedRecords malformed = new MalformedRecords(queue, marks, ids, truth, malformedRng, start);
        this.trades = new TradeScenario(config, queue, marks, settlement, malformed, ids, truth, trading, faults);
        this.nextBookingTime = start;
        marks.advanceTo(start);
        if (config.trades() == 0) {
            finish();
        }
    }

    /** The whole scenario in memory: for tests and small runs. */
    public static Scenario generate(GeneratorConfig config) {
        List<TruthEntry> truth = new ArrayList<>();
        ScenarioGenerator generator = new ScenarioGenerator(config, truth::add);
        List<GeneratedEvent> events = new ArrayList<>();
        generator.forEachRemaining(events::add);
        return new Scenario(config, events, truth);
    }

    public GeneratorConfig config() { return config; }

    @Override
    public boolean hasNext() {
        fill();
        return !queue.isEmpty();
    }

    @Override
    public GeneratedEvent next() {
        fill();
        if (queue.isEmpty()) {
            throw new NoSuchElementException("the scenario is complete");
        }
        return queue.poll();
    }

    /** Generates trades until the earliest queued event is safe to release (earlier than the next booking). */
    private void fill() {
        while (!finished && (queue.isEmpty() || queue.peekTime() >= nextBookingTime)) {
            trades.generate(nextBookingTime);
            generated++;
            if (generated == config.trades()) {
                finish();
            } else {
                nextBookingTime += timing.exponential(config.meanBookingGap().toMillis());
                marks.advanceTo(nextBookingTime);
                settlement.closeUntil(nextBookingTime);
            }
        }
    }

    /** Settles the open cycles and lets the marks tick on past the last event so watermarks pass every deadline. */
    private void finish() {
        settlement.closeAll();
        marks.advanceTo(queue.maxTime(nextBookingTime) + config.tail().toMillis());
        finished = true;
    }
}
