package org.posttrade.operators.validation;

import java.math.BigDecimal;
import org.posttrade.schema.Instrument;

/** The rules validators are built from; each returns a violation sentence or null. */
final class Rules {
    private Rules() {}

    static String text(String field, String value) {
        return value == null || value.isBlank() ? field + " is missing" : null;
    }

    static String positive(String field, BigDecimal value) {
        if (value == null) {
            return field + " is missing";
        }
        return value.signum() > 0 ? null : field + " must be positive, was " + value.stripTrailingZeros().toPlainString();
    }

    static String notNegative(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        return value.signum() >= 0 ? null : field + " must not be negative, was " + value.stripTrailingZeros().toPlainString();
    }

    static String nonZero(String field, BigDecimal value) {
        if (value == null) {
            return field + " is missing";
        }
        return value.signum() != 0 ? null : field + " must not be zero";
    }

    static String sanePrice(String field, BigDecimal price, ReferenceData reference) {
        String positive = positive(field, price);
        if (positive != null) {
            return positive;
        }
        return price.compareTo(reference.maxPrice()) <= 0 ? null
                : field + " " + price.stripTrailingZeros().toPlainString() + " exceeds the sanity bound "
                        + reference.maxPrice().toPlainString();
    }

    static String knownInstrument(Instrument instrument, ReferenceData reference) {
        if (instrument == null || instrument.getSymbol() == null) {
            return "instrument is missing";
        }
        Instrument known = reference.instrument(instrument.getSymbol());
        if (known == null) {
            return "unknown instrument " + instrument.getSymbol();
        }
        if (!known.getBaseAsset().equals(instrument.getBaseAsset()) || !known.getQuoteAsset().equals(instrument.getQuoteAsset())) {
            return "instrument " + instrument.getSymbol() + " has assets " + instrument.getBaseAsset() + "/"
                    + instrument.getQuoteAsset() + ", reference data says " + known.getBaseAsset() + "/" + known.getQuoteAsset();
        }
        return null;
    }

    /** The first non-null violation, in order. */
    static String first(String... violations) {
        for (String v : violations) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
