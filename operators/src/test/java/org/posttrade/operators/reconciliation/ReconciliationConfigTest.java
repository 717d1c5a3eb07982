package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.posttrade.operators.reconciliation.ReconciliationConfig.Option;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.Severity;

class ReconciliationConfigTest {

    @Test
    void defaultsApplyWithoutSettings() {
        ReconciliationConfig c = ReconciliationConfig.defaults();
        assertThat(c.confirmationDeadline("BINANCE")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.priceTolerance("BINANCE", "BTC-USDT")).isEqualTo(Tolerance.of(BigDecimal.ZERO, BigDecimal.ONE));
        assertThat(c.quantityTolerance("BINANCE", "BTC-USDT")).isEqualTo(Tolerance.EXACT);
        assertThat(c.severity(BreakType.OVERFILL)).isEqualTo(Severity.CRITICAL);
        assertThat(c.severity(BreakType.LATE_CONFIRMATION)).isEqualTo(Severity.LOW);
        assertThat(c.matchLinger()).isEqualTo(Duration.ofHours(1));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(c.alertSeverity(AlertType.VENUE_INCIDENT)).isEqualTo(Severity.HIGH);
    }

    @Test
    void propertiesOverridePerVenueInstrumentAndType() {
        ReconciliationConfig c = ReconciliationConfig.fromProperties(Map.of(
                "recon.tolerance.price.bps", "10",
                "recon.tolerance.price.bps.BINANCE", "5",
                "recon.tolerance.price.bps.*.ETH-USDT", "7",
                "recon.tolerance.price.bps.BINANCE.BTC-USDT", "2",
                "recon.tolerance.price.abs.KRAKEN", "0.5",
                "recon.confirmation.deadline.BINANCE", "2 min",
                "recon.confirmation.deadline", "PT10M",
                "recon.severity.FEE_MISMATCH", "low",
                "recon.break.sla.SIDE_MISMATCH", "5m",
                "kafka.bootstrap.servers", "ignored:9092"));

        assertThat(c.priceTolerance("BINANCE", "BTC-USDT").bps()).isEqualByComparingTo("2");
        assertThat(c.priceTolerance("BINANCE", "ETH-USDT").bps()).isEqualByComparingTo("7");
        assertThat(c.priceTolerance("KRAKEN", "ETH-USDT").bps()).isEqualByComparingTo("7");
        assertThat(c.priceTolerance("BINANCE", "SOL-USDC").bps()).isEqualByComparingTo("5");
        assertThat(c.priceTolerance("KRAKEN", "SOL-USDC").bps()).isEqualByComparingTo("10");
        assertThat(c.priceTolerance("KRAKEN", "SOL-USDC").absoluteAmount()).isEqualByComparingTo("0.5");
        assertThat(c.confirmationDeadline("BINANCE")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.confirmationDeadline("KRAKEN")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.severity(BreakType.FEE_MISMATCH)).isEqualTo(Severity.LOW);
        assertThat(c.breakSla(BreakType.SIDE_MISMATCH)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.breakSla(BreakType.PRICE_MISMATCH)).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.overriddenFor(Option.CONFIRMATION_DEADLINE)).containsExactly("BINANCE");
    }

    @Test
    void quantityToleranceIsLotsTimesTheInstrumentsLotSize() {
        ReconciliationConfig c = ReconciliationConfig.builder().set(Option.LOT_SIZE, "0.001", "BTC-USDT")
                .set(Option.QUANTITY_TOLERANCE_LOTS, "2", "BINANCE").build();
        assertThat(c.quantityTolerance("BINANCE", "BTC-USDT").allowance(BigDecimal.ONE)).isEqualByComparingTo("0.002");
        assertThat(c.quantityTolerance("KRAKEN", "BTC-USDT").allowance(BigDecimal.ONE)).isEqualByComparingTo("0");
    }

    @Test
    void aToleranceIsTheLargerOfAbsoluteAndRelative() {
        Tolerance t = Tolerance.of(new BigDecimal("1"), new BigDecimal("5"));
        assertThat(t.allowance(new BigDecimal("100"))).isEqualByComparingTo("1");
        assertThat(t.allowance(new BigDecimal("64000"))).isEqualByComparingTo("32");
        assertThat(t.within(new BigDecimal("64000"), new BigDecimal("64032"))).isTrue();
        assertThat(t.within(new BigDecimal("64000"), new BigDecimal("63967.99"))).isFalse();
        assertThatThrownBy(() -> Tolerance.of(new BigDecimal("-1"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownKeyFailsNamingIt() {
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.tolerance.prize.bps", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'recon.tolerance.prize.bps'");
    }

    @Test
    void aMalformedValueFailsNamingTheKey() {
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.confirmation.deadline.BINANCE", "soon")))
                .hasMessageContaining("'recon.confirmation.deadline.BINANCE' = 'soon'");
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.tolerance.fee.bps", "-1")))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.severity.OVERFILL", "URGENT")))
                .hasMessageContaining("'recon.severity.OVERFILL'");
    }

    @Test
    void aQualifierTheOptionDoesNotTakeFails() {
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.severity.NOT_A_TYPE", "LOW")))
                .hasMessageContaining("takes a break type");
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.match.linger.BINANCE", "1 min")))
                .hasMessageContaining("takes no qualifier");
        assertThatThrownBy(() -> ReconciliationConfig.fromProperties(Map.of("recon.confirmation.deadline.A.B", "1 min")))
                .hasMessageContaining("one qualifier, a venue");
    }

    @Test
    void everyOptionHasADescriptionAndItsDefaultParses() {
        for (Option option : Option.values()) {
            assertThat(option.description()).as(option.key()).isNotBlank();
            if (option.defaultValue() != null) {
                assertThat(ReconciliationConfig.fromProperties(Map.of(option.key(), option.defaultValue()))).isNotNull();
            }
        }
    }

    @Test
    void theDocumentationListsEveryOptionWithItsDefault() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("RECONCILIATION.md")).stream()
                .filter(line -> line.startsWith("| `recon.")).toList();
        for (Option option : Option.values()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + option.key() + "` |")).findFirst().orElse(null);
            assertThat(row).as("RECONCILIATION.md row of " + option.key()).isNotNull();
            if (option.defaultValue() != null) {
                assertThat(row).as(option.key()).contains("| " + option.defaultValue() + " |");
            }
        }
        assertThat(rows).hasSize(Option.values().length);
    }

    @Test
    void breakIdsAreDeterministicAndDistinguishTypeKeyAndField() {
        String id = BreakIds.of(BreakType.FEE_MISMATCH, "BINANCE/BTC-USDT/E-1", "fee");
        assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(BreakIds.of(BreakType.FEE_MISMATCH, "BINANCE/BTC-USDT/E-1", "fee")).isEqualTo(id);
        assertThat(BreakIds.of(BreakType.FEE_MISMATCH, "BINANCE/BTC-USDT/E-1", "feeAsset")).isNotEqualTo(id);
        assertThat(BreakIds.of(BreakType.PRICE_MISMATCH, "BINANCE/BTC-USDT/E-1", "fee")).isNotEqualTo(id);
    }
}
