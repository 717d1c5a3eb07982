package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
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
import org.posttrade.contracts.Decimals;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BookingStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.Side;

/**
 * Matches the OMS booking of an order with the order's effective fills, keyed by clOrdId (matchKey of its breaks).
 * Fills arrive as {@link EffectiveFill} versions from the {@link FillNormalizer}: each replaces the previous
 * version of the same fill, so corrections and busts are applied exactly once. The booking's latest version
 * stands; an older version is ignored, the same version again is a duplicate (dropped, or DUPLICATE_CONFLICT when
 * its content differs).
 * <p>Breaks (main output):
 * <ul>
 *   <li>UNBOOKED_EXECUTION: live fills and no booking {@code recon.booking.grace} after the first of them, or fills
 *       against a CANCELLED booking.</li>
 *   <li>OVERFILL: filled quantity above the booked quantity beyond the quantity tolerance (at once).</li>
 *   <li>UNFILLED_BOOKING: filled quantity below the booked quantity at the booking's fillDeadline (or bookedTime +
 *       {@code recon.booking.fill-deadline}); resolved when the missing fills arrive.</li>
 *   <li>PRICE_MISMATCH (field averagePrice): LIMIT: the fills' volume-weighted price is worse than the limit beyond
 *       the price tolerance (at once); AVERAGE: it differs from averagePrice beyond the tolerance once the order is
 *       filled or its deadline has passed; MARKET: no price check.</li>
 *   <li>SIDE_MISMATCH, and OTHER on fields account, instrument and venue (intended venue): fills that disagree with
 *       the booking.</li>
 * </ul>
 * Side output {@link ReconciliationOutputs#LIFECYCLE} with tradeKey = OMS tradeId: BOOKED, PARTIALLY_FILLED, FILLED.
 */
public class BookingMatcher
        extends KeyedCoProcessFunction<String, Sourced<InternalTrade>, EffectiveFill, ReconciliationBreak> {
    private static final long serialVersionUID = 1L;

    public static final String UID = "recon-booking-matcher";
    public static final String NAME = "Reconciliation: OMS bookings vs fills";
    public static final KeySelector<Sourced<InternalTrade>, String> BOOKING_KEY = new BookingKey();
    public static final KeySelector<EffectiveFill, String> FILL_KEY = new FillKey();

    static final String BOOKING_FIELD = "booking";
    static final String QUANTITY_FIELD = "quantity";
    static final String PRICE_FIELD = "averagePrice";

    /** clOrdId of a booking. */
    public static final class BookingKey implements KeySelector<Sourced<InternalTrade>, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Sourced<InternalTrade> booking) {
            return booking.getValue().getClOrdId();
        }
    }

    /** clOrdId of a fill. */
    public static final class FillKey implements KeySelector<EffectiveFill, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(EffectiveFill fill) {
            return fill.getClOrdId();
        }
    }

    private final ReconciliationConfig config;

    private transient ValueState<SeenBooking> booking;
    private transient MapState<String, EffectiveFill> fills;
    private transient ValueState<Long> lifecycleVersion;
    private transient ValueState<String> lifecycleMark;
    private transient ValueState<Long> lingerUntil;
    private transient ValueState<Long> timer;
    private transient BreakBook breaks;
    private transient Counter duplicatesDropped;
    private transient Counter staleVersions;
    private transient Counter matched;

    public BookingMatcher(ReconciliationConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        booking = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("booking", TypeInformation.of(SeenBooking.class)), config));
        fills = getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("fillsByTradeKey", Types.STRING, EffectiveFill.TYPE), config));
        lifecycleVersion = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("lastLifecycleVersion", Types.LONG), config));
        lifecycleMark = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("lastLifecycleStep", Types.STRING), config));
        lingerUntil = getRuntimeContext().getState(States.withTtl(
                new ValueStateDescriptor<>("matchedLingerUntil", Types.LONG), config));
        timer = getRuntimeContext().getState(States.withTtl(new ValueStateDescriptor<>("timer", Types.LONG), config));
        breaks = new BreakBook(getRuntimeContext().getMapState(States.withTtl(
                new MapStateDescriptor<>("breaks", Types.STRING, TypeInformation.of(BreakEntry.class)), config)), config);
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped", new SimpleCounter());
        staleVersions = getRuntimeContext().getMetricGroup().counter("staleVersionsIgnored", new SimpleCounter());
        matched = getRuntimeContext().getMetricGroup().counter("matched", new SimpleCounter());
    }

    /** Exact duplicate bookings dropped so far by this instance (also the metric {@code duplicatesDropped}). */
    public long duplicatesDropped() {
        return duplicatesDropped.getCount();
    }

    @Override
    public void processElement1(Sourced<InternalTrade> in, Context ctx, Collector<ReconciliationBreak> out)
            throws Exception {
        InternalTrade b = in.getValue();
        SeenBooking seen = new SeenBooking(b, in.evidence(b.getEventId()));
        long time = b.getBookedTime().toEpochMilli();
        SeenBooking current = booking.value();
        if (current != null) {
            InternalTrade held = current.getBooking();
            if (b.getVersion() < held.getVersion()) {
                staleVersions.inc();
                return;
            }
            if (b.getVersion() == held.getVersion()) {
                if (Reports.sameContent(held, b)) {
                    duplicatesDropped.inc();
                    return;
                }
                emit(out, breaks.raise(Finding.of(BreakType.DUPLICATE_CONFLICT, ctx.getCurrentKey(), BOOKING_FIELD)
                        .on(held.getIntendedVenue(), held.getAccount(), held.getInstrument().getSymbol())
                        .values(Reports.describe(held), Reports.describe(b), null)
                        .description("Booking " + b.getEventId() + " arrived again with different content; the "
                                + "first copy stands.")
                        .evidence(Evidence.of(current.getEvidence(), seen.getEvidence())), time));
                Timers.reschedule(timer, ctx.timerService(), nextDue(ctx.getCurrentKey()),
                        ctx.timerService().currentWatermark());
                return;
            }
        }
        booking.update(seen);
        evaluate(time, ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void processElement2(EffectiveFill in, Context ctx, Collector<ReconciliationBreak> out) throws Exception {
        EffectiveFill current = fills.get(in.tradeKey());
        if (current != null && in.getVersion() <= current.getVersion()) {
            staleVersions.inc();
            return;
        }
        // the new version replaces the old one: the original is reversed and the correction applied, once
        fills.put(in.tradeKey(), in);
        evaluate(in.getChangeTime(), ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReconciliationBreak> out) throws Exception {
        Timers.fired(timer, timestamp);
        Long linger = lingerUntil.value();
        if (linger != null && linger <= timestamp) {
            clear(ctx);
            return;
        }
        evaluate(timestamp, timestamp, ctx, out);
    }

    private void evaluate(long eventTime, long now, Context ctx, Collector<ReconciliationBreak> out) throws Exception {
        String key = ctx.getCurrentKey();
        List<EffectiveFill> all = fills();
        List<EffectiveFill> live = all.stream().filter(EffectiveFill::active).toList();
        BigDecimal filled = Decimals.ZERO;
        BigDecimal notional = Decimals.ZERO;
        List<EvidenceRef> fillEvidence = new ArrayList<>();
        for (EffectiveFill f : all) {
            fillEvidence.addAll(f.getEvidence());
        }
        for (EffectiveFill f : live) {
            filled = filled.add(f.getQuantity());
            notional = notional.add(f.notional());
        }
        SeenBooking sb = booking.value();
        boolean complete = false;
        if (sb == null) {
            if (live.isEmpty()) {
                // only busted fills: nothing left to book
                breaks.resolveAll(eventTime, fillEvidence, "fills busted").forEach(b -> emit(out, b));
                complete = !all.isEmpty();
            } else {
                long due = unbookedDue(live);
                boolean open = breaks.isUnresolved(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD);
                if (due <= now || open) {
                    EffectiveFill first = live.get(0);
                    emit(out, breaks.raise(Finding.of(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD)
                            .on(first.getVenue(), first.getAccount(), first.getInstrument().getSymbol())
                            .values("0", Decimal.text(filled), Decimals.rounded(filled))
                            .description(live.size() + " fill(s) of " + Decimal.text(filled) + " "
                                    + first.getInstrument().getBaseAsset() + " for clOrdId " + key
                                    + " have no OMS booking.")
                            .evidence(fillEvidence), open ? eventTime : due));
                }
            }
        } else {
            complete = compare(sb, all, live, filled, notional, fillEvidence, key, eventTime, now, out);
        }
        for (ReconciliationBreak b : breaks.age(now)) {
            emit(out, b);
        }
        emitLifecycle(ctx, eventTime);
        if (complete && !breaks.anyUnresolved()) {
            matched.inc();
            long linger = config.matchLinger().toMillis();
            if (linger == 0) {
                clear(ctx);
                return;
            }
            if (lingerUntil.value() == null) {
                lingerUntil.update(Math.max(eventTime, now) + linger);
            }
        } else {
            lingerUntil.clear();
        }
        Timers.reschedule(timer, ctx.timerService(), nextDue(key), now);
    }

    private boolean compare(SeenBooking sb, List<EffectiveFill> all, List<EffectiveFill> live, BigDecimal filled,
                            BigDecimal notional, List<EvidenceRef> fillEvidence, String key, long eventTime, long now,
                            Collector<ReconciliationBreak> out) throws Exception {
        InternalTrade b = sb.getBooking();
        String venue = b.getIntendedVenue();
        String symbol = b.getInstrument().getSymbol();
        List<EvidenceRef> evidence = Evidence.merge(List.of(sb.getEvidence()), fillEvidence);
        if (b.getBookingStatus() == BookingStatus.CANCELLED) {
            breaks.resolveAll(eventTime, evidence, "booking cancelled",
                    open -> open.getBreakType() != BreakType.UNBOOKED_EXECUTION).forEach(r -> emit(out, r));
            if (live.isEmpty()) {
                emit(out, breaks.resolve(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD, eventTime, evidence,
                        "booking cancelled and no live fills"));
                return true;
            }
            emit(out, breaks.raise(finding(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD, b)
                    .values("0", Decimal.text(filled), Decimals.rounded(filled))
                    .description("Booking " + b.getTradeId() + " was cancelled but " + live.size() + " fill(s) of "
                            + Decimal.text(filled) + " remain for clOrdId " + key + ".")
                    .evidence(evidence), eventTime));
            return false;
        }
        emit(out, breaks.resolve(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD, eventTime, evidence,
                "booking " + b.getTradeId() + " arrived"));

        attribute(BreakType.SIDE_MISMATCH, "side", b.getSide().name(), live, f -> f.getSide().name(), b, evidence, key,
                eventTime, out);
        attribute(BreakType.OTHER, "account", b.getAccount(), live, EffectiveFill::getAccount, b, evidence, key,
                eventTime, out);
        attribute(BreakType.OTHER, "instrument", symbol, live, f -> f.getInstrument().getSymbol(), b, evidence, key,
                eventTime, out);
        attribute(BreakType.OTHER, "venue", venue, live, EffectiveFill::getVenue, b, evidence, key, eventTime, out);

        BigDecimal ordered = b.getOrderedQty();
        Tolerance quantity = config.quantityTolerance(venue, symbol);
        boolean over = filled.subtract(ordered).compareTo(quantity.allowance(ordered)) > 0;
        boolean done = quantity.within(ordered, filled);
        long deadline = fillDeadline(b);
        boolean deadlinePassed = deadline <= now;
        if (over) {
            emit(out, breaks.raise(finding(BreakType.OVERFILL, key, QUANTITY_FIELD, b).amounts(ordered, filled)
                    .description("Fills of " + Decimal.text(filled) + " exceed booking " + b.getTradeId() + " of "
                            + Decimal.text(ordered) + ".")
                    .evidence(evidence), eventTime));
        } else {
            emit(out, breaks.resolve(BreakType.OVERFILL, key, QUANTITY_FIELD, eventTime, evidence,
                    "fills within the booked quantity"));
        }
        if (done || over) {
            emit(out, breaks.resolve(BreakType.UNFILLED_BOOKING, key, QUANTITY_FIELD, eventTime, evidence,
                    "booking filled"));
        } else if (deadlinePassed) {
            boolean open = breaks.isUnresolved(BreakType.UNFILLED_BOOKING, key, QUANTITY_FIELD);
            emit(out, breaks.raise(finding(BreakType.UNFILLED_BOOKING, key, QUANTITY_FIELD, b).amounts(ordered, filled)
                    .description("Booking " + b.getTradeId() + " of " + Decimal.text(ordered) + " is filled "
                            + Decimal.text(filled) + " at its fill deadline " + java.time.Instant.ofEpochMilli(deadline) + ".")
                    .evidence(evidence), open ? eventTime : deadline));
        }

        BigDecimal vwap = Decimal.vwap(notional, filled);
        Tolerance price = config.priceTolerance(venue, symbol);
        if (vwap == null || b.getPriceType() == PriceType.MARKET) {
            emit(out, breaks.resolve(BreakType.PRICE_MISMATCH, key, PRICE_FIELD, eventTime, evidence,
                    "no price to check"));
        } else if (b.getPriceType() == PriceType.LIMIT) {
            BigDecimal limit = b.getLimitPrice();
            boolean worse = b.getSide() == Side.BUY ? vwap.compareTo(limit) > 0 : vwap.compareTo(limit) < 0;
            priceCheck(!worse || price.within(limit, vwap), limit, vwap, "limit", b, evidence, key, eventTime, out);
        } else if (done || over || deadlinePassed) {
            BigDecimal expected = b.getAveragePrice();
            priceCheck(price.within(expected, vwap), expected, vwap, "expected average", b, evidence, key, eventTime, out);
        }
        return done && !over;
    }

    private void priceCheck(boolean ok, BigDecimal expected, BigDecimal vwap, String what, InternalTrade b,
                            List<EvidenceRef> evidence, String key, long eventTime, Collector<ReconciliationBreak> out)
            throws Exception {
        if (ok) {
            emit(out, breaks.resolve(BreakType.PRICE_MISMATCH, key, PRICE_FIELD, eventTime, evidence,
                    "average price within tolerance"));
            return;
        }
        emit(out, breaks.raise(finding(BreakType.PRICE_MISMATCH, key, PRICE_FIELD, b).amounts(expected, vwap)
                .description("Volume-weighted fill price " + Decimal.text(vwap) + " of booking " + b.getTradeId()
                        + " is off its " + what + " price " + Decimal.text(expected) + " beyond "
                        + config.priceTolerance(b.getIntendedVenue(), b.getInstrument().getSymbol()) + ".")
                .evidence(evidence), eventTime));
    }

    private interface Attribute {
        String of(EffectiveFill fill);
    }

    /** One break per attribute: the fills whose value differs from the booking's. */
    private void attribute(BreakType type, String field, String expected, List<EffectiveFill> live, Attribute attribute,
                           InternalTrade b, List<EvidenceRef> bookingEvidence, String key, long eventTime,
                           Collector<ReconciliationBreak> out) throws Exception {
        TreeSet<String> actual = new TreeSet<>();
        List<EvidenceRef> evidence = new ArrayList<>();
        List<String> fillsOff = new ArrayList<>();
        for (EffectiveFill f : live) {
            String value = attribute.of(f);
            if (!expected.equals(value)) {
                actual.add(value);
                fillsOff.add(f.tradeKey());
                evidence.addAll(f.getEvidence());
            }
        }
        if (actual.isEmpty()) {
            emit(out, breaks.resolve(type, key, field, eventTime, bookingEvidence, field + " agrees"));
            return;
        }
        emit(out, breaks.raise(finding(type, key, field, b).values(expected, String.join(",", actual), null)
                .description("Fill(s) " + String.join(", ", fillsOff) + " have " + field + " " + String.join(",", actual)
                        + " where booking " + b.getTradeId() + " has " + expected + ".")
                .evidence(Evidence.merge(evidence, bookingEvidence)), eventTime));
    }

    private static Finding finding(BreakType type, String key, String field, InternalTrade b) {
        return Finding.of(type, key, field).on(b.getIntendedVenue(), b.getAccount(), b.getInstrument().getSymbol());
    }

    /** BOOKED, PARTIALLY_FILLED or FILLED, each time the booking or the filled quantity changes. */
    private void emitLifecycle(Context ctx, long eventTime) throws Exception {
        SeenBooking sb = booking.value();
        if (sb == null) {
            return;
        }
        InternalTrade b = sb.getBooking();
        BigDecimal filled = Decimals.ZERO;
        BigDecimal notional = Decimals.ZERO;
        List<EvidenceRef> evidence = new ArrayList<>(List.of(sb.getEvidence()));
        for (EffectiveFill f : fills()) {
            evidence.addAll(f.getEvidence());
            if (f.active()) {
                filled = filled.add(f.getQuantity());
                notional = notional.add(f.notional());
            }
        }
        LifecycleState state = filled.signum() == 0 ? LifecycleState.BOOKED
                : config.quantityTolerance(b.getIntendedVenue(), b.getInstrument().getSymbol())
                        .within(b.getOrderedQty(), filled) ? LifecycleState.FILLED : LifecycleState.PARTIALLY_FILLED;
        String mark = b.getVersion() + "/" + state + "/" + Decimal.text(filled);
        if (mark.equals(lifecycleMark.value())) {
            return;
        }
        lifecycleMark.update(mark);
        Long last = lifecycleVersion.value();
        long version = last == null ? 1 : last + 1;
        lifecycleVersion.update(version);
        BigDecimal vwap = Decimal.vwap(notional, filled);
        ctx.output(ReconciliationOutputs.LIFECYCLE, Lifecycle.of(b.getTradeId(), version, state, b.getIntendedVenue(),
                b.getAccount(), b.getDesk(), b.getInstrument(), b.getSide(), state == LifecycleState.BOOKED
                        ? b.getOrderedQty() : filled, vwap, eventTime, ctx.timerService().currentProcessingTime(),
                evidence));
    }

    private List<EffectiveFill> fills() throws Exception {
        List<EffectiveFill> out = new ArrayList<>();
        for (EffectiveFill f : fills.values()) {
            out.add(f);
        }
        out.sort(Comparator.comparing(EffectiveFill::tradeKey));
        return out;
    }

    private long unbookedDue(List<EffectiveFill> live) {
        long due = Long.MAX_VALUE;
        for (EffectiveFill f : live) {
            due = Math.min(due, f.getExecutionTime() + config.bookingGrace(f.getVenue()).toMillis());
        }
        return due;
    }

    private long fillDeadline(InternalTrade b) {
        return b.getFillDeadline() != null ? b.getFillDeadline().toEpochMilli()
                : b.getBookedTime().toEpochMilli() + config.bookingFillDeadline(b.getIntendedVenue()).toMillis();
    }

    private Long nextDue(String key) throws Exception {
        Long next = Timers.earliest(breaks.nextAgeing(), lingerUntil.value());
        SeenBooking sb = booking.value();
        List<EffectiveFill> live = fills().stream().filter(EffectiveFill::active).toList();
        if (sb == null) {
            if (!live.isEmpty() && !breaks.isUnresolved(BreakType.UNBOOKED_EXECUTION, key, BOOKING_FIELD)) {
                next = Timers.earliest(next, unbookedDue(live));
            }
        } else if (sb.getBooking().getBookingStatus() != BookingStatus.CANCELLED
                && !breaks.isUnresolved(BreakType.UNFILLED_BOOKING, key, QUANTITY_FIELD)) {
            // also where an AVERAGE booking's price is checked if it never fills
            InternalTrade b = sb.getBooking();
            BigDecimal filled = live.stream().map(EffectiveFill::getQuantity).reduce(Decimals.ZERO, BigDecimal::add);
            Tolerance quantity = config.quantityTolerance(b.getIntendedVenue(), b.getInstrument().getSymbol());
            boolean over = filled.subtract(b.getOrderedQty()).compareTo(quantity.allowance(b.getOrderedQty())) > 0;
            // an overfilled booking is not waiting for fills: its OVERFILL break is what stays open
            if (!over && !quantity.within(b.getOrderedQty(), filled)) {
                next = Timers.earliest(next, fillDeadline(b));
            }
        }
        return next;
    }

    private void clear(Context ctx) throws Exception {
        Timers.cancel(timer, ctx.timerService());
        booking.clear();
        fills.clear();
        lifecycleVersion.clear();
        lifecycleMark.clear();
        lingerUntil.clear();
        breaks.clear();
    }

    private static void emit(Collector<ReconciliationBreak> out, ReconciliationBreak b) {
        if (b != null) {
            out.collect(b);
        }
    }
}
