package org.posttrade.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.ReferenceData.NetworkSpec;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.Side;

/**
 * Nets the standing fills per (cycle, venue, account, asset) as they are generated and, when a cycle can no longer
 * receive fills, settles each net obligation with a custodian movement (PENDING with rising confirmations, then
 * CONFIRMED) or with its settlement fault. Lists every obligation in the ground truth, computed from the fills and
 * not from the movements.
 */
final class SettlementBook {
    private static final DateTimeFormatter CYCLE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final BigDecimal AMOUNT_MISMATCH = new BigDecimal("0.05");
    private static final long MINUTE = 60_000;

    private record Key(long cycleStart, String venue, String account, String asset) {}

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::cycleStart)
            .thenComparing(Key::venue).thenComparing(Key::account).thenComparing(Key::asset);

    private static final class Net {
        BigDecimal amount = BigDecimal.ZERO;
        final Set<String> tradeKeys = new LinkedHashSet<>();
        final Set<String> faultedTradeKeys = new LinkedHashSet<>();
    }

    /** One movement as the custodian reports it over its updates. */
    private record Movement(String movementId, String custodian, String account, String asset, BigDecimal amount,
                            NetworkSpec network, String txHash, BigDecimal networkFee, String reference,
                            String counterparty) {}

    private final GeneratorConfig config;
    private final EventQueue queue;
    private final Ids ids;
    private final Consumer<? super TruthEntry> truth;
    private final Rng rng;
    private final Rng faultRng;
    private final long cycleMillis;
    private final TreeMap<Key, Net> open = new TreeMap<>(ORDER);

    SettlementBook(GeneratorConfig config, EventQueue queue, Ids ids, Consumer<? super TruthEntry> truth, Rng rng,
                   Rng faultRng) {
        this.config = config;
        this.queue = queue;
        this.ids = ids;
        this.truth = truth;
        this.rng = rng;
        this.faultRng = faultRng;
        this.cycleMillis = config.settlementCycle().toMillis();
    }

    long cycleStart(long time) {
        return Math.floorDiv(time, cycleMillis) * cycleMillis;
    }

    long cycleEnd(long time) {
        return cycleStart(time) + cycleMillis;
    }

    static String cycleId(String venue, long cycleStart) {
        return venue + "/" + CYCLE_FORMAT.format(Instant.ofEpochMilli(cycleStart));
    }

    /** Nets a standing fill: BUY receives base and pays quote, SELL the opposite; the commission is paid. */
    void addFill(String venue, String account, String base, String quote, Side side, BigDecimal qty, BigDecimal price,
                 BigDecimal fee, String feeAsset, long fillTime, String tradeKey, boolean faulted) {
        long cycle = cycleStart(fillTime);
        BigDecimal baseAmount = side == Side.BUY ? qty : qty.negate();
        add(new Key(cycle, venue, account, base), baseAmount, tradeKey, faulted);
        add(new Key(cycle, venue, account, quote), baseAmount.negate().multiply(price), tradeKey, faulted);
        if (fee != null && fee.signum() != 0) {
            add(new Key(cycle, venue, account, feeAsset), fee.negate(), tradeKey, faulted);
        }
    }

    private void add(Key key, BigDecimal amount, String tradeKey, boolean faulted) {
        Net net = open.computeIfAbsent(key, k -> new Net());
        net.amount = net.amount.add(amount);
        net.tradeKeys.add(tradeKey);
        if (faulted) {
            net.faultedTradeKeys.add(tradeKey);
        }
    }

    /** Settles every cycle that ends at or before {@code time}: no fill can land in it any more. */
    void closeUntil(long time) {
        while (!open.isEmpty() && open.firstKey().cycleStart() + cycleMillis <= time) {
            closeCycle(open.firstKey().cycleStart());
        }
    }

    void closeAll() {
        while (!open.isEmpty()) {
            closeCycle(open.firstKey().cycleStart());
        }
    }

    private void closeCycle(long cycleStart) {
        SortedMap<Key, Net> cycle = open.headMap(new Key(cycleStart + 1, "", "", ""));
        List<Map.Entry<Key, Net>> obligations = new ArrayList<>();
        for (Map.Entry<Key, Net> e : cycle.entrySet()) {
            if (e.getValue().amount.signum() != 0) {
                obligations.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        cycle.clear();
        for (Map.Entry<Key, Net> obligation : obligations) {
            settle(obligation.getKey(), obligation.getValue());
        }
        for (Map.Entry<Key, Net> obligation : obligations) {
            if (faultRng.chance(config.faultRate(Label.UNEXPECTED_MOVEMENT))) {
                unexpected(obligation.getKey());
            }
        }
    }

    private void settle(Key key, Net net) {
        String custodian = ReferenceData.account(key.account()).custodian();
        NetworkSpec network = ReferenceData.network(key.venue(), key.asset());
        String cycleId = cycleId(key.venue(), key.cycleStart());
        String instructionId = key.venue() + "/" + key.account() + "/" + key.asset() + "/" + cycleId;
        Label fault = FaultDraw.draw(faultRng, config, Label.Draw.PER_OBLIGATION,
                l -> l != Label.SETTLEMENT_REVERSED || network.blockMillis() > 0);
        long cycleEnd = key.cycleStart() + cycleMillis;
        long t0 = cycleEnd + 10 * MINUTE + rng.between(0L, 30 * MINUTE);
        String reference = rng.chance(config.referenceEchoRate()) ? instructionId : null;
        BigDecimal moved = fault == Label.SETTLEMENT_AMOUNT_MISMATCH ? mismatched(net.amount, key.asset()) : net.amount;

        List<String> movementIds = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        if (fault != Label.SETTLEMENT_MISSING) {
            Movement movement = new Movement(ids.movementId(custodian), custodian, key.account(), key.asset(), moved,
                    network, txHash(network), networkFee(network, moved), reference, key.venue());
            movementIds.add(movement.movementId());
            eventIds.addAll(emit(movement, fault == Label.SETTLEMENT_FAILED, fault == Label.SETTLEMENT_REVERSED, t0));
            if (fault == Label.DUPLICATE_MOVEMENT) {
                Movement again = new Movement(ids.movementId(custodian), custodian, key.account(), key.asset(), moved,
                        network, movement.txHash(), movement.networkFee(), reference, key.venue());
                movementIds.add(again.movementId());
                eventIds.addAll(emit(again, false, false, t0 + rng.between(MINUTE, 5 * MINUTE)));
            }
        }

        String direction = net.amount.signum() > 0 ? "RECEIVE" : "PAY";
        truth.accept(new ExpectedObligation(instructionId, key.venue(), key.account(), key.asset(), cycleId,
                Records.iso(key.cycleStart()), Records.iso(cycleEnd), Records.text(net.amount), direction,
                Records.text(net.amount.abs()), custodian, network.name(), List.copyOf(net.tradeKeys),
                List.copyOf(net.faultedTradeKeys), fault, movementIds));
        LabelledItem.Builder item = LabelledItem.builder(fault, "OBLIGATION", Stream.CUSTODIAN_CONFIRMATIONS.name(),
                        instructionId)
                .venue(key.venue()).account(key.account()).asset(key.asset()).custodian(custodian).cycleId(cycleId)
                .movementIds(movementIds).eventIds(eventIds).eventTime(Records.iso(t0));
        switch (fault) {
            case SETTLEMENT_FAILED -> item.mismatch("status", "CONFIRMED", "FAILED");
            case SETTLEMENT_REVERSED -> item.mismatch("status", "CONFIRMED", "REVERSED");
            case SETTLEMENT_MISSING -> item.mismatch("amount", Records.text(net.amount), null);
            case SETTLEMENT_AMOUNT_MISMATCH -> item.mismatch("amount", Records.text(net.amount), Records.text(moved));
            case DUPLICATE_MOVEMENT -> item.mismatch("movements", "1", "2");
            default -> { }
        }
        truth.accept(item.build());
    }

    /**
     * A movement from or to a venue in an asset the venue does not trade at all, so that no obligation of any cycle
     * can explain it (e.g. SOL from COINBASE, USD from BINANCE).
     */
    private void unexpected(Key near) {
        String account = near.account();
        List<Key> candidates = new ArrayList<>();
        for (ReferenceData.VenueSpec venue : ReferenceData.VENUES) {
            Set<String> traded = venueAssets(venue);
            for (String asset : ReferenceData.ASSET_PRECISION.keySet().stream().sorted().toList()) {
                if (!traded.contains(asset)) {
                    candidates.add(new Key(near.cycleStart(), venue.name(), account, asset));
                }
            }
        }
        Key key = rng.pick(candidates);
        String custodian = ReferenceData.account(account).custodian();
        NetworkSpec network = ReferenceData.network(key.venue(), key.asset());
        BigDecimal amount = unexpectedAmount(key.asset());
        if (rng.chance(0.3)) {
            amount = amount.negate();
        }
        long t0 = key.cycleStart() + cycleMillis + 10 * MINUTE + rng.between(0L, 40 * MINUTE);
        Movement movement = new Movement(ids.movementId(custodian), custodian, account, key.asset(), amount, network,
                txHash(network), networkFee(network, amount), null, key.venue());
        List<String> eventIds = emit(movement, false, false, t0);
        truth.accept(LabelledItem.builder(Label.UNEXPECTED_MOVEMENT, "MOVEMENT", Stream.CUSTODIAN_CONFIRMATIONS.name(),
                        custodian + "/" + movement.movementId())
                .venue(key.venue()).account(account).asset(key.asset()).custodian(custodian)
                .cycleId(cycleId(key.venue(), key.cycleStart())).movementIds(List.of(movement.movementId()))
                .eventIds(eventIds).mismatch("amount", null, Records.text(amount)).eventTime(Records.iso(t0)).build());
    }

    /**
     * Reports the movement: PENDING when broadcast, PENDING with some confirmations once mined, CONFIRMED at the
     * network's finality; or FAILED instead; or REVERSED after CONFIRMED. FEDWIRE has no blocks: PENDING, then
     * CONFIRMED (or FAILED).
     */
    private List<String> emit(Movement m, boolean fail, boolean reverse, long t0) {
        List<String> eventIds = new ArrayList<>();
        NetworkSpec network = m.network();
        long sequence = 1;
        eventIds.add(update(m, sequence++, MovementStatus.PENDING, 0, null, t0));
        if (network.blockMillis() == 0) {
            long t1 = t0 + rng.between(5 * MINUTE, 30 * MINUTE);
            eventIds.add(fail ? update(m, sequence, MovementStatus.FAILED, 0, null, t1)
                    : update(m, sequence, MovementStatus.CONFIRMED, 1, t1, t1));
            return eventIds;
        }
        if (fail) {
            eventIds.add(update(m, sequence, MovementStatus.FAILED, 0, null, t0 + rng.between(2 * MINUTE, 10 * MINUTE)));
            return eventIds;
        }
        long block = network.blockMillis();
        long mined = t0 + block * rng.between(1, 3) + rng.between(0, 999);
        int required = network.requiredConfirmations();
        long last = mined;
        if (required >= 3) {
            int some = required / 2;
            last = mined + block * (some - 1) + rng.between(0, 999);
            eventIds.add(update(m, sequence++, MovementStatus.PENDING, some, mined, last));
        }
        long confirmed = Math.max(last + 1000, mined + block * (required - 1)) + rng.between(0, 2000);
        eventIds.add(update(m, sequence++, MovementStatus.CONFIRMED, required, mined, confirmed));
        if (reverse) {
            eventIds.add(update(m, sequence, MovementStatus.REVERSED, 0, null,
                    confirmed + rng.between(2 * MINUTE, 20 * MINUTE)));
        }
        return eventIds;
    }

    private String update(Movement m, long sequence, MovementStatus status, int confirmations, Long blockTime,
                          long time) {
        NetworkSpec network = m.network();
        var record = Records.custodianConfirmation(new Records.MovementUpdate(m.custodian(), m.movementId(), sequence,
                m.account(), Records.wallet(m.account(), m.asset()), m.asset(), m.amount(), network.name(), m.txHash(),
                confirmations, status, m.networkFee(), m.networkFee() == null ? null : network.feeAsset(),
                m.reference(), m.counterparty(), blockTime, time), rng.between(50, 2000));
        queue.push(Stream.CUSTODIAN_CONFIRMATIONS, time, m.custodian() + "/" + m.movementId(), record);
        return record.getEventId();
    }

    /** 5% off the net (at least one unit of the asset), over or short. */
    private BigDecimal mismatched(BigDecimal net, String asset) {
        int scale = ReferenceData.precision(asset);
        BigDecimal diff = net.abs().multiply(AMOUNT_MISMATCH).setScale(scale, RoundingMode.UP)
                .max(BigDecimal.ONE.movePointLeft(scale));
        boolean over = rng.chance(0.5) || diff.compareTo(net.abs()) >= 0;
        BigDecimal signed = net.signum() > 0 ? diff : diff.negate();
        return over ? net.add(signed) : net.subtract(signed);
    }

    /** The firm pays the network fee of the movements it sends. */
    private BigDecimal networkFee(NetworkSpec network, BigDecimal amount) {
        if (amount.signum() >= 0 || network.feeAsset() == null) {
            return null;
        }
        int scale = network.feeAsset().equals("TRX") ? 6 : 8;
        return rng.decimalBetween(network.minFee(), network.maxFee(), scale);
    }

    private String txHash(NetworkSpec network) {
        return switch (network.name()) {
            case "BITCOIN", "TRON" -> rng.hex(64);
            case "SOLANA" -> rng.base58(88);
            case "FEDWIRE" -> "IMAD-" + rng.hex(8).toUpperCase() + rng.between(100000, 999999);
            default -> "0x" + rng.hex(64);
        };
    }

    private BigDecimal unexpectedAmount(String asset) {
        for (ReferenceData.InstrumentSpec spec : ReferenceData.INSTRUMENTS) {
            if (spec.baseAsset().equals(asset)) {
                return rng.decimalBetween(spec.minQty(), spec.maxQty(), Math.min(6, ReferenceData.precision(asset)));
            }
        }
        return asset.equals("BNB") ? rng.decimalBetween(new BigDecimal("0.1"), new BigDecimal("5"), 4)
                : rng.decimalBetween(new BigDecimal("500"), new BigDecimal("250000"), 2);
    }

    private static Set<String> venueAssets(ReferenceData.VenueSpec venue) {
        Set<String> assets = new LinkedHashSet<>();
        for (String symbol : venue.symbols()) {
            ReferenceData.InstrumentSpec spec = ReferenceData.instrument(symbol);
            assets.add(spec.baseAsset());
            assets.add(spec.quoteAsset());
        }
        if (venue.bnbFeeShare() > 0) {
            assets.add("BNB");
        }
        return assets;
    }
}
