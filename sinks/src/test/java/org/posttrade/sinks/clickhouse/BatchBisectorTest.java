package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bisection and retries with a fake inserter whose "server" refuses batches holding given rows. */
class BatchBisectorTest {

    /** Rows are 4-byte ids; refuses any request holding a bad id; can fail transiently first. */
    private static final class FakeInserter implements ClickHouseInserter {
        final Set<Integer> bad;
        final List<Integer> stored = new ArrayList<>();
        int requests;
        int transientFailuresLeft;

        FakeInserter(Set<Integer> bad) {
            this.bad = bad;
        }

        @Override
        public void insert(byte[] data, int offset, int length) throws InsertException {
            requests++;
            if (transientFailuresLeft > 0) {
                transientFailuresLeft--;
                throw new InsertException(ErrorKind.TRANSIENT, 0, 0, "Connection refused", null);
            }
            List<Integer> ids = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
            while (buf.hasRemaining()) {
                ids.add(buf.getInt());
            }
            for (int id : ids) {
                if (bad.contains(id)) {
                    throw InsertException.fromServer(500, 0, "Code: 395, e.displayText() = DB::Exception: row " + id);
                }
            }
            stored.addAll(ids);
        }
    }

    private static RowBuffer rows(int n) throws java.io.IOException {
        RowBuffer buffer = new RowBuffer(64);
        for (int i = 0; i < n; i++) {
            int mark = buffer.mark();
            byte[] id = ByteBuffer.allocate(4).putInt(i).array();
            buffer.stream().write(id, 0, 4);
            buffer.commitRow(mark, null, "k" + i);
        }
        return buffer;
    }

    private static RetryingInserter retrying(ClickHouseInserter inserter, int maxAttempts, List<Long> sleeps) {
        return new RetryingInserter(inserter, RetryPolicy.builder().maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).build(), "db.t",
                InsertListener.NONE, sleeps::add, System::nanoTime, () -> 0.5);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void isolatesExactlyTheRefusedRowsAndStoresTheRest() throws Exception {
        Set<Integer> bad = Set.of(0, 17, 18, 511, 999);
        FakeInserter server = new FakeInserter(bad);
        List<Integer> rejectedRows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int refused = new BatchBisector(retrying(server, 3, new ArrayList<>()), 100, "db.t")
                .store(rows(1000), (row, cause) -> {
                    rejectedRows.add(row);
                    reasons.add(cause.serverMessage());
                });

        assertThat(refused).isEqualTo(5);
        assertThat(rejectedRows).containsExactly(0, 17, 18, 511, 999);
        assertThat(reasons.get(1)).endsWith("row 17");
        Set<Integer> expected = IntStream.range(0, 1000).boxed().filter(i -> !bad.contains(i))
                .collect(Collectors.toSet());
        assertThat(server.stored).hasSize(995).doesNotHaveDuplicates();
        assertThat(new HashSet<>(server.stored)).isEqualTo(expected);
        // 5 bad rows in 1000: far fewer requests than one per row
        assertThat(server.requests).isLessThan(5 * 2 * 11 + 1);
    }

    @Test
    void aCleanBatchIsOneRequest() throws Exception {
        FakeInserter server = new FakeInserter(Set.of());
        int refused = new BatchBisector(retrying(server, 3, new ArrayList<>()), 100, "db.t")
                .store(rows(100_000), (row, cause) -> { });
        assertThat(refused).isZero();
        assertThat(server.requests).isEqualTo(1);
        assertThat(server.stored).hasSize(100_000);
    }

    @Test
    void everyRowBadFailsTheJobInsteadOfDeadLetteringTheStream() {
        FakeInserter server = new FakeInserter(IntStream.range(0, 1000).boxed().collect(Collectors.toSet()));
        List<Integer> rejectedRows = new ArrayList<>();
        assertThatThrownBy(() -> new BatchBisector(retrying(server, 3, new ArrayList<>()), 10, "db.t")
                .store(rows(1000), (row, cause) -> rejectedRows.add(row)))
                .isInstanceOf(ClickHouseSinkException.class)
                .hasMessageStartingWith("more than 10 rows of one batch refused by db.t (sink.rejected.max-per-batch)");
        assertThat(rejectedRows).hasSize(10);
    }

    @Test
    void transientFailuresAreRetriedWithBackoffThenStored() throws Exception {
        FakeInserter server = new FakeInserter(Set.of());
        server.transientFailuresLeft = 3;
        List<Long> sleeps = new ArrayList<>();
        new BatchBisector(retrying(server, 5, sleeps), 100, "db.t").store(rows(10), (row, cause) -> { });
        assertThat(server.requests).isEqualTo(4);
        assertThat(server.stored).hasSize(10);
        assertThat(sleeps).containsExactly(50L, 100L, 200L); // half of 100, 200, 400 (random = 0.5)
    }

    @Test
    void spentRetryBudgetThrows() {
        FakeInserter server = new FakeInserter(Set.of());
        server.transientFailuresLeft = 100;
        assertThatThrownBy(() -> new BatchBisector(retrying(server, 4, new ArrayList<>()), 100, "db.t")
                .store(rows(10), (row, cause) -> { }))
                .isInstanceOf(ClickHouseSinkException.class)
                .hasMessageContaining("INSERT of 10 rows into db.t failed 4 times")
                .hasMessageContaining("Connection refused");
        assertThat(server.requests).isEqualTo(4);
        assertThat(server.stored).isEmpty();
    }

    @Test
    void interruptedBackoffAbortsAndKeepsTheInterruptFlag() {
        FakeInserter server = new FakeInserter(Set.of());
        server.transientFailuresLeft = 100;
        RetryingInserter inserter = new RetryingInserter(server, RetryPolicy.defaults(), "db.t", InsertListener.NONE,
                millis -> {
                    throw new InterruptedException("cancelled");
                }, System::nanoTime, () -> 0.5);
        assertThatThrownBy(() -> new BatchBisector(inserter, 100, "db.t").store(rows(10), (row, cause) -> { }))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(server.requests).isEqualTo(1);
    }
}
