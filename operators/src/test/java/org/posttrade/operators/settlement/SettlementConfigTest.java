package org.posttrade.operators.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.Severity;

class SettlementConfigTest {
    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void periodicCyclesAreAlignedToUtcMidnight() {
        SettlementConfig c = SettlementConfig.builder().set(SettlementConfig.Option.CYCLE_PERIOD, "4 h", "OKX").build();
        SettlementConfig.Cycle okx = c.cycle("OKX", t("2026-11-22T05:59:59Z"));
        assertThat(okx.start()).isEqualTo(t("2026-11-22T04:00:00Z"));
        assertThat(okx.cutoff()).isEqualTo(t("2026-11-22T08:00:00Z"));
        assertThat(okx.id()).isEqualTo("OKX/2026-11-22T04:00Z");
        SettlementConfig.Cycle binance = c.cycle("BINANCE", t("2026-11-22T05:00:00Z"));
        assertThat(binance.start()).isEqualTo(t("2026-11-22T05:00:00Z")); // default 1 h; a fill at the cut-off is next cycle's
        assertThat(binance.cutoff()).isEqualTo(t("2026-11-22T06:00:00Z"));
    }

    @Test
    void continuousVenuesCycleBetweenTheirCutoffTimes() {
        SettlementConfig c = SettlementConfig.fromProperties(Map.of("settlement.cycle.cutoffs.KRAKEN", "16:00, 08:00"));
        SettlementConfig.Cycle day = c.cycle("KRAKEN", t("2026-11-22T09:00:00Z"));
        assertThat(day.start()).isEqualTo(t("2026-11-22T08:00:00Z"));
        assertThat(day.cutoff()).isEqualTo(t("2026-11-22T16:00:00Z"));
        SettlementConfig.Cycle night = c.cycle("KRAKEN", t("2026-11-22T17:00:00Z"));
        assertThat(night.start()).isEqualTo(t("2026-11-22T16:00:00Z"));
        assertThat(night.cutoff()).isEqualTo(t("2026-11-23T08:00:00Z"));
        SettlementConfig.Cycle early = c.cycle("KRAKEN", t("2026-11-22T07:00:00Z"));
        assertThat(early.start()).isEqualTo(t("2026-11-21T16:00:00Z"));
        assertThat(early.cutoff()).isEqualTo(t("2026-11-22T08:00:00Z"));
    }

    @Test
    void finalityToleranceAndBreakLifecycleAreData() {
        SettlementConfig c = SettlementConfig.fromProperties(Map.of("settlement.finality.BITCOIN", "3",
                "settlement.tolerance.amount.USD", "0.01", "recon.break.sla.SETTLEMENT_MISSING", "10 min",
                "settlement.deadline.BINANCE", "90 min", "settlement.counterparty.BINANCE", "Binance Holdings"));
        assertThat(c.finality("BITCOIN")).isEqualTo(3);
        assertThat(c.finality("ETHEREUM")).isEqualTo(64);
        assertThat(c.finality("FEDWIRE")).isEqualTo(1);
        assertThat(c.amountTolerance("USD")).isEqualByComparingTo("0.01");
        assertThat(c.amountTolerance("BTC")).isEqualByComparingTo("0");
        assertThat(c.deadline("BINANCE")).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.deadline("OKX")).isEqualTo(Duration.ofHours(2));
        assertThat(c.counterparty("BINANCE")).isEqualTo("Binance Holdings");
        assertThat(c.counterparty("OKX")).isEqualTo("OKX");
        assertThat(c.breaks().breakSla(BreakType.SETTLEMENT_MISSING)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.breaks().severity(BreakType.SETTLEMENT_REVERSED)).isEqualTo(Severity.CRITICAL);
        assertThat(c.breaks().severity(BreakType.SETTLEMENT_MISSING)).isEqualTo(Severity.HIGH);
    }

    @Test
    void badSettingsFailNamingTheKey() {
        assertThatThrownBy(() -> SettlementConfig.fromProperties(Map.of("settlement.cycle.period", "7 h")))
                .hasMessageContaining("settlement.cycle.period").hasMessageContaining("divide 24 h");
        assertThatThrownBy(() -> SettlementConfig.fromProperties(Map.of("settlement.deadlin", "1 h")))
                .hasMessageContaining("unknown settlement setting 'settlement.deadlin'");
        assertThatThrownBy(() -> SettlementConfig.fromProperties(Map.of("settlement.movement.grace.BINANCE", "1 h")))
                .hasMessageContaining("no qualifier");
        assertThatThrownBy(() -> SettlementConfig.fromProperties(Map.of("settlement.cycle.cutoffs.KRAKEN", "25:00")))
                .hasMessageContaining("settlement.cycle.cutoffs.KRAKEN");
    }

    @Test
    void theDocumentationListsEveryOption() throws IOException {
        String doc = Files.readString(Path.of("SETTLEMENT.md"));
        for (SettlementConfig.Option option : SettlementConfig.Option.values()) {
            assertThat(doc).as(option.key()).contains("`" + option.key() + "`");
        }
    }
}
