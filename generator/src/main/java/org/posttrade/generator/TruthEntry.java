package org.posttrade.generator;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the ground truth file (JSON Lines). The {@code type} property says which: {@code LABEL} (one item and
 * what is wrong with it, or CLEAN), {@code OBLIGATION} (an expected net settlement obligation computed from the fills)
 * or {@code SUMMARY} (the last line: counts per label, stream and topic).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LabelledItem.class, name = "LABEL"),
        @JsonSubTypes.Type(value = ExpectedObligation.class, name = "OBLIGATION"),
        @JsonSubTypes.Type(value = RunSummary.class, name = "SUMMARY")
})
public sealed interface TruthEntry permits LabelledItem, ExpectedObligation, RunSummary {}
