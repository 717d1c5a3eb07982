package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.VenueConfirmation;

/**
 * Matches each effective fill with the venue's confirmation of it, keyed by venue/instrument/execId (the execId of
 * the original fill: a venue confirms a trade, and re-confirms a corrected trade with an AMENDED confirmation of
 * the same execId). Structured like flink-training's rides-and-fares: whichever side arrives first waits in state,
 * an event-time timer fires at the deadline of the side that is missing, and the key is cleared on a complete
 * match (or, with {@code recon.match.linger}, that long after it).
 * <p>Breaks (main output), all with matchKey venue/instrument/execId:
 * <ul>
 *   <li>MISSING_CONFIRMATION: no confirmation by the fill's last change + {@code recon.confirmation.deadline}.</li>
 *   <li>CONFIRMATION_WITHOUT_EXECUTION: no execution by confirmTime + {@code recon.confirmation.execution-grace},
 *       or the execution was busted but the venue still confirms it.</li>
 *   <li>QUANTITY_MISMATCH, PRICE_MISMATCH, FEE_MISMATCH (fields fee and feeAsset), SIDE_MISMATCH: beyond the
 *       per venue/instrument tolerances; expected is the execution's value, actual the confirmation's.</li>
 *   <li>CONFIRMATION_REJECTED: the venue does not stand by a live fill.</li>
 *   <li>LATE_CONFIRMATION: the confirmation that answers a fill version has a confirmTime after the deadline
 *       (an AMENDED confirmation of a fill version that was already confirmed is not judged). Informational: one
 *       version, already AUTO_RESOLVED; the MISSING_CONFIRMATION it ends (if opened) gets its AUTO_RESOLVED version.</li>
 *   <li>DUPLICATE_CONFLICT (field confirmation): the same confirmation id with different content, or two
 *       CONFIRMED confirmations that disagree without an AMENDED one.</li>
 * </ul>
 * Late data never gets dropped: a fill or confirmation behind the watermark is matched like any other and resolves
 * the breaks it answers. Side output {@link ReconciliationOutputs#LIFECYCLE}: CONFIRMED or REJECTED per fill version.
 */
public class ConfirmationMatcher
        extends KeyedCoProcessFunction<String, EffectiveFill, Sourced<VenueConfirmation>, ReconciliationBreak> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "recon-confirmation-matcher";
    public static final String NAME = "Reconciliation: fills vs venue confirmations";
    public static final KeySelector<EffectiveFill, String> FILL_KEY = new FillKey();
    public static final KeySelector<Sourced<VenueConfirmation>, String> CONFIRMATION_KEY = new ConfirmationKey();

    static final String DUPLICATE_FIELD = "confirmation";
    static final String PRESENCE_FIELD = "confirmation";
    static final String EXECUTION_FIELD = "execution";

    /** venue/instrument/execId of a fill. */
    public static final class FillKey implements KeySelector<EffectiveFill, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(EffectiveFill fill) {
            return fill.matchKey();
        }
    }

    /** venue/instrument/execId of a confirmation. */
    public static final class ConfirmationKey implements KeySelector<Sourced<VenueConfirmation>, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Sourced<VenueConfirmation> c) {
            VenueConfirmation v = c.getValue();
            return v.getVenue() + "/" + v.getInstrument().getSymbol() + "/" + v.getExecId();
        }
    }

    private final ReconciliationConfig config;

    private transient ValueState<EffectiveFill> fill;
    private transient ValueState<SeenConfirmation> confirmation;
    private transient ValueState<Long> lifecycleVersion;
    private transient ValueState<Long> lingerUntil;
    private transient ValueState<Long> timer;
    private transient BreakBook breaks;
    private transient Counter duplicatesDropped;
    private transient Counter staleVersions;
    private transient Counter matched;

    public ConfirmationMatcher(ReconciliationConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        fill = getRuntimeContext().getState(States.withTtl(new ValueStateDescriptor<>("fill", EffectiveFill.TYPE), config));
        confirmation = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("confirmation", TypeInformation.of(SeenConfirmation.class)), config));
        lifecycleVersion = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("lastLifecycleVersion", Types.LONG), config));
        lingerUntil = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("matchedLingerUntil", Types.LONG), config));
        timer = getRuntimeContext().getState(States.withTtl(new ValueStateDescriptor<>("timer", Types.LONG), config));
        breaks = new BreakBook(getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("breaks", Types.STRING, TypeInformation.of(BreakEntry.class)), config)), config);
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped", new SimpleCounter());
        staleVersions = getRuntimeContext().getMetricGroup().counter("staleFillVersionsIgnored", new SimpleCounter());
        matched = getRuntimeContext().getMetricGroup().counter("matched", new SimpleCounter());
    }

    /** Exact duplicates dropped so far by this instance (also the metric {@code duplicatesDropped}). */
    public long duplicatesDropped() {
        return duplicatesDropped.getCount();
    }

    @Override
    public void processElement1(EffectiveFill in, Context ctx, Collector<ReconciliationBreak> out) throws Exception {
        EffectiveFill current = fill.value();
        if (current != null && in.getVersion() <= current.getVersion()) {
            // a replayed or older version: the state already reflects it
            staleVersions.inc();
            return;
        }
        fill.update(in);
        evaluate(in.getChangeTime(), ctx.timerService().currentWatermark(), true, ctx, out);
    }

    @Override
    public void processElement2(Sourced<VenueConfirmation> in, Context ctx, Collector<ReconciliationBreak> out)
            throws Exception {
        VenueConfirmation c = in.getValue();
        SeenConfirmation seen = new SeenConfirmation(c, in.evidence(c.getEventId()));
        long time = c.getConfirmTime().toEpochMilli();
        SeenConfirmation current = confirmation.value();
        EffectiveFill f = fill.value();
        // a confirmation is late only if the fill version was waiting for it, not if it amends an earlier answer
        boolean answersWait = current == null || f == null
                || current.getConfirmation().getConfirmTime().toEpochMilli() < f.getChangeTime();
        if (current != null) {
            VenueConfirmation held = current.getConfirmation();
            boolean sameId = held.getEventId().equals(c.getEventId());
            if (sameId ? Reports.sameContent(held, c) : Reports.sameTerms(held, c)) {
                duplicatesDropped.inc();
                return;
            }
            boolean disagree = sameId || (held.getStatus() == ConfirmationStatus.CONFIRMED
                    && c.getStatus() == ConfirmationStatus.CONFIRMED);
            if (disagree) {
                emit(out, breaks.raise(Finding.of(BreakType.DUPLICATE_CONFLICT, ctx.getCurrentKey(), DUPLICATE_FIELD)
                        .on(c.getVenue(), c.getAccount(), c.getInstrument().getSymbol())
                        .values(Reports.describe(held), Reports.describe(c), null)
                        .description(sameId
                                ? "Confirmation " + c.getEventId() + " arrived again with different content; the first copy stands."
                                : "Two different CONFIRMED confirmations of execution " + c.getExecId()
                                        + " without an AMENDED one; the later stands.")
                        .evidence(Evidence.of(current.getEvidence(), seen.getEvidence())), time));
            }
            // an AMENDED (or any later) confirmation replaces the one held; the same id keeps its first copy
            boolean later = c.getConfirmTime().compareTo(held.getConfirmTime()) > 0
                    || (c.getConfirmTime().equals(held.getConfirmTime()) && c.getEventId().compareTo(held.getEventId()) > 0);
            if (sameId || !later) {
                Timers.reschedule(timer, ctx.timerService(), nextDue(ctx.timerService().currentWatermark()),
                        ctx.timerService().currentWatermark());
                return;
            }
        }
        confirmation.update(seen);
        evaluate(time, ctx.timerService().currentWatermark(), answersWait, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReconciliationBreak> out) throws Exception {
        Timers.fired(timer, timestamp);
        Long linger = lingerUntil.value();
        if (linger != null && linger <= timestamp) {
            clear(ctx);
            return;
        }
        evaluate(timestamp, timestamp, false, ctx, out);
    }

    /**
     * Brings the breaks of the key in line with what it holds. {@code eventTime} is the event time of the cause,
     * {@code now} the event time known to have passed (the watermark, or the timer's time).
     */
    private void evaluate(long eventTime, long now, boolean judgeLateness, Context ctx, Collector<ReconciliationBreak> out)
            throws Exception {
        EffectiveFill f = fill.value();
        SeenConfirmation sc = confirmation.value();
        String key = ctx.getCurrentKey();
        boolean complete = false;
        if (f != null && sc != null) {
            complete = compare(f, sc, key, eventTime, now, judgeLateness, ctx, out);
        } else if (f != null) {
            if (f.isBusted()) {
                // a busted fill needs no confirmation
                resolveAll(out, breaks.resolveAll(eventTime, f.getEvidence(), "execution busted"));
                complete = true;
            } else {
                long due = confirmationDeadline(f);
                if (due <= now) {
                    emit(out, breaks.raise(Finding.of(BreakType.MISSING_CONFIRMATION, key, PRESENCE_FIELD)
                            .on(f.getVenue(), f.getAccount(), f.getInstrument().getSymbol())
                            .values("confirmation by " + Instant.ofEpochMilli(due), "none", null)
                            .description("Execution " + f.tradeKey() + " (" + f.getSide() + " " + Decimal.text(f.getQuantity())
                                    + " @ " + Decimal.text(f.getPrice()) + ") has no venue confirmation "
                                    + config.confirmationDeadline(f.getVenue()) + " after it was last changed.")
                            .evidence(f.getEvidence()), breaks.isUnresolved(BreakType.MISSING_CONFIRMATION, key,
                            PRESENCE_FIELD) ? eventTime : due));
                }
            }
        } else if (sc != null) {
            VenueConfirmation c = sc.getConfirmation();
            long due = c.getConfirmTime().toEpochMilli() + config.executionGrace(c.getVenue()).toMillis();
            if (due <= now) {
                if (c.getStatus() == ConfirmationStatus.REJECTED) {
                    // the venue rejects a fill the firm never received: both sides agree there is no trade
                    complete = !breaks.anyUnresolved();
                } else {
                    emit(out, breaks.raise(Finding.of(BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD)
                            .on(c.getVenue(), c.getAccount(), c.getInstrument().getSymbol())
                            .values("execution report", "none", null)
                            .description("Venue confirmation " + c.getConfirmId() + " of execution " + c.getExecId()
                                    + " has no execution report " + config.executionGrace(c.getVenue())
                                    + " after it was issued.")
                            .evidence(List.of(sc.getEvidence())), breaks.isUnresolved(
                            BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD) ? eventTime : due));
                }
            }
        }
        for (ReconciliationBreak b : breaks.age(now)) {
            emit(out, b);
        }
        if (complete && !breaks.anyUnresolved()) {
            matched.inc();
            long linger = config.matchLinger().toMillis();
            if (linger == 0) {
                clear(ctx);
                return;
            }
            Long until = lingerUntil.value();
            if (until == null) {
                lingerUntil.update(Math.max(eventTime, now) + linger);
            }
        } else {
            lingerUntil.clear();
        }
        Timers.reschedule(timer, ctx.timerService(), nextDue(now), now);
    }

    /** Compares a fill with its confirmation; returns whether the key is completely matched. */
    private boolean compare(EffectiveFill f, SeenConfirmation sc, String key, long eventTime, long now,
                            boolean judgeLateness, Context ctx, Collector<ReconciliationBreak> out) throws Exception {
        VenueConfirmation c = sc.getConfirmation();
        List<EvidenceRef> evidence = Evidence.merge(f.getEvidence(), List.of(sc.getEvidence()));
        String venue = f.getVenue();
        String symbol = f.getInstrument().getSymbol();
        emit(out, breaks.resolve(BreakType.MISSING_CONFIRMATION, key, PRESENCE_FIELD, eventTime, evidence,
                "confirmation " + c.getConfirmId() + " arrived"));
        long deadline = confirmationDeadline(f);
        long confirmTime = c.getConfirmTime().toEpochMilli();
        if (judgeLateness && confirmTime > deadline) {
            emit(out, breaks.record(Finding.of(BreakType.LATE_CONFIRMATION, key, PRESENCE_FIELD)
                    .on(venue, f.getAccount(), symbol)
                    .values(Instant.ofEpochMilli(deadline).toString(), c.getConfirmTime().toString(),
                            BigDecimal.valueOf(confirmTime - deadline).movePointLeft(3))
                    .description("Confirmation " + c.getConfirmId() + " of execution " + f.tradeKey() + " came "
                            + java.time.Duration.ofMillis(confirmTime - deadline) + " after its deadline "
                            + "(difference in seconds).")
                    .evidence(evidence), eventTime));
        }
        boolean rejected = c.getStatus() == ConfirmationStatus.REJECTED;
        if (f.isBusted()) {
            resolveMismatches(key, eventTime, evidence, "execution busted", out);
            emit(out, breaks.resolve(BreakType.CONFIRMATION_REJECTED, key, PRESENCE_FIELD, eventTime, evidence,
                    "execution busted"));
            if (rejected) {
                emit(out, breaks.resolve(BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD, eventTime,
                        evidence, "venue rejected the busted execution"));
                return true;
            }
            emit(out, breaks.raise(Finding.of(BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD)
                    .on(venue, f.getAccount(), symbol)
                    .values("execution report", "busted", null)
                    .description("Venue confirms execution " + f.tradeKey() + " (" + c.getStatus() + " "
                            + c.getConfirmId() + ") which was busted.")
                    .evidence(evidence), eventTime));
            return false;
        }
        emit(out, breaks.resolve(BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD, eventTime, evidence,
                "execution " + f.tradeKey() + " arrived"));
        if (rejected) {
            resolveMismatches(key, eventTime, evidence, "confirmation rejected", out);
            emit(out, breaks.raise(Finding.of(BreakType.CONFIRMATION_REJECTED, key, PRESENCE_FIELD)
                    .on(venue, f.getAccount(), symbol)
                    .values(ConfirmationStatus.CONFIRMED.name(), "REJECTED: " + c.getRejectReason(), null)
                    .description("Venue rejected execution " + f.tradeKey() + " (" + c.getRejectReason()
                            + ") which the firm holds as a live fill.")
                    .evidence(evidence), eventTime));
            lifecycle(f, Lifecycle.STEP_REJECTED, LifecycleState.REJECTED, eventTime, evidence, ctx);
            return false;
        }
        emit(out, breaks.resolve(BreakType.CONFIRMATION_REJECTED, key, PRESENCE_FIELD, eventTime, evidence,
                "venue " + c.getStatus().name().toLowerCase() + " the execution"));

        Terms terms = terms(f, c);
        if (!terms.agree() && termsJudgedAt(f, sc) > now) {
            // a correction of the fill (or an amendment of the confirmation) up to the later of the two may still
            // be in flight: the terms are judged once the watermark has passed both (a timer at that time)
            return false;
        }
        String side = "side";
        check(terms.side(), Finding.of(BreakType.SIDE_MISMATCH, key, side)
                .values(f.getSide().name(), c.getSide().name(), null)
                .description("Venue confirms " + c.getSide() + " for execution " + f.tradeKey() + " booked as "
                        + f.getSide() + "."), f, evidence, eventTime, out);
        check(terms.quantity(),
                Finding.of(BreakType.QUANTITY_MISMATCH, key, "quantity").amounts(f.getQuantity(), c.getQuantity())
                        .description("Venue confirms quantity " + Decimal.text(c.getQuantity()) + " for execution "
                                + f.tradeKey() + " of " + Decimal.text(f.getQuantity()) + "."), f, evidence, eventTime, out);
        check(terms.price(),
                Finding.of(BreakType.PRICE_MISMATCH, key, "price").amounts(f.getPrice(), c.getPrice())
                        .description("Venue confirms price " + Decimal.text(c.getPrice()) + " for execution "
                                + f.tradeKey() + " at " + Decimal.text(f.getPrice()) + ", beyond "
                                + config.priceTolerance(venue, symbol) + "."), f, evidence, eventTime, out);
        BigDecimal fee = f.getCommission();
        check(terms.fee(),
                Finding.of(BreakType.FEE_MISMATCH, key, "fee").amounts(fee, c.getFee()).asset(c.getFeeAsset())
                        .description("Venue confirms fee " + Decimal.text(c.getFee()) + " " + c.getFeeAsset()
                                + " for execution " + f.tradeKey() + " reported with " + Decimal.text(fee) + " "
                                + f.getCommissionAsset() + "."), f, evidence, eventTime, out);
        check(terms.feeAsset(),
                Finding.of(BreakType.FEE_MISMATCH, key, "feeAsset").values(f.getCommissionAsset(), c.getFeeAsset(), null)
                        .asset(c.getFeeAsset())
                        .description("Venue charges the fee of execution " + f.tradeKey() + " in " + c.getFeeAsset()
                                + ", the execution report in " + f.getCommissionAsset() + "."), f, evidence, eventTime, out);
        lifecycle(f, Lifecycle.STEP_CONFIRMED, LifecycleState.CONFIRMED, eventTime, evidence, ctx);
        return true;
    }

    /** Which terms of a fill and its confirmation agree within tolerance: one rule for judging and for waiting. */
    private record Terms(boolean side, boolean quantity, boolean price, boolean fee, boolean feeAsset) {
        boolean agree() {
            return side && quantity && price && fee && feeAsset;
        }
    }

    private Terms terms(EffectiveFill f, VenueConfirmation c) {
        String venue = f.getVenue();
        String symbol = f.getInstrument().getSymbol();
        BigDecimal fee = f.getCommission();
        boolean noFee = fee.signum() == 0 && c.getFee().signum() == 0;
        return new Terms(f.getSide() == c.getSide(),
                config.quantityTolerance(venue, symbol).within(f.getQuantity(), c.getQuantity()),
                config.priceTolerance(venue, symbol).within(f.getPrice(), c.getPrice()),
                config.feeTolerance(venue, symbol).within(fee, c.getFee()),
                noFee || c.getFeeAsset().equals(f.getCommissionAsset()));
    }

    /**
     * The event time as of which a fill version and a confirmation are compared: the later of the fill's last change
     * and the confirmTime. Until the watermark gets there, a correction or an AMENDED confirmation from before that
     * time can still arrive (the two sides come through different topics and operators, so a confirmation of a
     * corrected fill often meets the original version first); a disagreement is reported only then.
     */
    private static long termsJudgedAt(EffectiveFill f, SeenConfirmation sc) {
        return Math.max(f.getChangeTime(), sc.getConfirmation().getConfirmTime().toEpochMilli());
    }

    private void check(boolean matches, Finding finding, EffectiveFill f, List<EvidenceRef> evidence, long eventTime,
                       Collector<ReconciliationBreak> out) throws Exception {
        if (matches) {
            emit(out, breaks.resolve(finding.type, finding.matchKey, finding.field, eventTime, evidence,
                    finding.field + " now agrees"));
        } else {
            emit(out, breaks.raise(finding.on(f.getVenue(), f.getAccount(), f.getInstrument().getSymbol())
                    .evidence(evidence), eventTime));
        }
    }

    private void resolveMismatches(String key, long eventTime, List<EvidenceRef> evidence, String reason,
                                   Collector<ReconciliationBreak> out) throws Exception {
        emit(out, breaks.resolve(BreakType.SIDE_MISMATCH, key, "side", eventTime, evidence, reason));
        emit(out, breaks.resolve(BreakType.QUANTITY_MISMATCH, key, "quantity", eventTime, evidence, reason));
        emit(out, breaks.resolve(BreakType.PRICE_MISMATCH, key, "price", eventTime, evidence, reason));
        emit(out, breaks.resolve(BreakType.FEE_MISMATCH, key, "fee", eventTime, evidence, reason));
        emit(out, breaks.resolve(BreakType.FEE_MISMATCH, key, "feeAsset", eventTime, evidence, reason));
    }

    private void lifecycle(EffectiveFill f, int step, LifecycleState state, long eventTime, List<EvidenceRef> evidence,
                           Context ctx) throws Exception {
        long version = Lifecycle.fillVersion(f, step);
        Long last = lifecycleVersion.value();
        if (last != null && last >= version) {
            return;
        }
        lifecycleVersion.update(version);
        ctx.output(ReconciliationOutputs.LIFECYCLE, Lifecycle.ofFill(f, step, state, eventTime,
                ctx.timerService().currentProcessingTime(), evidence));
    }

    private long confirmationDeadline(EffectiveFill f) {
        return f.getChangeTime() + config.confirmationDeadline(f.getVenue()).toMillis();
    }

    /** The earliest event time after {@code now} at which something is due for this key, or null. */
    private Long nextDue(long now) throws Exception {
        Long next = breaks.nextAgeing();
        EffectiveFill f = fill.value();
        SeenConfirmation sc = confirmation.value();
        if (f != null && sc == null && f.active()
                && !breaks.isUnresolved(BreakType.MISSING_CONFIRMATION, fill.value().matchKey(), PRESENCE_FIELD)) {
            next = Timers.earliest(next, confirmationDeadline(f));
        }
        if (f != null && sc != null && !f.isBusted() && sc.getConfirmation().getStatus() != ConfirmationStatus.REJECTED
                && !terms(f, sc.getConfirmation()).agree()) {
            long judgedAt = termsJudgedAt(f, sc);
            if (judgedAt > now) {
                next = Timers.earliest(next, judgedAt); // the terms are judged when the watermark gets there
            }
        }
        if (f == null && sc != null) {
            VenueConfirmation c = sc.getConfirmation();
            String key = c.getVenue() + "/" + c.getInstrument().getSymbol() + "/" + c.getExecId();
            if (!breaks.isUnresolved(BreakType.CONFIRMATION_WITHOUT_EXECUTION, key, EXECUTION_FIELD)) {
                next = Timers.earliest(next, c.getConfirmTime().toEpochMilli() + config.executionGrace(c.getVenue()).toMillis());
            }
        }
        return Timers.earliest(next, lingerUntil.value());
    }

    private void clear(Context ctx) throws Exception {
        Timers.cancel(timer, ctx.timerService());
        fill.clear();
        confirmation.clear();
        lifecycleVersion.clear();
        lingerUntil.clear();
        breaks.clear();
    }

    private static void resolveAll(Collector<ReconciliationBreak> out, List<ReconciliationBreak> resolved) {
        resolved.forEach(b -> emit(out, b));
    }

    private static void emit(Collector<ReconciliationBreak> out, ReconciliationBreak b) {
        if (b != null) {
            out.collect(b);
        }
    }
}
