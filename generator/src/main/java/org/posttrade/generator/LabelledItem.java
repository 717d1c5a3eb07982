package org.posttrade.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One labelled item of the ground truth: a trade (CLEAN or its trade-level fault), a settlement obligation (CLEAN or
 * its settlement fault), an unexpected movement or a malformed record.
 *
 * <p>matchKey conventions, as a reconciliation would key the item:
 * <ul>
 *   <li>fill-level faults (confirmation faults): {@code VENUE/SYMBOL/execId}, the execId of the faulty fill;</li>
 *   <li>trades (CLEAN) and booking-level faults (UNBOOKED_EXECUTION, UNFILLED_BOOKING, OVERFILL, SIDE_MISMATCH):
 *       {@code VENUE/SYMBOL/clOrdId};</li>
 *   <li>obligations (CLEAN, SETTLEMENT_*, DUPLICATE_MOVEMENT): {@code VENUE/ACCOUNT/ASSET/cycleId}, the
 *       instructionId of the expected settlement instruction;</li>
 *   <li>UNEXPECTED_MOVEMENT: {@code CUSTODIAN/movementId};</li>
 *   <li>MALFORMED: the eventId inside the carrier record (unique; undecodable records are found by topic,
 *       {@code kafkaKey} and {@code eventTime}, which is the Kafka timestamp).</li>
 * </ul>
 *
 * @param label          what is wrong, or CLEAN
 * @param scope          TRADE, FILL, BOOKING, OBLIGATION, MOVEMENT or RECORD: what the matchKey identifies
 * @param stream         name of the {@link org.posttrade.contracts.Stream} where the fault shows
 * @param matchKey       see above
 * @param venue          venue (counterparty venue for settlement items)
 * @param account        account
 * @param instrument     instrument symbol (trade items)
 * @param asset          asset (settlement items)
 * @param custodian      custodian (settlement items)
 * @param tradeId        OMS trade id (trade items; also for UNBOOKED_EXECUTION, whose booking was never sent)
 * @param clOrdId        client order id (trade items)
 * @param cycleId        settlement cycle (settlement items)
 * @param execIds        execIds of the trade's TRADE fills that stand (busted fills excluded), in order
 * @param movementIds    custodian movement ids (settlement items)
 * @param eventIds       eventIds of the records that make the item (faulty records first)
 * @param field          the attribute that differs, for mismatches
 * @param expected       expected value as text (decimals plain, times ISO-8601)
 * @param actual         value found as text
 * @param eventTime      event time of the first record of the fault (ISO-8601)
 * @param malformedKind  for MALFORMED: the {@link MalformedKind}
 * @param kafkaKey       for MALFORMED: the record's Kafka key
 * @param lifecycle      for CLEAN trades: CORRECTED or BUSTED when the trade carries a clean correction or bust
 * @param detail         one sentence for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelledItem(Label label, String scope, String stream, String matchKey, String venue, String account,
                           String instrument, String asset, String custodian, String tradeId, String clOrdId,
                           String cycleId, List<String> execIds, List<String> movementIds, List<String> eventIds,
                           String field, String expected, String actual, String eventTime, String malformedKind,
                           String kafkaKey, String lifecycle, String detail) implements TruthEntry {

    public static Builder builder(Label label, String scope, String stream, String matchKey) {
        return new Builder(label, scope, stream, matchKey);
    }

    /** Builder: most items fill only a few of the fields. */
    public static final class Builder {
        private final Label label;
        private final String scope;
        private final String stream;
        private String matchKey;
        private String venue;
        private String account;
        private String instrument;
        private String asset;
        private String custodian;
        private String tradeId;
        private String clOrdId;
        private String cycleId;
        private List<String> execIds;
        private List<String> movementIds;
        private List<String> eventIds;
        private String field;
        private String expected;
        private String actual;
        private String eventTime;
        private String malformedKind;
        private String kafkaKey;
        private String lifecycle;
        private String detail;

        private Builder(Label label, String scope, String stream, String matchKey) {
            this.label = label;
            this.scope = scope;
            this.stream = stream;
            this.matchKey = matchKey;
        }

        public Builder matchKey(String v) { matchKey = v; return this; }

        public Builder venue(String v) { venue = v; return this; }

        public Builder account(String v) { account = v; return this; }

        public Builder instrument(String v) { instrument = v; return this; }

        public Builder asset(String v) { asset = v; return this; }

        public Builder custodian(String v) { custodian = v; return this; }

        public Builder tradeId(String v) { tradeId = v; return this; }

        public Builder clOrdId(String v) { clOrdId = v; return this; }

        public Builder cycleId(String v) { cycleId = v; return this; }

        public Builder execIds(List<String> v) { execIds = List.copyOf(v); return this; }

        public Builder movementIds(List<String> v) { movementIds = List.copyOf(v); return this; }

        public Builder eventIds(List<String> v) { eventIds = List.copyOf(v); return this; }

        public Builder mismatch(String f, String exp, String act) {
            field = f;
            expected = exp;
            actual = act;
            return this;
        }

        public Builder eventTime(String v) { eventTime = v; return this; }

        public Builder malformedKind(String v) { malformedKind = v; return this; }

        public Builder kafkaKey(String v) { kafkaKey = v; return this; }

        public Builder lifecycle(String v) { lifecycle = v; return this; }

        public Builder detail(String v) { detail = v; return this; }

        public LabelledItem build() {
            return new LabelledItem(label, scope, stream, matchKey, venue, account, instrument, asset, custodian,
                    tradeId, clOrdId, cycleId, execIds, movementIds, eventIds, field, expected, actual, eventTime,
                    malformedKind, kafkaKey, lifecycle, detail);
        }
    }
}
