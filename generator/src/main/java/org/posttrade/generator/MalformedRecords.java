package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.ReferenceData.AccountSpec;
import org.posttrade.generator.ReferenceData.InstrumentSpec;
import org.posttrade.generator.ReferenceData.VenueSpec;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.Instrument;
import org.posttrade.schema.LiquidityIndicator;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.Side;

/**
 * Extra records that a correct pipeline dead-letters. Each gets fresh ids, so it never collides with a real item: a
 * carrier record of the stream (broken into bytes later by the writer) or a valid execution report that breaks a
 * business rule.
 */
final class MalformedRecords {
    private static final List<Stream> INPUTS = List.of(Stream.EXECUTION_REPORTS, Stream.INTERNAL_TRADES,
            Stream.VENUE_CONFIRMATIONS, Stream.CUSTODIAN_CONFIRMATIONS, Stream.MARK_PRICES);
    private static final List<Instrument> UNKNOWN_INSTRUMENTS = List.of(
            Records.instrument("XRP-EUR", "XRP", "EUR"), Records.instrument("DOGE-TRY", "DOGE", "TRY"),
            Records.instrument("PEPE-USDT", "PEPE", "USDT"));

    private final EventQueue queue;
    private final MarkBook marks;
    private final Ids ids;
    private final Consumer<? super TruthEntry> truth;
    private final Rng rng;
    private final long start;

    MalformedRecords(EventQueue queue, MarkBook marks, Ids ids, Consumer<? super TruthEntry> truth, Rng rng, long start) {
        this.queue = queue;
        this.marks = marks;
        this.ids = ids;
        this.truth = truth;
        this.rng = rng;
        this.start = start;
    }

    private record Carrier(SpecificRecordBase record, String key, String eventId) {}

    void generate(long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec) {
        MalformedKind kind = rng.pick(List.of(MalformedKind.values()));
        Stream stream = kind.undecodable() ? rng.pick(INPUTS) : Stream.EXECUTION_REPORTS;
        if (stream == Stream.MARK_PRICES && marks.isTickTime(time, start)) {
            time += 1; // a mark carrier must not share the eventId of a real tick
        }
        LabelledItem.Builder item = LabelledItem.builder(Label.MALFORMED, "RECORD", stream.name(), null);
        Carrier carrier = switch (stream) {
            case EXECUTION_REPORTS -> execution(kind, time, venue, account, spec, item);
            case INTERNAL_TRADES -> booking(time, venue, account, spec);
            case VENUE_CONFIRMATIONS -> confirmation(time, venue, account, spec);
            case CUSTODIAN_CONFIRMATIONS -> movement(time, venue, account, spec);
            case MARK_PRICES -> new Carrier(Records.markPrice(spec, marks.current(spec.symbol()), time, 10),
                    spec.symbol(), Records.MARK_SOURCE + "/" + spec.symbol() + "/" + Records.iso(time));
            default -> throw new IllegalStateException("not an input stream: " + stream);
        };
        byte[] raw = switch (kind) {
            case GARBAGE_BYTES -> garbage();
            case JSON_PAYLOAD -> carrier.record().toString().getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
        queue.pushMalformed(stream, time, carrier.key(), carrier.record(), new Malformation(kind, raw));
        truth.accept(item.matchKey(carrier.eventId()).kafkaKey(carrier.key()).venue(venue.name()).account(account.name())
                .instrument(spec.symbol()).eventIds(List.of(carrier.eventId())).malformedKind(kind.name())
                .eventTime(Records.iso(time)).detail(kind.description()).build());
    }

    private Carrier execution(MalformedKind kind, long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec,
                              LabelledItem.Builder item) {
        BigDecimal qty = spec.minQty();
        BigDecimal price = Records.toTick(marks.current(spec.symbol()), spec.tick(), RoundingMode.HALF_EVEN);
        Instrument instrument = Records.instrument(spec);
        BigDecimal lastQty = qty;
        BigDecimal lastPx = price;
        switch (kind) {
            case NON_POSITIVE_QUANTITY -> {
                lastQty = rng.chance(0.5) ? BigDecimal.ZERO : qty.negate();
                item.mismatch("lastQty", "> 0", Records.text(lastQty));
            }
            case NON_POSITIVE_PRICE -> {
                lastPx = rng.chance(0.5) ? BigDecimal.ZERO : price.negate();
                item.mismatch("lastPx", "> 0", Records.text(lastPx));
            }
            case UNKNOWN_INSTRUMENT -> {
                instrument = rng.pick(UNKNOWN_INSTRUMENTS);
                item.mismatch("instrument", null, instrument.getSymbol());
            }
            default -> { }
        }
        String execId = ids.execId(venue.name());
        String clOrdId = ids.clOrdId();
        var report = Records.executionReport(new Records.Execution(venue.name(), execId, ids.orderId(venue.name()),
                clOrdId, account.name(), instrument, Side.BUY, ExecType.TRADE, OrdStatus.FILLED, null, lastQty, lastPx,
                qty, BigDecimal.ZERO, null, null, LiquidityIndicator.REMOVED, time), 5, ids.fixSequence(venue.name()));
        return new Carrier(report, clOrdId, report.getEventId());
    }

    private Carrier booking(long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec) {
        String tradeId = ids.tradeId();
        String clOrdId = ids.clOrdId();
        var booking = Records.internalTrade(new Records.Booking(tradeId, clOrdId, account.name(), account.desk(),
                account.strategies().get(0), Records.instrument(spec), Side.SELL, spec.minQty(), PriceType.MARKET,
                null, null, venue.name(), time, null), 5);
        return new Carrier(booking, clOrdId, booking.getEventId());
    }

    private Carrier confirmation(long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec) {
        String execId = ids.execId(venue.name());
        BigDecimal price = Records.toTick(marks.current(spec.symbol()), spec.tick(), RoundingMode.HALF_EVEN);
        var confirmation = Records.venueConfirmation(new Records.Confirmation(venue.name(),
                ids.confirmId(venue.name()), execId, account.name(), Records.instrument(spec), Side.BUY, spec.minQty(),
                price, BigDecimal.ZERO, spec.quoteAsset(), ConfirmationStatus.CONFIRMED, null, time - 1000, time), 5);
        return new Carrier(confirmation, venue.name() + "/" + execId, confirmation.getEventId());
    }

    private Carrier movement(long time, VenueSpec venue, AccountSpec account, InstrumentSpec spec) {
        String custodian = account.custodian();
        String movementId = ids.movementId(custodian);
        var update = Records.custodianConfirmation(new Records.MovementUpdate(custodian, movementId, 1,
                account.name(), Records.wallet(account.name(), spec.baseAsset()), spec.baseAsset(), spec.minQty(),
                ReferenceData.network(venue.name(), spec.baseAsset()).name(), null, 0, MovementStatus.PENDING, null,
                null, null, venue.name(), null, time), 5);
        return new Carrier(update, custodian + "/" + movementId, update.getEventId());
    }

    /** Random bytes that do not start with the magic byte 0. */
    private byte[] garbage() {
        byte[] bytes = rng.bytes(rng.between(16, 256));
        if (bytes[0] == 0) {
            bytes[0] = (byte) rng.between(1, 255);
        }
        return bytes;
    }
}
