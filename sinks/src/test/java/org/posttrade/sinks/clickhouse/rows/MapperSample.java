package org.posttrade.sinks.clickhouse.rows;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.SettlementStatus;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;

/** A row mapper with a sample element, and what the mapper sets for it (recorded through a real writer). */
public record MapperSample<T>(ClickHouseRowMapper<T> mapper, T value) {

    /** One sample per reporting table, in the order of {@link ReportingRowMappers#all()}. */
    public static List<MapperSample<?>> all() {
        return List.of(
                new MapperSample<>(new ExecutionRowMapper(), SampleRecords.sourcedExecution()),
                new MapperSample<>(new InternalTradeRowMapper(), SampleRecords.sourcedInternalTrade()),
                new MapperSample<>(new VenueConfirmationRowMapper(), SampleRecords.sourcedVenueConfirmation()),
                new MapperSample<>(new CustodianMovementRowMapper(), SampleRecords.sourcedCustodian()),
                new MapperSample<>(new MarkPriceRowMapper(), SampleRecords.sourcedMarkPrice()),
                new MapperSample<>(new TradeLifecycleRowMapper(),
                        SampleRecords.lifecycle("BINANCE/exec-1", 3, LifecycleState.CONFIRMED, SampleRecords.T0)),
                new MapperSample<>(BreakRowMapper.history(), SampleRecords.reconciliationBreak("b-1", 1,
                        BreakStatus.OPEN, SampleRecords.T0, SampleRecords.T0).build()),
                new MapperSample<>(BreakRowMapper.latest(), SampleRecords.reconciliationBreak("b-1", 2,
                        BreakStatus.AUTO_RESOLVED, SampleRecords.T0, SampleRecords.T0.plusSeconds(90))
                        .setResolvedTime(SampleRecords.T0.plusSeconds(90)).setDifference(null).build()),
                new MapperSample<>(PositionRowMapper.history(),
                        SampleRecords.position("ACC-1/BTC-USDT", 17, SampleRecords.T0).build()),
                new MapperSample<>(PositionRowMapper.latest(),
                        SampleRecords.position("ACC-1/BTC-USDT", 18, SampleRecords.T0).setMarkPrice(null)
                                .setUnrealizedPnl(null).setDesk(null).build()),
                new MapperSample<>(new SettlementInstructionRowMapper(),
                        SampleRecords.instruction("BINANCE/ACC-1/BTC/c1", 2, SettlementStatus.PARTIALLY_SETTLED).build()),
                new MapperSample<>(new AlertRowMapper(), SampleRecords.alert()),
                new MapperSample<>(new DeadLetterRowMapper(), SampleRecords.deadLetter()),
                new MapperSample<>(new AuditLogRowMapper(), SampleRecords.auditEntry()),
                new MapperSample<>(new VenueBalanceRowMapper(), SampleRecords.venueBalance("BINANCE", 7,
                        "-12345678901234567890.123456789012345678", "0.000000000000000001")),
                new MapperSample<>(new SettlementStatusRowMapper(), SampleRecords.settlementStatus()));
    }

    /** The RowBinary schema the sink builds from the mapper's column definitions. */
    public static TableSchema schemaOf(ClickHouseRowMapper<?> mapper) {
        return new TableSchema(mapper.table(), "", "", ClickHouseColumn.parse(String.join(", ",
                mapper.columnDefinitions())));
    }

    /** The values the mapper sets, by column, in the order it sets them; fails if it sets a column twice. */
    public Map<String, Object> recordValues() throws Exception {
        RecordingWriter writer = new RecordingWriter(new ByteArrayOutputStream(), schemaOf(mapper));
        mapper.write(value, writer);
        writer.commitRow();
        return writer.values;
    }

    /** The sample as RowBinary bytes, one row. */
    public byte[] rowBinary() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowBinaryFormatWriter writer = new RowBinaryFormatWriter(out, schemaOf(mapper), ClickHouseFormat.RowBinary);
        mapper.write(value, writer);
        writer.commitRow();
        return out.toByteArray();
    }

    /** The row as ClickHouse prints it in TabSeparated, columns in table order. */
    public String expectedTabSeparated() throws Exception {
        Map<String, Object> values = recordValues();
        return mapper.columnDefinitions().stream()
                .map(def -> def.substring(0, def.indexOf(' ')))
                .map(column -> tabSeparated(values.get(column)))
                .collect(Collectors.joining("\t"));
    }

    /** How ClickHouse 18.16 prints a value in TabSeparated (and reads back what client-v2 wrote). */
    public static String tabSeparated(Object value) {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof String s) {
            return escape(s);
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(e -> e instanceof String s ? "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
                            : String.valueOf(e))
                    .collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static final class RecordingWriter extends RowBinaryFormatWriter {
        private final Map<String, Object> values = new LinkedHashMap<>();

        RecordingWriter(OutputStream out, TableSchema schema) {
            super(out, schema, ClickHouseFormat.RowBinary);
        }

        @Override
        public void setValue(String column, Object value) {
            if (values.containsKey(column)) {
                throw new AssertionError("column " + column + " set twice");
            }
            values.put(column, value);
            super.setValue(column, value);
        }
    }
}
