package org.posttrade.operators.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.state.MapState;
import org.posttrade.contracts.Decimals;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ReconciliationBreak;

/**
 * The breaks of one key, in keyed state, and their lifecycle: OPEN → AGED (past the SLA) → ESCALATED, and from any
 * of these AUTO_RESOLVED when late data matches; a resolved break opens again (a new version) if its check fails
 * again. Every transition, and every change of an open break's values, is a new version with the same breakId;
 * versions start at 1. Times are event times: detection at the event or deadline that found the break, ageing at
 * detectedTime + SLA, resolution at the event that resolved it. Breaks stay in state until the key is cleared, so
 * versions keep counting up.
 */
public final class BreakBook {
    private final MapState<String, BreakEntry> breaks;
    private final ReconciliationConfig config;

    public BreakBook(MapState<String, BreakEntry> breaks, ReconciliationConfig config) {
        this.breaks = breaks;
        this.config = config;
    }

    public static boolean unresolved(ReconciliationBreak b) {
        return b.getStatus() == BreakStatus.OPEN || b.getStatus() == BreakStatus.AGED
                || b.getStatus() == BreakStatus.ESCALATED;
    }

    /**
     * Opens the break of the finding, or updates it when its values changed; returns the new version, or null when
     * nothing changed. {@code eventTime} is the event time of the cause (a record, or the deadline that passed).
     */
    public ReconciliationBreak raise(Finding f, long eventTime) throws Exception {
        String id = f.breakId();
        BreakEntry entry = breaks.get(id);
        ReconciliationBreak next;
        if (entry != null && unresolved(entry.getCurrent())) {
            ReconciliationBreak cur = entry.getCurrent();
            if (Objects.equals(cur.getExpectedValue(), f.expected) && Objects.equals(cur.getActualValue(), f.actual)
                    && Objects.equals(entry.getFinding(), f.description)) {
                return null;
            }
            next = ReconciliationBreak.newBuilder(cur)
                    .setVersion(cur.getVersion() + 1)
                    .setExpectedValue(f.expected).setActualValue(f.actual).setDifference(scaled(f))
                    .setDescription(f.description).setEventTime(at(eventTime))
                    .setEvidence(Evidence.merge(cur.getEvidence(), f.evidence))
                    .build();
        } else {
            next = newVersion(f, entry == null ? 1 : entry.getCurrent().getVersion() + 1, BreakStatus.OPEN,
                    eventTime, null);
        }
        breaks.put(id, new BreakEntry(next, f.description));
        return next;
    }

    /**
     * Records an informational break that needs no action: a single version, already AUTO_RESOLVED at its
     * detection (used for LATE_CONFIRMATION). Returns null if it was recorded before.
     */
    public ReconciliationBreak record(Finding f, long eventTime) throws Exception {
        String id = f.breakId();
        if (breaks.contains(id)) {
            return null;
        }
        ReconciliationBreak b = newVersion(f, 1, BreakStatus.AUTO_RESOLVED, eventTime, eventTime);
        breaks.put(id, new BreakEntry(b, f.description));
        return b;
    }

    /** Resolves the break if it is unresolved; returns the AUTO_RESOLVED version, or null. */
    public ReconciliationBreak resolve(BreakType type, String matchKey, String field, long eventTime,
                                List<EvidenceRef> evidence, String reason) throws Exception {
        String id = BreakIds.of(type, matchKey, field);
        BreakEntry entry = breaks.get(id);
        if (entry == null || !unresolved(entry.getCurrent())) {
            return null;
        }
        return transition(id, entry, BreakStatus.AUTO_RESOLVED, eventTime, evidence,
                "Auto-resolved after " + age(entry.getCurrent(), eventTime) + ": " + reason + ". Was: " + entry.getFinding());
    }

    /** Resolves every unresolved break of the key (e.g. the trade was busted). */
    public List<ReconciliationBreak> resolveAll(long eventTime, List<EvidenceRef> evidence, String reason) throws Exception {
        return resolveAll(eventTime, evidence, reason, b -> true);
    }

    /** Resolves the unresolved breaks of the key that {@code which} selects. */
    public List<ReconciliationBreak> resolveAll(long eventTime, List<EvidenceRef> evidence, String reason,
                                         java.util.function.Predicate<ReconciliationBreak> which) throws Exception {
        List<ReconciliationBreak> out = new ArrayList<>();
        for (BreakEntry entry : entries()) {
            ReconciliationBreak b = entry.getCurrent();
            if (unresolved(b) && which.test(b)) {
                out.add(resolve(b.getBreakType(), b.getMatchKey(), b.getField(), eventTime, evidence, reason));
            }
        }
        return out;
    }

    /** Ages unresolved breaks whose SLA or escalation time is at or before {@code now}; returns the new versions. */
    public List<ReconciliationBreak> age(long now) throws Exception {
        List<ReconciliationBreak> out = new ArrayList<>();
        for (BreakEntry entry : entries()) {
            ReconciliationBreak b = entry.getCurrent();
            if (!unresolved(b)) {
                continue;
            }
            long detected = b.getDetectedTime().toEpochMilli();
            Duration sla = config.breakSla(b.getBreakType());
            Duration escalation = config.breakEscalation(b.getBreakType());
            String id = b.getBreakId();
            if (b.getStatus() == BreakStatus.OPEN && sla.compareTo(escalation) < 0 && detected + sla.toMillis() <= now) {
                long at = detected + sla.toMillis();
                b = transition(id, entry, BreakStatus.AGED, at, List.of(),
                        "Aged: open " + sla + " past detection, beyond its SLA. " + entry.getFinding());
                out.add(b);
                entry = breaks.get(id);
            }
            if (b.getStatus() != BreakStatus.ESCALATED && detected + escalation.toMillis() <= now) {
                long at = detected + escalation.toMillis();
                out.add(transition(id, entry, BreakStatus.ESCALATED, at, List.of(),
                        "Escalated: unresolved " + escalation + " after detection. " + entry.getFinding()));
            }
        }
        return out;
    }

    /** The next event time at which an unresolved break ages or escalates, or null. */
    public Long nextAgeing() throws Exception {
        Long next = null;
        for (BreakEntry entry : entries()) {
            ReconciliationBreak b = entry.getCurrent();
            if (!unresolved(b) || b.getStatus() == BreakStatus.ESCALATED) {
                continue;
            }
            long detected = b.getDetectedTime().toEpochMilli();
            long sla = config.breakSla(b.getBreakType()).toMillis();
            long escalation = config.breakEscalation(b.getBreakType()).toMillis();
            long due = b.getStatus() == BreakStatus.OPEN && sla < escalation ? detected + sla : detected + escalation;
            next = next == null ? due : Math.min(next, due);
        }
        return next;
    }

    public boolean isUnresolved(BreakType type, String matchKey, String field) throws Exception {
        BreakEntry entry = breaks.get(BreakIds.of(type, matchKey, field));
        return entry != null && unresolved(entry.getCurrent());
    }

    public boolean anyUnresolved() throws Exception {
        for (BreakEntry entry : entries()) {
            if (unresolved(entry.getCurrent())) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        breaks.clear();
    }

    private List<BreakEntry> entries() throws Exception {
        List<BreakEntry> out = new ArrayList<>();
        for (BreakEntry e : breaks.values()) {
            out.add(e);
        }
        out.sort((a, b) -> a.getCurrent().getBreakId().compareTo(b.getCurrent().getBreakId()));
        return out;
    }

    private ReconciliationBreak transition(String id, BreakEntry entry, BreakStatus status, long eventTime,
                                           List<EvidenceRef> evidence, String description) throws Exception {
        ReconciliationBreak cur = entry.getCurrent();
        ReconciliationBreak next = ReconciliationBreak.newBuilder(cur)
                .setVersion(cur.getVersion() + 1)
                .setStatus(status)
                .setEventTime(at(eventTime))
                .setResolvedTime(status == BreakStatus.AUTO_RESOLVED ? at(eventTime) : null)
                .setDescription(description)
                .setEvidence(Evidence.merge(cur.getEvidence(), evidence))
                .build();
        breaks.put(id, new BreakEntry(next, entry.getFinding()));
        return next;
    }

    private ReconciliationBreak newVersion(Finding f, int version, BreakStatus status, long eventTime, Long resolved) {
        return ReconciliationBreak.newBuilder()
                .setBreakId(f.breakId())
                .setVersion(version)
                .setBreakType(f.type)
                .setSeverity(config.severity(f.type))
                .setStatus(status)
                .setMatchKey(f.matchKey)
                .setVenue(f.venue)
                .setAccount(f.account)
                .setInstrument(f.instrument)
                .setAsset(f.asset)
                .setField(f.field)
                .setExpectedValue(f.expected)
                .setActualValue(f.actual)
                .setDifference(scaled(f))
                .setDescription(f.description)
                .setEventTime(at(eventTime))
                .setDetectedTime(at(eventTime))
                .setResolvedTime(resolved == null ? null : at(resolved))
                .setEvidence(Evidence.merge(f.evidence))
                .build();
    }

    private static java.math.BigDecimal scaled(Finding f) {
        return f.difference == null ? null : Decimals.rounded(f.difference);
    }

    /** How long the break has been open at {@code eventTime}, e.g. PT12M. */
    static String age(ReconciliationBreak b, long eventTime) {
        return Duration.ofMillis(Math.max(0, eventTime - b.getDetectedTime().toEpochMilli())).toString();
    }

    private static java.time.Instant at(long millis) {
        return java.time.Instant.ofEpochMilli(millis);
    }
}
