package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.ReferenceData.AccountSpec;
import org.posttrade.generator.ReferenceData.InstrumentSpec;
import org.posttrade.generator.ReferenceData.VenueSpec;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.Side;
import org.posttrade.schema.VenueConfirmation;

/**
 * One trade slot: the OMS booking, the venue's ack and partial fills (with a clean correction or bust now and then),
 * the venue's confirmation of each fill, and at most one trade-level fault. Feeds the standing fills to the
 * settlement book and labels the trade in the ground truth.
 */
final class TradeScenario {
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final BigDecimal LIMIT_OFFSET_BPS = new BigDecimal("15");
    private static final BigDecimal MISMATCH_BPS = new BigDecimal("50");
    private static final BigDecimal FEE_MISMATCH_FACTOR = new BigDecimal("1.5");
    private static final long CORRECTION_WINDOW_MS = 60_000;

    private final GeneratorConfig config;
    private final EventQueue queue;
    private final MarkBook marks;
    private final SettlementBook settlement;
    private final MalformedRecords malformed;
    private final Ids ids;
    private final Consumer<? super TruthEntry> truth;
    private final Rng rng;
    private final Rng faultRng;

    TradeScenario(GeneratorConfig config, EventQueue queue, MarkBook marks, SettlementBook settlement,
                  MalformedRecords malformed, Ids ids, Consumer<? super TruthEntry> truth, Rng rng, Rng faultRng) {
        this.config = config;
        this.queue = queue;
        this.marks = marks;
        this.settlement = settlement;
        this.malformed = malformed;
        this.ids = ids;
        this.truth = truth;
        this.rng = rng;
        this.faultRng = faultRng;
    }

    /** A fill as the venue reported it, and what became of it. */
    private static final class Fill {
        final String execId;
        final BigDecimal qty;
        final long time;
        final LiquidityIndicator liquidity;
        final String feeAsset;
        final String erEventId;
        BigDecimal price;
        BigDecimal fee;
        long confirmBase;
        boolean busted;

        Fill(String venue, String execId, BigDecimal qty, BigDecimal price, BigDecimal fee, String feeAsset,
             LiquidityIndicator liquidity, long time) {
            this.execId = execId;
            this.qty = qty;
            this.price = price;
            this.fee = fee;
            this.feeAsset = feeAsset;
            this.liquidity = liquidity;
            this.time = time;
            this.confirmBase = time;
            this.erEventId = venue + "/" + execId;
        }
    }

    /** The order as booked and routed. */
    private record Order(String tradeId, String clOrdId, String orderId, VenueSpec venue, AccountSpec account,
                         InstrumentSpec spec, Instrument instrument, Side bookedSide, Side fillSide,
                         BigDecimal orderedQty, PriceType priceType, BigDecimal limitPrice, BigDecimal averagePrice) {
        String venueName() { return venue.name(); }

        String matchKey(String id) { return venue.name() + "/" + spec.symbol() + "/" + id; }
    }

    private enum Lifecycle { NONE, CORRECT, BUST }

    void generate(long bookedTime) {
        Label fault = FaultDraw.draw(faultRng, config, Label.Draw.PER_TRADE, l -> true);
        VenueSpec venue = rng.pickWeighted(ReferenceData.VENUES, VenueSpec::weight);
        AccountSpec account = rng.pickWeighted(ReferenceData.ACCOUNTS, AccountSpec::weight);
        InstrumentSpec spec = pickInstrument(venue, account);
        Side side = rng.chance(0.5) ? Side.BUY : Side.SELL;
        long lots = drawLots(spec);
        if (fault == Label.CONFIRMATION_WITHOUT_EXECUTION) {
            orphanConfirmation(bookedTime, venue, account, spec, side, lots);
        } else {
            order(bookedTime, fault, venue, account, spec, side, lots);
        }
        if (faultRng.chance(config.faultRate(Label.MALFORMED))) {
            malformed.generate(bookedTime + rng.between(1, 1500), venue, account, spec);
        }
    }

    private void order(long bookedTime, Label fault, VenueSpec venue, AccountSpec account, InstrumentSpec spec,
                       Side side, long lots) {
        BigDecimal mark = marks.current(spec.symbol());
        BigDecimal orderedQty = spec.lot().multiply(BigDecimal.valueOf(lots));
        PriceType priceType = pickPriceType();
        BigDecimal limit = priceType != PriceType.LIMIT ? null : side == Side.BUY
                ? Records.toTick(shift(mark, LIMIT_OFFSET_BPS), spec.tick(), RoundingMode.UP)
                : Records.toTick(shift(mark, LIMIT_OFFSET_BPS.negate()), spec.tick(), RoundingMode.DOWN);
        BigDecimal average = priceType != PriceType.AVERAGE ? null
                : Records.toTick(shift(mark, tenthBps(rng.between(-20, 20))), spec.tick(), RoundingMode.HALF_EVEN);
        Side fillSide = fault == Label.SIDE_MISMATCH ? opposite(side) : side;
        Order order = new Order(ids.tradeId(), ids.clOrdId(), ids.orderId(venue.name()), venue, account, spec,
                Records.instrument(spec), side, fillSide, orderedQty, priceType, limit, average);
        Long fillDeadline = rng.chance(0.3) ? bookedTime + rng.between(5, 30) * 60_000L : null;

        List<String> eventIds = new ArrayList<>();
        String bookingEventId = order.tradeId() + "/1";
        if (fault != Label.UNBOOKED_EXECUTION) {
            InternalTrade booking = Records.internalTrade(new Records.Booking(order.tradeId(), order.clOrdId(),
                    account.name(), account.desk(), rng.pick(account.strategies()), order.instrument(), side,
                    orderedQty, priceType, limit, average, venue.name(), bookedTime, fillDeadline), rng.between(2, 40));
            queue.push(Stream.INTERNAL_TRADES, bookedTime, order.clOrdId(), booking);
            eventIds.add(bookingEventId);
        }
        if (fault == Label.UNFILLED_BOOKING) {
            truth.accept(bookingItem(order, fault, eventIds, List.of(), bookedTime)
                    .mismatch("cumQty", Records.text(orderedQty), "0")
                    .detail("booked " + Records.text(orderedQty) + " " + spec.symbol() + " never filled").build());
            return;
        }

        long cursor = bookedTime + rng.between(20, 300);
        if (config.orderAcks()) {
            String ackId = ids.execId(venue.name());
            push(order, execution(order, ackId, ExecType.NEW, OrdStatus.NEW, null, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, orderedQty, null, null, LiquidityIndicator.UNKNOWN, cursor));
            eventIds.add(venue.name() + "/" + ackId);
        }

        List<Long> parts = split(lots, rng.between(1, 4));
        if (fault == Label.OVERFILL) {
            parts.add(Math.max(1L, lots / 10));
        }
        Lifecycle lifecycle = Lifecycle.NONE;
        int lifecycleFill = -1;
        if (fault == Label.CLEAN) {
            double u = rng.unit();
            if (u < config.correctionRate() && priceType != PriceType.AVERAGE) {
                lifecycle = Lifecycle.CORRECT;
            } else if (u >= config.correctionRate() && u < config.correctionRate() + config.bustRate()) {
                lifecycle = Lifecycle.BUST;
            }
            lifecycleFill = rng.between(0, parts.size() - 1);
        }
        String lifecycleNote = null;

        List<Fill> fills = new ArrayList<>();
        BigDecimal cum = BigDecimal.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            cursor += i == 0 ? rng.between(50, 2000) : fillGap(priceType);
            BigDecimal qty = spec.lot().multiply(BigDecimal.valueOf(parts.get(i)));
            Fill fill = fill(order, qty, mark, cursor);
            cum = cum.add(qty);
            push(order, trade(order, fill, cum));
            eventIds.add(fill.erEventId);
            fills.add(fill);

            boolean lifecycleHere = i == lifecycleFill && lifecycle != Lifecycle.NONE
                    && cursor + CORRECTION_WINDOW_MS < settlement.cycleEnd(cursor);
            if (lifecycleHere && lifecycle == Lifecycle.BUST) {
                cursor += rng.between(500, 3000);
                fill.busted = true;
                cum = cum.subtract(qty);
                String bustId = ids.execId(venue.name());
                push(order, execution(order, bustId, ExecType.TRADE_CANCEL,
                        cum.signum() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW, fill.execId, qty, fill.price,
                        cum, orderedQty.subtract(cum), fill.fee, fill.feeAsset, fill.liquidity, cursor));
                eventIds.add(venue.name() + "/" + bustId);
                cursor += rng.between(500, 3000);
                Fill replacement = fill(order, qty, mark, cursor);
                cum = cum.add(qty);
                push(order, trade(order, replacement, cum));
                eventIds.add(replacement.erEventId);
                fills.add(replacement);
                lifecycleNote = "BUSTED";
                lifecycle = Lifecycle.NONE;
            } else if (lifecycleHere && lifecycle == Lifecycle.CORRECT) {
                cursor += rng.between(1000, 5000);
                fill.price = correctedPrice(order, fill.price);
                fill.fee = fee(order, fill.qty, fill.price, fill.liquidity, fill.feeAsset);
                fill.confirmBase = cursor;
                String correctId = ids.execId(venue.name());
                push(order, execution(order, correctId, ExecType.TRADE_CORRECT, ordStatus(cum, orderedQty),
                        fill.execId, qty, fill.price, cum, leaves(cum, orderedQty), fill.fee, fill.feeAsset,
                        fill.liquidity, cursor));
                eventIds.add(venue.name() + "/" + correctId);
                lifecycleNote = "CORRECTED";
                lifecycle = Lifecycle.NONE;
            }
        }

        List<Fill> standing = fills.stream().filter(f -> !f.busted).toList();
        List<String> execIds = standing.stream().map(f -> f.execId).toList();
        Fill target = isFillFault(fault) ? standing.get(rng.between(0, standing.size() - 1)) : null;
        LabelledItem.Builder item = null;
        for (Fill fill : standing) {
            if (fill == target) {
                item = confirmFaulty(order, fill, fault, execIds);
            } else {
                eventIds.add(confirm(order, fill, fill.confirmBase + confirmDelay(venue), fill.qty, fill.price,
                        fill.fee, ConfirmationStatus.CONFIRMED, null).getEventId());
            }
        }

        for (Fill fill : standing) {
            settlement.addFill(venue.name(), account.name(), spec.baseAsset(), spec.quoteAsset(), fillSide, fill.qty,
                    fill.price, fill.fee, fill.feeAsset, fill.time, venue.name() + "/" + fill.execId,
                    fault != Label.CLEAN);
        }

        if (item == null) {
            item = fault == Label.CLEAN
                    ? LabelledItem.builder(Label.CLEAN, "TRADE", Stream.EXECUTION_REPORTS.name(),
                            order.matchKey(order.clOrdId()))
                    : bookingItem(order, fault, eventIds, execIds, bookedTime);
            if (fault == Label.OVERFILL) {
                item.mismatch("cumQty", Records.text(orderedQty), Records.text(cum));
            } else if (fault == Label.SIDE_MISMATCH) {
                item.mismatch("side", side.name(), fillSide.name());
            } else if (fault == Label.UNBOOKED_EXECUTION) {
                item.mismatch("clOrdId", null, order.clOrdId());
            }
            item.eventIds(eventIds).eventTime(Records.iso(bookedTime)).lifecycle(lifecycleNote);
        }
        truth.accept(item.venue(venue.name()).account(account.name()).instrument(spec.symbol())
                .tradeId(order.tradeId()).clOrdId(order.clOrdId()).execIds(execIds).build());
    }

    private LabelledItem.Builder bookingItem(Order order, Label fault, List<String> eventIds, List<String> execIds,
                                             long bookedTime) {
        return LabelledItem.builder(fault, "BOOKING", fault.stream().name(), order.matchKey(order.clOrdId()))
                .venue(order.venueName()).account(order.account().name()).instrument(order.spec().symbol())
                .tradeId(order.tradeId()).clOrdId(order.clOrdId()).execIds(execIds).eventIds(eventIds)
                .eventTime(Records.iso(bookedTime));
    }

    private static boolean isFillFault(Label fault) {
        return fault.draw() == Label.Draw.PER_TRADE && fault.stream() == Stream.VENUE_CONFIRMATIONS;
    }

    /** Confirms the fill with the trade's fault and returns its ground-truth item. */
    private LabelledItem.Builder confirmFaulty(Order order, Fill fill, Label fault, List<String> execIds) {
        VenueSpec venue = order.venue();
        long due = fill.time + config.confirmDeadline(venue.name()).toMillis();
        long at = fill.confirmBase + confirmDelay(venue);
        List<String> eventIds = new ArrayList<>();
        eventIds.add(fill.erEventId);
        LabelledItem.Builder item = LabelledItem.builder(fault, "FILL", Stream.VENUE_CONFIRMATIONS.name(),
                order.matchKey(fill.execId));
        switch (fault) {
            case MISSING_CONFIRMATION -> {
                at = due;
                item.mismatch("confirmTime", Records.iso(due), null)
                        .detail("no confirmation of " + fill.execId + " by the venue's deadline");
            }
            case LATE_CONFIRMATION -> {
                at = due + config.lateBy().toMillis();
                eventIds.add(confirm(order, fill, at, fill.qty, fill.price, fill.fee, ConfirmationStatus.CONFIRMED, null).getEventId());
                item.mismatch("confirmTime", Records.iso(due), Records.iso(at));
            }
            case DUPLICATE_CONFIRMATION -> {
                VenueConfirmation original = confirm(order, fill, at, fill.qty, fill.price, fill.fee,
                        ConfirmationStatus.CONFIRMED, null);
                // the same record again: same eventId, same content, same event time
                queue.push(Stream.VENUE_CONFIRMATIONS, at, order.venueName() + "/" + fill.execId,
                        VenueConfirmation.newBuilder(original).build());
                eventIds.add(original.getEventId());
                eventIds.add(original.getEventId());
                item.detail("confirmation " + original.getEventId() + " delivered twice, identical");
            }
            case DUPLICATE_CONFLICT -> {
                String confirmId = ids.confirmId(venue.name());
                BigDecimal conflicting = offPrice(order, fill.price);
                eventIds.add(confirm(order, fill, confirmId, at, fill.qty, fill.price, fill.fee,
                        ConfirmationStatus.CONFIRMED, null).getEventId());
                long again = at + rng.between(5_000, 60_000);
                eventIds.add(confirm(order, fill, confirmId, again, fill.qty, conflicting, fill.fee,
                        ConfirmationStatus.CONFIRMED, null).getEventId());
                item.mismatch("price", Records.text(fill.price), Records.text(conflicting))
                        .detail("confirmation " + venue.name() + "/" + confirmId + " delivered again with another price");
            }
            case QUANTITY_MISMATCH -> {
                BigDecimal qty = offQuantity(order, fill.qty);
                eventIds.add(confirm(order, fill, at, qty, fill.price, fill.fee, ConfirmationStatus.CONFIRMED, null).getEventId());
                item.mismatch("quantity", Records.text(fill.qty), Records.text(qty));
            }
            case PRICE_MISMATCH -> {
                BigDecimal price = offPrice(order, fill.price);
                eventIds.add(confirm(order, fill, at, fill.qty, price, fill.fee, ConfirmationStatus.CONFIRMED, null).getEventId());
                item.mismatch("price", Records.text(fill.price), Records.text(price));
            }
            case FEE_MISMATCH -> {
                int scale = ReferenceData.precision(fill.feeAsset);
                BigDecimal fee = fill.fee.multiply(FEE_MISMATCH_FACTOR).setScale(scale, RoundingMode.UP);
                if (fee.compareTo(fill.fee) == 0) {
                    fee = fee.add(BigDecimal.ONE.movePointLeft(scale));
                }
                eventIds.add(confirm(order, fill, at, fill.qty, fill.price, fee, ConfirmationStatus.CONFIRMED, null).getEventId());
                item.mismatch("fee", Records.text(fill.fee), Records.text(fee)).asset(fill.feeAsset);
            }
            case CONFIRMATION_REJECTED -> {
                eventIds.add(confirm(order, fill, at, fill.qty, fill.price, fill.fee, ConfirmationStatus.REJECTED,
                        "TRADE_NOT_FOUND").getEventId());
                item.mismatch("status", ConfirmationStatus.CONFIRMED.name(), ConfirmationStatus.REJECTED.name());
            }
            default -> throw new IllegalStateException("not a confirmation fault: " + fault);
        }
        return item.eventIds(eventIds).eventTime(Records.iso(at)).execIds(execIds);
    }

    /** A confirmation of an execId the venue never executed: no booking, no fill. */
    private void orphanConfirmation(long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec, Side side,
                                    long lots) {
        BigDecimal qty = spec.lot().multiply(BigDecimal.valueOf(lots));
        BigDecimal price = Records.toTick(shift(marks.current(spec.symbol()), tenthBps(rng.between(-50, 50))),
                spec.tick(), RoundingMode.HALF_EVEN);
        String execId = ids.execId(venue.name());
        String confirmId = ids.confirmId(venue.name());
        String feeAsset = spec.quoteAsset();
        BigDecimal fee = quoteFee(qty.multiply(price), venue.takerRate(), feeAsset);
        long at = time + confirmDelay(venue);
        queue.push(Stream.VENUE_CONFIRMATIONS, at, venue.name() + "/" + execId, Records.venueConfirmation(
                new Records.Confirmation(venue.name(), confirmId, execId, account.name(), Records.instrument(spec),
                        side, qty, price, fee, feeAsset, ConfirmationStatus.CONFIRMED, null, time, at),
                rng.between(5, 200)));
        truth.accept(LabelledItem.builder(Label.CONFIRMATION_WITHOUT_EXECUTION, "FILL",
                        Stream.VENUE_CONFIRMATIONS.name(), venue.name() + "/" + spec.symbol() + "/" + execId)
                .venue(venue.name()).account(account.name()).instrument(spec.symbol())
                .execIds(List.of(execId)).eventIds(List.of(venue.name() + "/" + confirmId))
                .mismatch("execId", null, execId).eventTime(Records.iso(at)).build());
    }

    private Fill fill(Order order, BigDecimal qty, BigDecimal mark, long time) {
        BigDecimal price = fillPrice(order, mark);
        LiquidityIndicator liquidity = order.priceType() == PriceType.LIMIT && rng.chance(0.55)
                ? LiquidityIndicator.ADDED : LiquidityIndicator.REMOVED;
        VenueSpec venue = order.venue();
        String feeAsset = venue.bnbFeeShare() > 0 && rng.chance(venue.bnbFeeShare()) ? "BNB"
                : order.spec().quoteAsset();
        BigDecimal fee = fee(order, qty, price, liquidity, feeAsset);
        return new Fill(venue.name(), ids.execId(venue.name()), qty, price, fee, feeAsset, liquidity, time);
    }

    /** Commission: notional times the maker or taker rate, in the quote asset or (discounted) in BNB. */
    private BigDecimal fee(Order order, BigDecimal qty, BigDecimal price, LiquidityIndicator liquidity, String asset) {
        VenueSpec venue = order.venue();
        BigDecimal rate = liquidity == LiquidityIndicator.ADDED ? venue.makerRate() : venue.takerRate();
        BigDecimal notional = qty.multiply(price);
        if (!asset.equals("BNB")) {
            return quoteFee(notional, rate, asset);
        }
        String quote = order.spec().quoteAsset();
        BigDecimal usd = ReferenceData.isUsdLike(quote) ? notional
                : notional.multiply(marks.current(quote + "-USDT"));
        BigDecimal fee = usd.multiply(rate).multiply(ReferenceData.BNB_FEE_DISCOUNT)
                .divide(ReferenceData.BNB_PRICE_USDT, ReferenceData.precision("BNB"), RoundingMode.HALF_UP);
        return atLeastOneUnit(fee, "BNB");
    }

    private static BigDecimal quoteFee(BigDecimal notional, BigDecimal rate, String asset) {
        return atLeastOneUnit(notional.multiply(rate).setScale(ReferenceData.precision(asset), RoundingMode.HALF_UP),
                asset);
    }

    private static BigDecimal atLeastOneUnit(BigDecimal fee, String asset) {
        return fee.signum() > 0 ? fee : BigDecimal.ONE.movePointLeft(ReferenceData.precision(asset));
    }

    private BigDecimal fillPrice(Order order, BigDecimal mark) {
        if (order.priceType() == PriceType.AVERAGE) {
            return order.averagePrice();
        }
        BigDecimal tick = order.spec().tick();
        BigDecimal price = Records.toTick(shift(mark, tenthBps(rng.between(-50, 50))), tick, RoundingMode.HALF_EVEN);
        if (order.priceType() == PriceType.LIMIT) {
            price = order.bookedSide() == Side.BUY ? price.min(order.limitPrice()) : price.max(order.limitPrice());
        }
        return price.signum() > 0 ? price : tick;
    }

    /** A correction in the firm's favour by 10 to 20 bps: still within a LIMIT booking's limit. */
    private BigDecimal correctedPrice(Order order, BigDecimal price) {
        BigDecimal tick = order.spec().tick();
        BigDecimal bps = BigDecimal.valueOf(rng.between(10, 20));
        BigDecimal corrected = order.bookedSide() == Side.BUY
                ? Records.toTick(shift(price, bps.negate()), tick, RoundingMode.DOWN)
                : Records.toTick(shift(price, bps), tick, RoundingMode.UP);
        if (corrected.compareTo(price) == 0) {
            corrected = order.bookedSide() == Side.BUY ? price.subtract(tick) : price.add(tick);
        }
        return corrected.signum() > 0 ? corrected : price.add(tick);
    }

    /** A price at least 50 bps away, on the tick grid. */
    private BigDecimal offPrice(Order order, BigDecimal price) {
        BigDecimal tick = order.spec().tick();
        BigDecimal down = Records.toTick(shift(price, MISMATCH_BPS.negate()), tick, RoundingMode.DOWN);
        if (rng.chance(0.5) && down.signum() > 0) {
            return down;
        }
        return Records.toTick(shift(price, MISMATCH_BPS), tick, RoundingMode.UP);
    }

    /** A quantity max(1 lot, 1%) away, on the lot grid. */
    private BigDecimal offQuantity(Order order, BigDecimal qty) {
        BigDecimal lot = order.spec().lot();
        BigDecimal diff = Records.toTick(qty.movePointLeft(2), lot, RoundingMode.UP).max(lot);
        return rng.chance(0.5) && qty.compareTo(diff) > 0 ? qty.subtract(diff) : qty.add(diff);
    }

    private ExecutionReport trade(Order order, Fill fill, BigDecimal cum) {
        return execution(order, fill.execId, ExecType.TRADE, ordStatus(cum, order.orderedQty()), null, fill.qty,
                fill.price, cum, leaves(cum, order.orderedQty()), fill.fee, fill.feeAsset, fill.liquidity, fill.time);
    }

    private ExecutionReport execution(Order order, String execId, ExecType execType, OrdStatus ordStatus,
                                      String execRefId, BigDecimal lastQty, BigDecimal lastPx, BigDecimal cumQty,
                                      BigDecimal leavesQty, BigDecimal commission, String commissionAsset,
                                      LiquidityIndicator liquidity, long time) {
        return Records.executionReport(new Records.Execution(order.venueName(), execId, order.orderId(),
                order.clOrdId(), order.account().name(), order.instrument(), order.fillSide(), execType, ordStatus,
                execRefId, lastQty, lastPx, cumQty, leavesQty, commission, commissionAsset, liquidity, time),
                rng.between(1, 50), ids.fixSequence(order.venueName()));
    }

    private void push(Order order, ExecutionReport report) {
        queue.push(Stream.EXECUTION_REPORTS, report.getTransactTime().toEpochMilli(), order.clOrdId(), report);
    }

    private VenueConfirmation confirm(Order order, Fill fill, long at, BigDecimal qty, BigDecimal price, BigDecimal fee,
                           ConfirmationStatus status, String rejectReason) {
        return confirm(order, fill, ids.confirmId(order.venueName()), at, qty, price, fee, status, rejectReason);
    }

    private VenueConfirmation confirm(Order order, Fill fill, String confirmId, long at, BigDecimal qty, BigDecimal price,
                           BigDecimal fee, ConfirmationStatus status, String rejectReason) {
        VenueConfirmation confirmation = Records.venueConfirmation(new Records.Confirmation(order.venueName(),
                confirmId, fill.execId, order.account().name(), order.instrument(), order.fillSide(), qty, price, fee,
                fill.feeAsset, status, rejectReason, fill.time, at), rng.between(5, 200));
        queue.push(Stream.VENUE_CONFIRMATIONS, at, order.venueName() + "/" + fill.execId, confirmation);
        return confirmation;
    }

    private long confirmDelay(VenueSpec venue) {
        return rng.between(venue.minConfirmDelay().toMillis(), venue.maxConfirmDelay().toMillis());
    }

    private long fillGap(PriceType priceType) {
        return switch (priceType) {
            case MARKET -> rng.between(5, 400);
            case AVERAGE -> rng.between(10, 300);
            case LIMIT -> rng.between(1_000, 40_000);
        };
    }

    private PriceType pickPriceType() {
        double u = rng.unit();
        return u < 0.5 ? PriceType.LIMIT : u < 0.85 ? PriceType.MARKET : PriceType.AVERAGE;
    }

    private InstrumentSpec pickInstrument(VenueSpec venue, AccountSpec account) {
        List<String> stables = venue.symbols().stream()
                .filter(s -> ReferenceData.instrument(s).stablecoin()).toList();
        if (!stables.isEmpty() && rng.chance(account.stablecoinPreference())) {
            return ReferenceData.instrument(rng.pick(stables));
        }
        return ReferenceData.instrument(rng.pick(venue.symbols()));
    }

    /** Lots log-uniform between the instrument's min and max size; half the orders are round sizes. */
    private long drawLots(InstrumentSpec spec) {
        double lo = StrictMath.log(spec.minQty().divide(spec.lot()).doubleValue());
        double hi = StrictMath.log(spec.maxQty().divide(spec.lot()).doubleValue());
        long lots = Math.max(1L, Math.round(StrictMath.exp(lo + rng.unit() * (hi - lo))));
        if (rng.chance(0.5)) {
            BigDecimal round = spec.lot().multiply(BigDecimal.valueOf(lots)).round(new MathContext(2, RoundingMode.HALF_UP));
            lots = Math.max(1L, round.divide(spec.lot(), 0, RoundingMode.HALF_UP).longValueExact());
        }
        return lots;
    }

    /** Splits lots into at most n positive parts. */
    private List<Long> split(long lots, int n) {
        int parts = (int) Math.min(n, lots);
        TreeSet<Long> cuts = new TreeSet<>();
        while (cuts.size() < parts - 1) {
            cuts.add(rng.between(1L, lots - 1));
        }
        List<Long> result = new ArrayList<>();
        long previous = 0;
        for (long cut : cuts) {
            result.add(cut - previous);
            previous = cut;
        }
        result.add(lots - previous);
        return result;
    }

    private static OrdStatus ordStatus(BigDecimal cum, BigDecimal ordered) {
        return cum.compareTo(ordered) >= 0 ? OrdStatus.FILLED
                : cum.signum() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
    }

    private static BigDecimal leaves(BigDecimal cum, BigDecimal ordered) {
        return ordered.subtract(cum).max(BigDecimal.ZERO);
    }

    private static Side opposite(Side side) {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }

    /** value * (1 + bps / 10000), exact. */
    private static BigDecimal shift(BigDecimal value, BigDecimal bps) {
        return value.multiply(BPS.add(bps)).divide(BPS);
    }

    private static BigDecimal tenthBps(int tenths) {
        return BigDecimal.valueOf(tenths, 1);
    }
}
