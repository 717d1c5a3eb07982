package org.posttrade.sinks.clickhouse.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.posttrade.sinks.clickhouse.ClickHouseSink;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;

/**
 * Throughput of the ClickHouse sinks against their ceiling, in one run, median of 3 each:
 * (a) the client alone: the same rows encoded with RowBinaryFormatWriter into an unsynchronized buffer in batches
 * of 100 K and inserted with client-v2's Client.insert on one thread; (b) ClickHouseSink (at-least-once) and
 * (c) ExactlyOnceClickHouseSink, each in a Flink MiniCluster job (generator source → sink, parallelism 1, object
 * reuse on, file-based checkpoints every {@code -Dcheckpoint.ms}, 10 s by default), timed from the first generated
 * row to the job's end.
 * All include building the row objects, so the ratios isolate what Flink and the sinks add.
 *
 * <pre>
 * mvn -B -q -pl sinks -am install -DskipTests
 * mvn -B -q -pl sinks exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-Xmx3g -Drows=1000000 -Druns=3 [-Dcheckpoint.ms=1000] [-Durl=http://127.0.0.1:8123] \
 *      -cp %classpath org.posttrade.sinks.clickhouse.bench.ClickHouseSinkBenchmark"
 * </pre>
 * Without -Durl a private server is started (and removed); with it, tables are created in database
 * {@code posttrade_bench} of that server and dropped afterwards. Not a test: correctness lives in the ITs.
 */
public final class ClickHouseSinkBenchmark {
    private static final String DB = "posttrade_bench";
    private static final int BATCH = 100_000;
    static final AtomicLong FIRST_ROW_NANOS = new AtomicLong();

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int tables;

    private ClickHouseSinkBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("rows", 1_000_000L);
        int runs = Integer.getInteger("runs", 3);
        String url = System.getProperty("url");
        ClickHouseServer server = null;
        if (url == null || url.isBlank()) {
            server = new ClickHouseServer().start();
            url = server.url();
        }
        try {
            new ClickHouseSinkBenchmark(url).run(rows, runs);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void run(long rows, int runs) throws Exception {
        sql("CREATE DATABASE IF NOT EXISTS " + DB);
        System.out.printf("ClickHouse %s at %s, %,d rows of %d columns, %d runs each%n",
                sql("SELECT version()").trim(), url, rows, BenchExecutionMapper.COLUMNS.size(), runs);
        // warm-up, not counted: JIT, class loading, the server's first parts
        clientBulkInsert(Math.min(rows, 200_000));
        sinkJob(Math.min(rows, 200_000), false);
        sinkJob(Math.min(rows, 200_000), true);
        double[] client = new double[runs];
        double[] sink = new double[runs];
        double[] exactlyOnce = new double[runs];
        // alternate the two so that drift of a noisy machine hits both alike
        for (int r = 0; r < runs; r++) {
            client[r] = clientBulkInsert(rows);
            System.out.printf("  run %d: client bulk insert %,.0f rows/s%n", r + 1, client[r]);
            sink[r] = sinkJob(rows, false);
            System.out.printf("  run %d: ClickHouseSink job   %,.0f rows/s%n", r + 1, sink[r]);
            exactlyOnce[r] = sinkJob(rows, true);
            System.out.printf("  run %d: ExactlyOnceClickHouseSink job %,.0f rows/s%n", r + 1, exactlyOnce[r]);
        }
        double c = median(client);
        double s = median(sink);
        double e = median(exactlyOnce);
        System.out.printf("RESULT (median of %d): client ceiling %,.0f rows/s | ClickHouseSink %,.0f rows/s | "
                + "ratio %.2f | ExactlyOnceClickHouseSink %,.0f rows/s | ratio %.2f%n", runs, c, s, s / c, e, e / c);
        sql("DROP DATABASE " + DB);
    }

    /** (a) The ceiling: encode and insert in batches of 100 K on this thread with client-v2. */
    private double clientBulkInsert(long rows) throws Exception {
        String table = newTable();
        List<ClickHouseColumn> columns = new ArrayList<>();
        BenchExecutionMapper.COLUMNS.forEach(d -> columns.addAll(ClickHouseColumn.parse(d)));
        List<String> names = columns.stream().map(ClickHouseColumn::getColumnName).toList();
        TableSchema schema = new TableSchema(table, "", DB, columns);
        BenchExecutionMapper mapper = new BenchExecutionMapper(table);
        try (Client client = new Client.Builder().addEndpoint(url).setUsername("default").setPassword("")
                .setDefaultDatabase(DB).build()) {
            Bytes buffer = new Bytes(32 << 20);
            long start = System.nanoTime();
            for (long from = 0; from < rows; from += BATCH) {
                buffer.reset();
                RowBinaryFormatWriter writer = new RowBinaryFormatWriter(buffer, schema, ClickHouseFormat.RowBinary);
                long to = Math.min(rows, from + BATCH);
                for (long i = from; i < to; i++) {
                    mapper.write(BenchExecution.of(i), writer);
                    writer.commitRow();
                }
                client.insert(DB + "." + table, names, new ByteArrayInputStream(buffer.buf, 0, buffer.size),
                        ClickHouseFormat.RowBinary, new InsertSettings()).get(5, TimeUnit.MINUTES).close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            verify(table, rows);
            return rows / seconds;
        }
    }

    /**
     * (b) The sink in a MiniCluster job, at-least-once or exactly-once (then its committer inserts each checkpoint's
     * batches, on the same task thread, once the checkpoint completes; the last ones at the end of input).
     */
    private double sinkJob(long rows, boolean exactlyOnce) throws Exception {
        String table = newTable();
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // checkpoints on files, as on a cluster: the exactly-once sink's checkpoint holds its rows, far beyond what
        // the JobManager's in-memory checkpoint storage accepts
        config.setString("execution.checkpointing.storage", "filesystem");
        config.setString("execution.checkpointing.dir",
                java.nio.file.Files.createTempDirectory("bench-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        env.configure(config); // the job's own settings (checkpoint storage) come from here, not the cluster's
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(Long.getLong("checkpoint.ms", 10_000L));
        FIRST_ROW_NANOS.set(0);
        env.fromSource(new DataGeneratorSource<>(ClickHouseSinkBenchmark::generate, rows,
                                TypeInformation.of(BenchExecution.class)), WatermarkStrategy.noWatermarks(), "executions")
                .sinkTo(ClickHouseSink.<BenchExecution>builder().endpoints(url).database(DB)
                        .mapper(new BenchExecutionMapper(table)).maxBatchRows(BATCH)
                        .build(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE))
                .name("clickhouse");
        env.execute("clickhouse-sink-benchmark");
        double seconds = (System.nanoTime() - FIRST_ROW_NANOS.get()) / 1e9;
        verify(table, rows);
        return rows / seconds;
    }

    private static BenchExecution generate(Long i) {
        if (i == 0) {
            FIRST_ROW_NANOS.set(System.nanoTime());
        }
        return BenchExecution.of(i);
    }

    private String newTable() throws Exception {
        String table = "executions_" + (++tables);
        sql(BenchExecutionMapper.ddl(DB + "." + table));
        return table;
    }

    /** A benchmark that lost rows would measure nothing: check every row arrived, then drop the table. */
    private void verify(String table, long rows) throws Exception {
        String stats = sql("SELECT count(), uniqExact(exec_id) FROM " + DB + "." + table).trim();
        if (!stats.equals(rows + "\t" + rows)) {
            throw new IllegalStateException("expected " + rows + " distinct rows in " + table + ", got " + stats);
        }
        sql("DROP TABLE " + DB + "." + table);
    }

    private String sql(String statement) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(statement, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(statement + ": " + response.body());
        }
        return response.body();
    }

    /** ByteArrayOutputStream without its per-write lock (the writer makes several writes per cell) and copies. */
    private static final class Bytes extends OutputStream {
        byte[] buf;
        int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
