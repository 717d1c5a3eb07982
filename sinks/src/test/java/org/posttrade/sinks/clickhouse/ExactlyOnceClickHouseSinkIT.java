package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;
import org.posttrade.sinks.clickhouse.testing.CollectingRejectedRowHandler;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.posttrade.sinks.clickhouse.testing.TestRowMapper;

/**
 * The exactly-once sink (writer + committer) in a Flink MiniCluster against a real ClickHouse 18.16: a failed
 * attempt leaves nothing behind that the replay does not write again, and refused rows are dead-lettered by the
 * committer.
 */
class ExactlyOnceClickHouseSinkIT {
    private static final String DB = "sinkeo";
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static String newTable(String engine) {
        String table = "t" + TABLES.incrementAndGet();
        TestRowMapper.createTable(CLICKHOUSE, DB, table, engine);
        return table;
    }

    private static ClickHouseSink.Builder<TestRow> sink(String table) {
        return ClickHouseSink.<TestRow>builder().endpoints(CLICKHOUSE.url()).database(DB)
                .mapper(new TestRowMapper(table));
    }

    private static String query(String sql) {
        return CLICKHOUSE.query(sql);
    }

    /**
     * Stamps each row with the attempt that produced it (version = attempt + 1) and fails the job once,
     * {@code rowsAfterCheckpoint} rows after the first completed checkpoint.
     */
    private static final class StampAndFailOnce extends RichMapFunction<TestRow, TestRow> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private final long rowsAfterCheckpoint;
        private boolean checkpointed;
        private long seenSinceCheckpoint;

        StampAndFailOnce(long rowsAfterCheckpoint) {
            this.rowsAfterCheckpoint = rowsAfterCheckpoint;
        }

        @Override
        public TestRow map(TestRow row) {
            if (checkpointed && ++seenSinceCheckpoint == rowsAfterCheckpoint && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("injected failure " + rowsAfterCheckpoint + " rows after a checkpoint");
            }
            return new TestRow(row.key, row.value, row.amount,
                    getRuntimeContext().getTaskInfo().getAttemptNumber() + 1L);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    /** Keys stored by both attempts: rows of the failed attempt that the replay wrote again. */
    private static long keysWrittenByBothAttempts(String table) {
        return Long.parseLong(query("SELECT count() FROM (SELECT key FROM " + DB + "." + table
                + " GROUP BY key HAVING uniqExact(version) > 1)"));
    }

    @Test
    void aFailedAttemptLeavesNothingBehindWhileTheAtLeastOnceSinkDoes() throws Exception {
        int total = 20_000;
        // ReplacingMergeTree with merges stopped: FINAL shows the logical rows, plain SELECT every row stored
        String atLeastOnce = newTable("ReplacingMergeTree(version) ORDER BY key");
        String exactlyOnce = newTable("ReplacingMergeTree(version) ORDER BY key");
        query("SYSTEM STOP MERGES " + DB + "." + atLeastOnce);
        query("SYSTEM STOP MERGES " + DB + "." + exactlyOnce);
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(2000); // no second checkpoint between the first one and the failure
        StampAndFailOnce.FAILED.set(false);
        DataStream<TestRow> rows = env.fromSource(new DataGeneratorSource<>(TestRow::of, total,
                        RateLimiterStrategy.perSecond(4000), TypeInformation.of(TestRow.class)),
                        WatermarkStrategy.noWatermarks(), "rows")
                .map(new StampAndFailOnce(600));
        // the same small batches for both: the at-least-once sink stores some rows of the failed attempt
        rows.sinkTo(sink(atLeastOnce).maxBatchRows(300).maxBatchDelay(Duration.ofMillis(50)).build())
                .name("at-least-once");
        rows.sinkTo(sink(exactlyOnce).maxBatchRows(300).maxBatchDelay(Duration.ofMillis(50)).buildExactlyOnce())
                .name("exactly-once");
        env.execute("exactly-once-restore");

        assertThat(StampAndFailOnce.FAILED).as("the injected failure happened").isTrue();
        for (String table : List.of(atLeastOnce, exactlyOnce)) {
            assertThat(query("SELECT count(), uniqExact(key), min(value), max(value) FROM " + DB + "." + table
                    + " FINAL")).as(table).isEqualTo(total + "\t" + total + "\t0\t" + (total - 1));
        }
        long leftByFailedAttempt = keysWrittenByBothAttempts(atLeastOnce);
        System.out.printf("exactly-once restore: at-least-once sink stored %d keys in both attempts, exactly-once "
                        + "sink %d; raw rows %s / %s%n", leftByFailedAttempt, keysWrittenByBothAttempts(exactlyOnce),
                query("SELECT count() FROM " + DB + "." + atLeastOnce), query("SELECT count() FROM " + DB + "."
                        + exactlyOnce));
        // the scenario does leave rows of the failed attempt in an at-least-once table...
        assertThat(leftByFailedAttempt).as("keys the at-least-once sink stored in both attempts").isPositive();
        // ...and none in the exactly-once table: every key was stored by one attempt only
        assertThat(keysWrittenByBothAttempts(exactlyOnce)).as("keys the exactly-once sink stored in both attempts")
                .isZero();
        assertThat(query("SELECT uniqExact(version) FROM " + DB + "." + exactlyOnce))
                .as("both attempts committed rows").isEqualTo("2");
    }

    @Test
    void refusedRowsAreDeadLetteredByTheCommitterAndTheRestIsStoredOnce() throws Exception {
        String table = newTable("MergeTree ORDER BY key"); // a plain MergeTree: a duplicate would show
        List<TestRow> input = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TestRow row = TestRow.of(i);
            if (i % 250 == 3) {
                row.value = -1; // refused by the table's throwIf
            }
            input.add(row);
        }
        CollectingRejectedRowHandler<TestRow> handler = new CollectingRejectedRowHandler<>();
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(500);
        env.fromData(input).sinkTo(sink(table).maxBatchRows(100).rejectedRowHandler(handler).buildExactlyOnce());
        env.execute("exactly-once-rejected-rows");

        assertThat(query("SELECT count(), uniqExact(key), countIf(value < 0) FROM " + DB + "." + table))
                .isEqualTo("996\t996\t0");
        List<RejectedRow<?>> rejected = handler.flushed();
        assertThat(rejected).extracting(RejectedRow::rowKey)
                .containsExactly("k000003", "k000253", "k000503", "k000753");
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.reason()).startsWith("Code: 395");
            assertThat(r.errorClass()).isEqualTo("ClickHouseException(code=395)");
            assertThat(r.qualifiedTable()).isEqualTo(DB + "." + table);
            // the committer has no stream element: the payload is the row as the server received it
            assertThat(r.value()).isNull();
            assertThat(r.payload()).contains("\"key\":\"" + r.rowKey() + "\"", "\"value\":-1");
        });
    }
}
