package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;
import org.posttrade.sinks.clickhouse.testing.CollectingRejectedRowHandler;
import org.posttrade.sinks.clickhouse.testing.TestRow;
import org.posttrade.sinks.clickhouse.testing.TestRowMapper;

/** The sink inside a Flink MiniCluster, against a real ClickHouse 18.16: checkpoints, outages, restores, bad rows. */
class ClickHouseSinkIT {
    private static final String DB = "sinkit";
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private String table;

    @BeforeEach
    void createTable() {
        table = "t" + TABLES.incrementAndGet();
        TestRowMapper.createTable(CLICKHOUSE, DB, table);
    }

    private ClickHouseSink.Builder<TestRow> sink() {
        return ClickHouseSink.<TestRow>builder().endpoints(CLICKHOUSE.url()).database(DB)
                .mapper(new TestRowMapper(table));
    }

    private String stats() {
        return CLICKHOUSE.query("SELECT count(), uniqExact(key), min(value), max(value) FROM " + DB + "." + table);
    }

    private long count(String suffix) {
        return CLICKHOUSE.queryLong("SELECT count() FROM " + DB + "." + table + suffix);
    }

    private static StreamExecutionEnvironment env(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        return env;
    }

    private static Configuration noRestarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return config;
    }

    private static DataGeneratorSource<TestRow> rows(long count, RateLimiterStrategy<?> rate) {
        return new DataGeneratorSource<>(TestRow::of, count, rate, TypeInformation.of(TestRow.class));
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aCompletedCheckpointMeansTheRowsAreInClickHouse() throws Exception {
        StreamExecutionEnvironment env = env(noRestarts());
        env.enableCheckpointing(300);
        // the source emits 500 rows per checkpoint and never ends; the batch bounds are never reached,
        // so only the flush before each checkpoint barrier can have sent the rows
        env.fromSource(rows(Long.MAX_VALUE, RateLimiterStrategy.perCheckpoint(500)), WatermarkStrategy.noWatermarks(),
                        "rows")
                .sinkTo(sink().maxBatchRows(10_000_000).maxBatchDelay(Duration.ofHours(1)).build());
        JobClient job = env.executeAsync("checkpoint-flush");
        try {
            await(">= 1000 rows", Duration.ofSeconds(60), () -> count("") >= 1000);
            String[] s = stats().split("\t");
            long rows = Long.parseLong(s[0]);
            // exactly the first `rows` rows of the source, each once
            assertThat(s).containsExactly(String.valueOf(rows), String.valueOf(rows), "0", String.valueOf(rows - 1));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverStoppedAndRestartedMidStreamLosesNothing() throws Exception {
        // a plain MergeTree: no merge can hide a duplicate, so count() is exactly what was stored
        table = table + "_plain";
        TestRowMapper.createTable(CLICKHOUSE, DB, table, "MergeTree ORDER BY key");
        int total = 20_000;
        StreamExecutionEnvironment env = env(noRestarts()); // the job must ride out the outage on the sink's retries
        env.fromSource(rows(total, RateLimiterStrategy.perSecond(2500)), WatermarkStrategy.noWatermarks(), "rows")
                .sinkTo(sink().maxBatchRows(500).maxBatchDelay(Duration.ofMillis(100))
                        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50))
                                .maxBackoff(Duration.ofMillis(500)).maxRetryDuration(Duration.ofSeconds(60)).build())
                        .build());
        JobClient job = env.executeAsync("server-restart");

        await(">= 4000 rows", Duration.ofSeconds(60), () -> count("") >= 4000);
        // SIGKILL: a graceful stop keeps serving open keep-alive connections for seconds, so inserts would go on
        CLICKHOUSE.kill();
        Thread.sleep(3000); // the job keeps producing while the server is down
        CLICKHOUSE.start();
        long afterRestart = count("");

        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertThat(afterRestart).as("the outage happened mid-stream").isBetween(4000L, total - 1L);
        assertThat(stats()).isEqualTo(total + "\t" + total + "\t0\t" + (total - 1));
    }

    /**
     * Fails the job once, {@code rowsAfterCheckpoint} rows after the first completed checkpoint: the sink has stored
     * some of those rows (its batches are smaller), and the restore from that checkpoint writes them again.
     */
    private static final class FailOnceAfterCheckpoint implements MapFunction<TestRow, TestRow>, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private final long rowsAfterCheckpoint;
        private boolean checkpointed;
        private long seenSinceCheckpoint;

        FailOnceAfterCheckpoint(long rowsAfterCheckpoint) {
            this.rowsAfterCheckpoint = rowsAfterCheckpoint;
        }

        @Override
        public TestRow map(TestRow row) {
            if (checkpointed && ++seenSinceCheckpoint == rowsAfterCheckpoint && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("injected failure " + rowsAfterCheckpoint + " rows after a checkpoint");
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    @Test
    void restoreFromCheckpointReplaysButReadersSeeOneRowPerKey() throws Exception {
        int total = 20_000;
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = env(config);
        env.enableCheckpointing(2000); // no second checkpoint between the first one and the failure
        FailOnceAfterCheckpoint.FAILED.set(false);
        // background merges of a ReplacingMergeTree would collapse the replayed rows before we count them
        CLICKHOUSE.query("SYSTEM STOP MERGES " + DB + "." + table);
        env.fromSource(rows(total, RateLimiterStrategy.perSecond(4000)), WatermarkStrategy.noWatermarks(), "rows")
                .map(new FailOnceAfterCheckpoint(600))
                .sinkTo(sink().maxBatchRows(300).maxBatchDelay(Duration.ofMillis(50)).build());
        env.execute("restore-replay");

        assertThat(FailOnceAfterCheckpoint.FAILED).as("the injected failure happened").isTrue();
        long raw = count("");
        long logical = count(" FINAL");
        assertThat(logical).isEqualTo(total);
        assertThat(CLICKHOUSE.query("SELECT uniqExact(key), min(value), max(value) FROM " + DB + "." + table + " FINAL"))
                .isEqualTo(total + "\t0\t" + (total - 1));
        // the sink got at least 599 rows after the checkpoint (more if its completion was notified late), so at
        // least one full batch of 300 was stored before the failure and written again after the restore
        assertThat(raw - logical).isGreaterThanOrEqualTo(300L);
        System.out.printf("restore-replay: %d raw rows, %d logical rows, %d replayed%n", raw, logical, raw - logical);
    }

    @Test
    void refusedRowsGoToTheHandlerWithTheServersReasonAndTheRestIsStored() throws Exception {
        List<TestRow> input = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TestRow row = TestRow.of(i);
            if (i % 250 == 3) {
                row.value = -1; // refused by the table's throwIf
            }
            input.add(row);
        }
        CollectingRejectedRowHandler<TestRow> handler = new CollectingRejectedRowHandler<>();
        StreamExecutionEnvironment env = env(noRestarts());
        env.fromData(input).sinkTo(sink().rejectedRowHandler(handler).build());
        env.execute("rejected-rows");

        assertThat(CLICKHOUSE.query("SELECT count(), uniqExact(key), countIf(value < 0) FROM " + DB + "." + table))
                .isEqualTo("996\t996\t0");
        List<RejectedRow<?>> rejected = handler.flushed();
        assertThat(rejected).extracting(RejectedRow::rowKey)
                .containsExactly("k000003", "k000253", "k000503", "k000753");
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.reason()).startsWith("Code: 395")
                    .contains("Value passed to 'throwIf' function is non zero");
            assertThat(r.errorClass()).isEqualTo("ClickHouseException(code=395)");
            assertThat(r.qualifiedTable()).isEqualTo(DB + "." + table);
            assertThat(r.payload()).contains("\"key\": \"" + r.rowKey() + "\"", "\"value\": -1");
        });
    }
}
