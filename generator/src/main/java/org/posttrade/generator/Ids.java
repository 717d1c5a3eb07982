package org.posttrade.generator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic ids: counters per kind and issuer, formatted like the systems that issue them
 * ({@code BINANCE-E000123} for an execId, {@code T000045} for an OMS trade id).
 */
final class Ids {
    private final Map<String, Long> counters = new HashMap<>();
    private final long first;

    Ids() {
        this(1);
    }

    /** @param first the first number of every counter (runs with different ranges never share an id) */
    Ids(long first) {
        this.first = first;
    }

    private long next(String counter) {
        return counters.merge(counter, 1L, Long::sum) + first - 1;
    }

    String tradeId() { return String.format(Locale.ROOT, "T%06d", next("trade")); }

    String clOrdId() { return String.format(Locale.ROOT, "CL%06d", next("clOrd")); }

    String orderId(String venue) { return String.format(Locale.ROOT, "%s-O%06d", venue, next("order/" + venue)); }

    String execId(String venue) { return String.format(Locale.ROOT, "%s-E%06d", venue, next("exec/" + venue)); }

    String confirmId(String venue) { return String.format(Locale.ROOT, "%s-C%06d", venue, next("confirm/" + venue)); }

    String movementId(String custodian) {
        return String.format(Locale.ROOT, "%s-M%06d", custodian, next("movement/" + custodian));
    }

    /** FIX MsgSeqNum of the venue's drop-copy session, carried as the correlation id. */
    String fixSequence(String venue) { return "34=" + next("fix/" + venue); }
}
