package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.VenueConfirmation;

/** Every fault appears with forced rates, and each labelled item shows exactly its fault in the records. */
class FaultInjectionTest {
    private final Scenario scenario = TestScenarios.forced();
    private final ScenarioIndex index = new ScenarioIndex(scenario);

    @Test
    void everyLabelAndMalformedKindAppears() {
        Set<Label> seen = scenario.labels().stream().map(LabelledItem::label).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrder(Label.values());
        Set<MalformedKind> kinds = scenario.events().stream().filter(GeneratedEvent::isMalformed)
                .map(e -> e.malformation().kind()).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(MalformedKind.values());
    }

    @Test
    void labelsAreUnambiguous() {
        // one line per item: no match key is labelled twice
        List<String> keys = scenario.labels().stream().map(LabelledItem::matchKey).toList();
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        // one label per trade: every trade id appears on one line only
        List<String> tradeIds = scenario.labels().stream().map(LabelledItem::tradeId)
                .filter(id -> id != null).toList();
        assertThat(new HashSet<>(tradeIds)).hasSameSizeAs(tradeIds);
    }

    @Test
    void confirmationFaultsShowInTheConfirmations() {
        for (LabelledItem item : scenario.labels()) {
            if (item.scope().equals("FILL") && item.label() != Label.CONFIRMATION_WITHOUT_EXECUTION) {
                String execId = item.matchKey().substring(item.matchKey().lastIndexOf('/') + 1);
                ExecutionReport fill = index.reportsByVenueExecId.get(item.venue() + "/" + execId);
                assertThat(fill).as(item.toString()).isNotNull();
                List<VenueConfirmation> confirmations = index.confirmations(item.venue(), execId);
                long deadline = fill.getTransactTime().toEpochMilli()
                        + TestScenarios.FORCED.confirmDeadline(item.venue()).toMillis();
                switch (item.label()) {
                    case MISSING_CONFIRMATION -> assertThat(confirmations).isEmpty();
                    case LATE_CONFIRMATION -> {
                        assertThat(confirmations).singleElement().satisfies(c -> {
                            assertThat(c.getConfirmTime().toEpochMilli()).isGreaterThan(deadline);
                            assertThat(c.getQuantity()).isEqualTo(fill.getLastQty());
                            assertThat(c.getPrice()).isEqualTo(effectivePrice(fill));
                        });
                    }
                    case DUPLICATE_CONFIRMATION -> {
                        assertThat(confirmations).hasSize(2);
                        assertThat(confirmations.get(0)).isEqualTo(confirmations.get(1));
                    }
                    case DUPLICATE_CONFLICT -> {
                        assertThat(confirmations).hasSize(2);
                        assertThat(confirmations.get(0).getEventId()).isEqualTo(confirmations.get(1).getEventId());
                        assertThat(confirmations.get(0).getPrice()).isEqualTo(effectivePrice(fill));
                        assertThat(bps(confirmations.get(1).getPrice(), effectivePrice(fill))).isGreaterThanOrEqualTo(50);
                    }
                    case QUANTITY_MISMATCH -> assertThat(confirmations).singleElement()
                            .satisfies(c -> assertThat(c.getQuantity()).isNotEqualByComparingTo(fill.getLastQty()));
                    case PRICE_MISMATCH -> assertThat(confirmations).singleElement()
                            .satisfies(c -> assertThat(bps(c.getPrice(), effectivePrice(fill))).isGreaterThanOrEqualTo(50));
                    case FEE_MISMATCH -> assertThat(confirmations).singleElement().satisfies(c ->
                            assertThat(c.getFee()).isGreaterThan(fill.getCommission()));
                    case CONFIRMATION_REJECTED -> assertThat(confirmations).singleElement()
                            .satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConfirmationStatus.REJECTED));
                    default -> throw new AssertionError("unexpected fill label " + item);
                }
            }
        }
    }

    @Test
    void orphanConfirmationsHaveNoExecution() {
        for (LabelledItem item : scenario.labels(Label.CONFIRMATION_WITHOUT_EXECUTION)) {
            String execId = item.execIds().get(0);
            assertThat(index.reportsByVenueExecId).doesNotContainKey(item.venue() + "/" + execId);
            assertThat(index.confirmations(item.venue(), execId)).hasSize(1);
        }
    }

    @Test
    void bookingFaultsShowInTheBookingsAndFills() {
        for (LabelledItem item : scenario.labels()) {
            List<ExecutionReport> reports = index.reports(item.clOrdId() == null ? "" : item.clOrdId());
            switch (item.label()) {
                case UNBOOKED_EXECUTION -> {
                    assertThat(index.bookingsByClOrdId).doesNotContainKey(item.clOrdId());
                    assertThat(reports).isNotEmpty();
                }
                case UNFILLED_BOOKING -> {
                    assertThat(index.bookingsByClOrdId).containsKey(item.clOrdId());
                    assertThat(reports).isEmpty();
                }
                case OVERFILL -> {
                    BigDecimal ordered = index.bookingsByClOrdId.get(item.clOrdId()).getOrderedQty();
                    assertThat(filled(reports)).isGreaterThan(ordered);
                }
                case SIDE_MISMATCH -> {
                    var bookedSide = index.bookingsByClOrdId.get(item.clOrdId()).getSide();
                    assertThat(reports).allSatisfy(r -> assertThat(r.getSide()).isNotEqualTo(bookedSide));
                }
                default -> { }
            }
        }
    }

    @Test
    void settlementFaultsShowInTheMovements() {
        for (ExpectedObligation obligation : scenario.obligations()) {
            BigDecimal net = new BigDecimal(obligation.netAmount());
            List<String> movements = obligation.movementIds();
            switch (obligation.label()) {
                case CLEAN -> {
                    assertThat(movements).singleElement().satisfies(id -> {
                        CustodianConfirmation last = index.finalUpdate(id);
                        assertThat(last.getStatus()).isEqualTo(MovementStatus.CONFIRMED);
                        assertThat(last.getAmount()).isEqualByComparingTo(net);
                    });
                }
                case SETTLEMENT_MISSING -> assertThat(movements).isEmpty();
                case SETTLEMENT_FAILED -> assertThat(index.finalUpdate(movements.get(0)).getStatus())
                        .isEqualTo(MovementStatus.FAILED);
                case SETTLEMENT_REVERSED -> {
                    List<CustodianConfirmation> updates = index.updatesByMovementId.get(movements.get(0));
                    assertThat(updates.get(updates.size() - 2).getStatus()).isEqualTo(MovementStatus.CONFIRMED);
                    assertThat(updates.get(updates.size() - 1).getStatus()).isEqualTo(MovementStatus.REVERSED);
                }
                case SETTLEMENT_AMOUNT_MISMATCH -> {
                    BigDecimal moved = index.finalUpdate(movements.get(0)).getAmount();
                    assertThat(moved.subtract(net).abs())
                            .isGreaterThanOrEqualTo(net.abs().multiply(new BigDecimal("0.049")));
                }
                case DUPLICATE_MOVEMENT -> {
                    assertThat(movements).hasSize(2);
                    CustodianConfirmation a = index.finalUpdate(movements.get(0));
                    CustodianConfirmation b = index.finalUpdate(movements.get(1));
                    assertThat(a.getTxHash()).isEqualTo(b.getTxHash());
                    assertThat(a.getAmount()).isEqualByComparingTo(net).isEqualByComparingTo(b.getAmount());
                }
                default -> throw new AssertionError("not an obligation label: " + obligation.label());
            }
        }
        Set<String> expectedKeys = scenario.obligations().stream()
                .map(o -> o.venue() + "/" + o.account() + "/" + o.asset()).collect(Collectors.toSet());
        for (LabelledItem item : scenario.labels(Label.UNEXPECTED_MOVEMENT)) {
            assertThat(expectedKeys).doesNotContain(item.venue() + "/" + item.account() + "/" + item.asset());
            assertThat(index.finalUpdate(item.movementIds().get(0)).getSettlementReference()).isNull();
        }
    }

    @Test
    void malformedRecordsAreOnlyInTheEventsNotInTheRecords() {
        List<GeneratedEvent> malformed = scenario.events().stream().filter(GeneratedEvent::isMalformed).toList();
        assertThat(malformed).hasSameSizeAs(scenario.labels(Label.MALFORMED));
        Set<String> labelled = scenario.labels(Label.MALFORMED).stream().map(LabelledItem::matchKey)
                .collect(Collectors.toSet());
        assertThat(malformed).allSatisfy(e -> assertThat(labelled).contains(String.valueOf(e.record().get("eventId"))));
        Set<String> wellFormedIds = scenario.events().stream().filter(e -> !e.isMalformed())
                .map(e -> String.valueOf(e.record().get("eventId"))).collect(Collectors.toSet());
        assertThat(labelled).doesNotContainAnyElementsOf(wellFormedIds);
    }

    @Test
    void fillFaultsAreOnTradesWithoutCorrectionsOrBusts() {
        Set<String> faultedClOrdIds = scenario.labels().stream()
                .filter(l -> l.label().isFault() && l.clOrdId() != null).map(LabelledItem::clOrdId)
                .collect(Collectors.toSet());
        for (String clOrdId : faultedClOrdIds) {
            assertThat(index.reports(clOrdId)).noneMatch(r -> r.getExecType() == ExecType.TRADE_CORRECT
                    || r.getExecType() == ExecType.TRADE_CANCEL);
        }
    }

    private static BigDecimal filled(List<ExecutionReport> reports) {
        return reports.stream().filter(r -> r.getExecType() == ExecType.TRADE).map(ExecutionReport::getLastQty)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal effectivePrice(ExecutionReport fill) {
        return index.reports(fill.getClOrdId()).stream()
                .filter(r -> r.getExecType() == ExecType.TRADE_CORRECT && fill.getExecId().equals(r.getExecRefId()))
                .map(ExecutionReport::getLastPx).findFirst().orElse(fill.getLastPx());
    }

    private static long bps(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().multiply(BigDecimal.valueOf(10_000)).divide(b, MathContext.DECIMAL64)
                .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
    }
}
