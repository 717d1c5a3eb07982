package org.posttrade.operators.reconciliation;

import java.math.BigDecimal;
import java.util.List;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.EvidenceRef;

/** What a check found on one match key and field: turned into a break version by {@link BreakBook#raise}. */
public final class Finding {
    final BreakType type;
    final String matchKey;
    final String field;
    String venue;
    String account;
    String instrument;
    String asset;
    String expected;
    String actual;
    BigDecimal difference;
    String description;
    List<EvidenceRef> evidence = List.of();

    private Finding(BreakType type, String matchKey, String field) {
        this.type = type;
        this.matchKey = matchKey;
        this.field = field;
    }

    public static Finding of(BreakType type, String matchKey, String field) {
        return new Finding(type, matchKey, field);
    }

    public String breakId() {
        return BreakIds.of(type, matchKey, field);
    }

    public Finding on(String venue, String account, String instrument) {
        this.venue = venue;
        this.account = account;
        this.instrument = instrument;
        return this;
    }

    public Finding asset(String asset) {
        this.asset = asset;
        return this;
    }

    public Finding values(String expected, String actual, BigDecimal difference) {
        this.expected = expected;
        this.actual = actual;
        this.difference = difference;
        return this;
    }

    /** Numeric expected and actual values; the difference is actual - expected. */
    public Finding amounts(BigDecimal expected, BigDecimal actual) {
        return values(Decimal.text(expected), Decimal.text(actual), Decimal.difference(actual, expected));
    }

    public Finding description(String description) {
        this.description = description;
        return this;
    }

    public Finding evidence(List<EvidenceRef> evidence) {
        this.evidence = evidence;
        return this;
    }
}
