package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;
import org.posttrade.sinks.clickhouse.testing.CollectingRejectedRowHandler;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.posttrade.sinks.clickhouse.testing.TestRowMapper;
import org.posttrade.sinks.clickhouse.testing.TestWriterInitContext;

/** The sink writer driven directly (manual processing time) against a real ClickHouse 18.16. */
class ClickHouseSinkWriterIT {
    private static final String DB = "sinkwriter";
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    private String table;

    @BeforeEach
    void createTable() {
        table = "t" + TABLES.incrementAndGet();
        TestRowMapper.createTable(CLICKHOUSE, DB, table);
    }

    private ClickHouseSink.Builder<TestRow> sink() {
        return ClickHouseSink.<TestRow>builder().endpoints(CLICKHOUSE.url()).database(DB)
                .mapper(new TestRowMapper(table))
                .maxBatchRows(1_000_000).maxBatchDelay(Duration.ofHours(1));
    }

    private long count() {
        return CLICKHOUSE.queryLong("SELECT count() FROM " + DB + "." + table);
    }

    @Test
    void flushStoresEveryBufferedRowBeforeReturning() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(false);
        try (SinkWriter<TestRow> writer = sink().build().createWriter(context)) {
            for (int i = 0; i < 1000; i++) {
                writer.write(TestRow.of(i), null);
            }
            assertThat(count()).as("no bound reached, nothing sent yet").isZero();

            writer.flush(false);

            assertThat(CLICKHOUSE.query("SELECT count(), uniqExact(key), sum(value), toString(sum(amount)) FROM "
                    + DB + "." + table)).isEqualTo("1000\t1000\t499500\t4995.0000");
            assertThat(context.metrics().count("rowsWritten")).isEqualTo(1000);
            assertThat(context.metrics().count("batchesWritten")).isEqualTo(1);
            assertThat(context.metrics().count("bytesWritten")).isPositive()
                    .isEqualTo(context.metrics().getNumBytesSendCounter().getCount());
            assertThat(context.metrics().getNumRecordsSendCounter().getCount()).isEqualTo(1000);
            assertThat(context.metrics().histogram("flushLatencyMs").getCount()).isEqualTo(1);
        }
    }

    @Test
    void fullBufferIsSentFromWrite() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(true);
        try (SinkWriter<TestRow> writer = sink().maxBatchRows(100).build().createWriter(context)) {
            for (int i = 0; i < 250; i++) {
                writer.write(TestRow.of(i), null);
            }
            assertThat(count()).isEqualTo(200);
            writer.flush(true);
            assertThat(count()).isEqualTo(250);
            assertThat(context.metrics().count("batchesWritten")).isEqualTo(3);
        }
    }

    @Test
    void byteBoundAlsoSendsFromWrite() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(true);
        // a TestRow is 8 + 8 + 8 + 8 bytes = 32 bytes of RowBinary (key "k000001" is 1 + 7 bytes)
        try (SinkWriter<TestRow> writer = sink().maxBatchBytes(320).build().createWriter(context)) {
            for (int i = 0; i < 25; i++) {
                writer.write(TestRow.of(i), null);
            }
            assertThat(count()).isEqualTo(20);
            assertThat(context.metrics().count("bytesWritten")).isEqualTo(640);
        }
    }

    @Test
    void maxDelayTimerSendsAPartialBatch() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(false);
        try (SinkWriter<TestRow> writer = sink().maxBatchDelay(Duration.ofMillis(1000)).build()
                .createWriter(context)) {
            context.time().advanceTo(5_000);
            for (int i = 0; i < 10; i++) {
                writer.write(TestRow.of(i), null);
            }
            context.time().advanceTo(5_999);
            assertThat(count()).isZero();
            context.time().advanceTo(6_000);
            assertThat(count()).isEqualTo(10);

            // the next batch gets its own deadline, counted from its first row
            context.time().advanceTo(6_500);
            writer.write(TestRow.of(10), null);
            context.time().advanceTo(7_499);
            assertThat(count()).isEqualTo(10);
            context.time().advanceTo(7_500);
            assertThat(count()).isEqualTo(11);
            assertThat(context.time().pendingTimers()).isZero();
        }
    }

    @Test
    void refusedAndUnencodableRowsGoToTheHandlerWhileTheOthersAreStored() throws Exception {
        CollectingRejectedRowHandler<TestRow> handler = new CollectingRejectedRowHandler<>();
        TestWriterInitContext context = new TestWriterInitContext(false);
        try (SinkWriter<TestRow> writer = sink().rejectedRowHandler(handler).build().createWriter(context)) {
            for (int i = 0; i < 1000; i++) {
                TestRow row = TestRow.of(i);
                if (i == 7 || i == 500 || i == 999) {
                    row.value = -i; // the table's throwIf refuses it, server side
                }
                if (i == 300) {
                    row.amount = new BigDecimal("1e20"); // beyond Decimal(18, 4): the client cannot encode it
                }
                writer.write(row, null);
            }
            assertThat(handler.flushed()).as("handed over only with the flush").isEmpty();
            writer.flush(false);
        }
        assertThat(CLICKHOUSE.query("SELECT count(), uniqExact(key), countIf(key IN ('k000007', 'k000300', "
                + "'k000500', 'k000999')) FROM " + DB + "." + table)).isEqualTo("996\t996\t0");

        List<RejectedRow<?>> rejected = handler.flushed();
        assertThat(rejected).extracting(RejectedRow::rowKey)
                .containsExactly("k000300", "k000007", "k000500", "k000999");
        RejectedRow<?> unencodable = rejected.get(0);
        assertThat(unencodable.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(unencodable.reason()).contains("should be between");
        for (RejectedRow<?> refused : rejected.subList(1, 4)) {
            assertThat(refused.errorClass()).isEqualTo("ClickHouseException(code=395)");
            assertThat(refused.reason()).startsWith("Code: 395")
                    .contains("Value passed to 'throwIf' function is non zero");
            assertThat(refused.table()).isEqualTo(table);
            assertThat(refused.database()).isEqualTo(DB);
            assertThat(refused.payload()).isEqualTo(refused.value().toString());
        }
        assertThat(rejected.get(1).payload()).contains("\"value\": -7");
        assertThat(context.metrics().count("rejectedRows")).isEqualTo(4);
        assertThat(context.metrics().count("rowsWritten")).isEqualTo(996);
        assertThat(context.metrics().getNumRecordsSendErrorsCounter().getCount()).isEqualTo(4);
    }

    @Test
    void withObjectReuseTheRefusedRowIsDescribedFromItsBytes() throws Exception {
        CollectingRejectedRowHandler<TestRow> handler = new CollectingRejectedRowHandler<>();
        TestWriterInitContext context = new TestWriterInitContext(true);
        TestRow reused = new TestRow();
        try (SinkWriter<TestRow> writer = sink().rejectedRowHandler(handler).build().createWriter(context)) {
            for (int i = 0; i < 100; i++) {
                TestRow row = TestRow.of(i);
                reused.key = row.key;
                reused.value = i == 42 ? -42 : i;
                reused.amount = row.amount;
                reused.version = row.version;
                writer.write(reused, null);
            }
            writer.flush(false);
        }
        assertThat(count()).isEqualTo(99);
        assertThat(handler.flushed()).hasSize(1);
        RejectedRow<?> refused = handler.flushed().get(0);
        assertThat(refused.value()).as("not kept under object reuse").isNull();
        assertThat(refused.rowKey()).isEqualTo("k000042");
        assertThat(refused.payload())
                .isEqualTo("{\"key\":\"k000042\",\"value\":-42,\"amount\":0.4200,\"version\":1}");
    }

    @Test
    void wrongPasswordIsRetriedThenFailsLoudlyWithoutRejectingRows() throws Exception {
        CollectingRejectedRowHandler<TestRow> handler = new CollectingRejectedRowHandler<>();
        TestWriterInitContext context = new TestWriterInitContext(false);
        try (SinkWriter<TestRow> writer = sink().password("wrong").rejectedRowHandler(handler)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
                .build().createWriter(context)) {
            writer.write(TestRow.of(1), null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(ClickHouseSinkException.class)
                    .hasMessageContaining("failed 3 times")
                    .hasMessageContaining("CONFIGURATION (ClickHouse code 193)")
                    .hasMessageContaining("Wrong password for user default");
        }
        assertThat(context.metrics().count("retries")).isEqualTo(2);
        assertThat(handler.flushed()).isEmpty();
        assertThat(count()).isZero();
    }

    @Test
    void missingTableIsRetriedThenFailsLoudly() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(false);
        try (SinkWriter<TestRow> writer = ClickHouseSink.<TestRow>builder().endpoints(CLICKHOUSE.url())
                .database(DB).mapper(new TestRowMapper("no_such_table"))
                .retryPolicy(RetryPolicy.builder().maxAttempts(100).maxRetryDuration(Duration.ofMillis(300))
                        .initialBackoff(Duration.ofMillis(20)).build())
                .build().createWriter(context)) {
            writer.write(TestRow.of(1), null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(ClickHouseSinkException.class)
                    .hasMessageContaining("retry budget spent")
                    .hasMessageContaining("code 60")
                    .hasMessageContaining("no_such_table doesn't exist");
        }
    }

    @Test
    void unreachableServerFailsOverToTheNextEndpoint() throws Exception {
        TestWriterInitContext context = new TestWriterInitContext(false);
        // port 1 refuses connections: the first attempt fails, the retry goes to the live endpoint
        try (SinkWriter<TestRow> writer = sink().endpoints("http://127.0.0.1:1")
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).build())
                .build().createWriter(context)) {
            writer.write(TestRow.of(1), null);
            writer.flush(false);
        }
        assertThat(count()).isEqualTo(1);
    }
}
