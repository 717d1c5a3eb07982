package org.posttrade.operators.validation;

import java.io.Serializable;

/**
 * A business-rule check of one input record. Returns the first violated rule as a sentence for a person, or null
 * when the record is valid (no allocation for the common, valid case).
 */
@FunctionalInterface
public interface RecordValidator<T> extends Serializable {
    String violation(T record);
}
