package org.posttrade.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Stream;
import org.posttrade.schema.ConfirmationStatus;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.OrdStatus;
import org.posttrade.schema.PriceType;
import org.posttrade.schema.Side;
import org.posttrade.schema.VenueConfirmation;

/** What a clean trade must satisfy, checked over whole runs, corrections and busts included. */
class CleanTradeInvariantsTest {

    @Test
    void cleanTradesHoldInDefaultAndForcedRuns() {
        checkCleanTrades(TestScenarios.defaults());
        checkCleanTrades(TestScenarios.forced());
    }

    private static void checkCleanTrades(Scenario scenario) {
        ScenarioIndex index = new ScenarioIndex(scenario);
        List<LabelledItem> clean = scenario.labels().stream()
                .filter(l -> l.label() == Label.CLEAN && l.scope().equals("TRADE")).toList();
        assertThat(clean).isNotEmpty();
        int corrected = 0;
        int busted = 0;
        for (LabelledItem item : clean) {
            InternalTrade booking = index.bookingsByClOrdId.get(item.clOrdId());
            assertThat(booking).as(item.matchKey()).isNotNull();
            BigDecimal ordered = booking.getOrderedQty();
            Map<String, ExecutionReport> standing = new LinkedHashMap<>();
            Map<String, BigDecimal> effectivePrice = new HashMap<>();
            Map<String, BigDecimal> effectiveFee = new HashMap<>();
            BigDecimal cum = BigDecimal.ZERO;
            for (ExecutionReport r : index.reports(item.clOrdId())) {
                assertThat(r.getSide()).isEqualTo(booking.getSide());
                assertThat(r.getAccount()).isEqualTo(booking.getAccount());
                assertThat(r.getVenue()).isEqualTo(booking.getIntendedVenue());
                switch (r.getExecType()) {
                    case NEW -> assertThat(r.getOrdStatus()).isEqualTo(OrdStatus.NEW);
                    case TRADE -> {
                        assertThat(r.getLastQty()).isPositive();
                        assertThat(r.getLastPx()).isPositive();
                        cum = cum.add(r.getLastQty());
                        standing.put(r.getExecId(), r);
                        effectivePrice.put(r.getExecId(), r.getLastPx());
                        effectiveFee.put(r.getExecId(), r.getCommission());
                        checkWithinBooking(booking, r.getLastPx());
                    }
                    case TRADE_CORRECT -> {
                        corrected++;
                        assertThat(standing).containsKey(r.getExecRefId());
                        assertThat(r.getLastQty()).isEqualByComparingTo(standing.get(r.getExecRefId()).getLastQty());
                        effectivePrice.put(r.getExecRefId(), r.getLastPx());
                        effectiveFee.put(r.getExecRefId(), r.getCommission());
                        checkWithinBooking(booking, r.getLastPx());
                    }
                    case TRADE_CANCEL -> {
                        busted++;
                        ExecutionReport bust = standing.remove(r.getExecRefId());
                        assertThat(bust).isNotNull();
                        cum = cum.subtract(bust.getLastQty());
                    }
                    default -> throw new AssertionError("unexpected report " + r);
                }
                assertThat(r.getCumQty()).isEqualByComparingTo(cum);
                assertThat(r.getLeavesQty()).isEqualByComparingTo(ordered.subtract(cum).max(BigDecimal.ZERO));
                if (r.getExecType() != ExecType.NEW) {
                    assertThat(r.getOrdStatus()).isEqualTo(cum.compareTo(ordered) >= 0 ? OrdStatus.FILLED
                            : cum.signum() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW);
                }
            }
            assertThat(cum).as("fills of " + item.matchKey()).isEqualByComparingTo(ordered);
            assertThat(standing.keySet()).containsExactlyElementsOf(item.execIds());

            long deadline = scenario.config().confirmDeadline(booking.getIntendedVenue()).toMillis();
            for (ExecutionReport fill : standing.values()) {
                List<VenueConfirmation> confirmations = index.confirmations(fill.getVenue(), fill.getExecId());
                assertThat(confirmations).as(fill.getExecId()).singleElement().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(ConfirmationStatus.CONFIRMED);
                    assertThat(c.getQuantity()).isEqualTo(fill.getLastQty());
                    assertThat(c.getPrice()).isEqualTo(effectivePrice.get(fill.getExecId()));
                    assertThat(c.getFee()).isEqualTo(effectiveFee.get(fill.getExecId()));
                    assertThat(c.getFeeAsset()).isEqualTo(fill.getCommissionAsset());
                    assertThat(c.getSide()).isEqualTo(fill.getSide());
                    assertThat(c.getAccount()).isEqualTo(fill.getAccount());
                    assertThat(c.getInstrument()).isEqualTo(fill.getInstrument());
                    assertThat(c.getTradeTime()).isEqualTo(fill.getTransactTime());
                    assertThat(c.getConfirmTime().toEpochMilli() - fill.getTransactTime().toEpochMilli())
                            .isPositive().isLessThanOrEqualTo(deadline);
                });
            }
        }
        if (scenario.config().correctionRate() >= 0.1) {
            assertThat(corrected).isPositive();
            assertThat(busted).isPositive();
        }
    }

    private static void checkWithinBooking(InternalTrade booking, BigDecimal price) {
        if (booking.getPriceType() == PriceType.LIMIT) {
            if (booking.getSide() == Side.BUY) {
                assertThat(price).isLessThanOrEqualTo(booking.getLimitPrice());
            } else {
                assertThat(price).isGreaterThanOrEqualTo(booking.getLimitPrice());
            }
        } else if (booking.getPriceType() == PriceType.AVERAGE) {
            assertThat(price).isEqualByComparingTo(booking.getAveragePrice());
        }
    }

    /** The obligations are the net of the execution-report stream, recomputed here from the records alone. */
    @Test
    void obligationsAreTheNetOfTheFills() {
        for (Scenario scenario : List.of(TestScenarios.defaults(), TestScenarios.forced())) {
            long cycle = scenario.config().settlementCycle().toMillis();
            Map<String, ExecutionReport> standing = new LinkedHashMap<>();
            Map<String, ExecutionReport> effective = new HashMap<>();
            for (ExecutionReport r : scenario.records(Stream.EXECUTION_REPORTS, ExecutionReport.class)) {
                String key = r.getVenue() + "/" + r.getExecId();
                switch (r.getExecType()) {
                    case TRADE -> {
                        standing.put(key, r);
                        effective.put(key, r);
                    }
                    case TRADE_CORRECT -> effective.put(r.getVenue() + "/" + r.getExecRefId(), r);
                    case TRADE_CANCEL -> standing.remove(r.getVenue() + "/" + r.getExecRefId());
                    default -> { }
                }
            }
            Map<String, BigDecimal> nets = new TreeMap<>();
            for (Map.Entry<String, ExecutionReport> e : standing.entrySet()) {
                ExecutionReport fill = e.getValue();
                ExecutionReport values = effective.get(e.getKey());
                long start = Math.floorDiv(fill.getTransactTime().toEpochMilli(), cycle) * cycle;
                String prefix = fill.getVenue() + "/" + fill.getAccount() + "/";
                String suffix = "/" + SettlementBook.cycleId(fill.getVenue(), start);
                BigDecimal base = fill.getSide() == Side.BUY ? fill.getLastQty() : fill.getLastQty().negate();
                nets.merge(prefix + fill.getInstrument().getBaseAsset() + suffix, base, BigDecimal::add);
                nets.merge(prefix + fill.getInstrument().getQuoteAsset() + suffix,
                        base.negate().multiply(values.getLastPx()), BigDecimal::add);
                nets.merge(prefix + values.getCommissionAsset() + suffix, values.getCommission().negate(),
                        BigDecimal::add);
            }
            nets.values().removeIf(v -> v.signum() == 0);
            Map<String, BigDecimal> expected = new TreeMap<>();
            scenario.obligations().forEach(o -> expected.put(o.instructionId(), new BigDecimal(o.netAmount())));
            assertThat(expected.keySet()).isEqualTo(nets.keySet());
            nets.forEach((k, v) -> assertThat(expected.get(k)).as(k).isEqualByComparingTo(v));
        }
    }

    @Test
    void stablecoinMarksAreNearButNeverExactlyOne() {
        List<MarkPrice> marks = TestScenarios.defaults().records(Stream.MARK_PRICES, MarkPrice.class);
        assertThat(marks).isNotEmpty();
        marks.stream().filter(m -> m.getInstrument().getSymbol().endsWith("-USD")
                        && m.getInstrument().getBaseAsset().startsWith("USD"))
                .forEach(m -> {
                    assertThat(m.getPrice()).isNotEqualByComparingTo(BigDecimal.ONE);
                    assertThat(m.getPrice()).isBetween(new BigDecimal("0.995"), new BigDecimal("1.005"));
                });
    }
}
