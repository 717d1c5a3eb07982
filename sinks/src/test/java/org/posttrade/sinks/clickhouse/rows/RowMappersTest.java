package org.posttrade.sinks.clickhouse.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.DeadLetter;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

class RowMappersTest {

    @Test
    void everyTableHasOneMapperAndOneSample() {
        List<String> tables = ReportingRowMappers.all().stream().map(ClickHouseRowMapper::table).toList();
        assertThat(tables).doesNotHaveDuplicates().hasSize(16);
        assertThat(MapperSample.all().stream().map(s -> s.mapper().table()).toList()).isEqualTo(tables);
    }

    @Test
    void everyMapperSetsEachOfItsColumnsExactlyOnce() throws Exception {
        for (MapperSample<?> sample : MapperSample.all()) {
            List<String> columns = sample.mapper().columnDefinitions().stream()
                    .map(def -> def.substring(0, def.indexOf(' '))).toList();
            Map<String, Object> values = sample.recordValues();
            assertThat(new ArrayList<>(values.keySet())).as(sample.mapper().table())
                    .containsExactlyInAnyOrderElementsOf(columns);
            assertThat(sample.rowBinary()).as(sample.mapper().table()).isNotEmpty();
        }
    }

    @Test
    void everyTableHasAVersionColumnAndTheKeyColumnsFirst() {
        for (ClickHouseRowMapper<?> mapper : ReportingRowMappers.all()) {
            assertThat(mapper.columnDefinitions()).as(mapper.table()).contains("version UInt64");
        }
    }

    @Test
    void executionRowCarriesNotionalVersionAndEvidence() throws Exception {
        Sourced<ExecutionReport> sourced = SampleRecords.sourcedExecution();
        Map<String, Object> row = new MapperSample<>(new ExecutionRowMapper(), sourced).recordValues();

        // 0.123456789012345678 * 65432.1 = 8078.0369643347036374638 (exact), half-even at 18 places
        assertThat(row.get("notional")).isEqualTo(new BigDecimal("8078.036964334703637464"));
        assertThat(row.get("version")).isEqualTo(SampleRecords.PRODUCED.toEpochMilli());
        assertThat(row.get("transact_time")).isEqualTo(1772705730123L);
        assertThat(row.get("event_date")).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(row.get("source_offset")).isEqualTo(9876543210L);
        assertThat(row.get("source_partition")).isEqualTo(2);
        assertThat(row.get("exec_ref_id")).isNull();
        assertThat(new ExecutionRowMapper().rowKey(sourced)).isEqualTo("BINANCE/exec-1@posttrade.execution-reports/2/9876543210");
    }

    @Test
    void notionalIsRoundedHalfEvenAt18Places() {
        ExecutionReport r = SampleRecords.execution("V", "e").setLastQty(SampleRecords.d("0.000000000000000001"))
                .setLastPx(SampleRecords.d("0.5")).build();
        assertThat(ExecutionRowMapper.notional(r)).isEqualTo(new BigDecimal("0.000000000000000000"));
        r.setLastPx(SampleRecords.d("1.5"));
        assertThat(ExecutionRowMapper.notional(r)).isEqualTo(new BigDecimal("0.000000000000000002"));
    }

    @Test
    void decimalsWithMoreThan18PlacesAreRefusedNotTruncated() {
        assertThat(Rows.decimal(new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.500000000000000000"));
        assertThatThrownBy(() -> Rows.decimal(new BigDecimal("0.0000000000000000001")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void evidenceBecomesParallelArraysWithMinusOneForDerivedEvents() throws Exception {
        Map<String, Object> row = new MapperSample<>(new TradeLifecycleRowMapper(), SampleRecords.lifecycle("k", 1,
                org.posttrade.schema.LifecycleState.FILLED, SampleRecords.T0)).recordValues();
        assertThat(row.get("evidence_event_types")).isEqualTo(List.of("ExecutionReport", "ReconciliationBreak"));
        assertThat(row.get("evidence_event_ids")).isEqualTo(List.of("BINANCE/exec-1", "derived-1"));
        assertThat(row.get("evidence_topics")).isEqualTo(List.of("posttrade.execution-reports", ""));
        assertThat(row.get("evidence_partitions")).isEqualTo(List.of(3, -1));
        assertThat(row.get("evidence_offsets")).isEqualTo(List.of(1234567890123L, -1L));
    }

    @Test
    void latestAndHistoryMappersShareColumnsButNotKeys() {
        var b = SampleRecords.reconciliationBreak("b-9", 4, BreakStatus.ESCALATED, SampleRecords.T0, SampleRecords.T0)
                .build();
        assertThat(BreakRowMapper.latest().columnDefinitions()).isEqualTo(BreakRowMapper.history().columnDefinitions());
        assertThat(BreakRowMapper.latest().rowKey(b)).isEqualTo("b-9");
        assertThat(BreakRowMapper.history().rowKey(b)).isEqualTo("b-9/4");
        var p = SampleRecords.position("ACC/BTC-USDT", 5, SampleRecords.T0).build();
        assertThat(PositionRowMapper.latest().rowKey(p)).isEqualTo("ACC/BTC-USDT");
        assertThat(PositionRowMapper.history().rowKey(p)).isEqualTo("ACC/BTC-USDT/5");
    }

    @Test
    void venueBalanceRowIsKeyedByVenueAccountAssetAndVersionAndKeepsAMissingUnsettledAsNull() throws Exception {
        VenueBalanceRow b = SampleRecords.venueBalance("OKX", 3, "1.5", null);
        Map<String, Object> row = new MapperSample<>(new VenueBalanceRowMapper(), b).recordValues();
        assertThat(row.get("quantity")).isEqualTo(new BigDecimal("1.500000000000000000"));
        assertThat(row.get("unsettled")).isNull();
        assertThat(row.get("version")).isEqualTo(3L);
        assertThat(row.get("as_of")).isEqualTo(SampleRecords.T0.toEpochMilli());
        assertThat(row.get("event_date")).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(row.get("evidence_event_ids")).isEqualTo(List.of("BINANCE/exec-1", "derived-1"));
        assertThat(new VenueBalanceRowMapper().rowKey(b)).isEqualTo("OKX/ACC-1/BTC/3");
        row = new MapperSample<>(new VenueBalanceRowMapper(), SampleRecords.venueBalance("OKX", 4, "1", "-0.25"))
                .recordValues();
        assertThat(row.get("unsettled")).isEqualTo(new BigDecimal("-0.250000000000000000"));
    }

    @Test
    void deadLetterKeepsTextAsTextAndBinaryAsBase64() throws Exception {
        DeadLetter d = SampleRecords.deadLetter();
        Map<String, Object> row = new MapperSample<>(new DeadLetterRowMapper(), d).recordValues();
        assertThat(row.get("record_key")).isEqualTo("BINANCE/exec-9");
        assertThat(row.get("record_key_encoding")).isEqualTo("utf8");
        assertThat(row.get("payload")).isEqualTo("AAAAAAf/AQ==");
        assertThat(row.get("payload_encoding")).isEqualTo("base64");
        assertThat(d.getPayload().remaining()).as("buffer not consumed").isEqualTo(7);

        d.setPayload(ByteBuffer.wrap("{\"exec_id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8)));
        d.setKey(null);
        row = new MapperSample<>(new DeadLetterRowMapper(), d).recordValues();
        assertThat(row.get("payload")).isEqualTo("{\"exec_id\":\"e-1\"}");
        assertThat(row.get("payload_encoding")).isEqualTo("utf8");
        assertThat(row.get("record_key")).isNull();
        assertThat(row.get("record_key_encoding")).isEqualTo("");
    }

    @Test
    void auditEntriesNameEntityTransitionAndEvidence() throws Exception {
        AuditLogEntry entry = SampleRecords.auditEntry();
        assertThat(entry.getEntityType()).isEqualTo(AuditLogEntry.BREAK);
        assertThat(entry.getFromState()).isEqualTo("OPEN");
        assertThat(entry.getToState()).isEqualTo("AUTO_RESOLVED");
        assertThat(entry.getEventTime()).isEqualTo(SampleRecords.T0.plusSeconds(90).toEpochMilli());
        assertThat(new AuditLogRowMapper().rowKey(entry)).isEqualTo("BREAK/b-1/2");
        Map<String, Object> row = new MapperSample<>(new AuditLogRowMapper(), entry).recordValues();
        assertThat(row.get("evidence_event_ids")).isEqualTo(List.of("BINANCE/exec-1", "derived-1"));
    }
}
