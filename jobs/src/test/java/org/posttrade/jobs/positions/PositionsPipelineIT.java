package org.posttrade.jobs.positions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.GeneratorMain;
import org.posttrade.generator.ReferenceData;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.ingest.ClickHouseIngestSinks;
import org.posttrade.jobs.ingest.IngestJob;
import org.posttrade.jobs.ingest.KafkaSources;
import org.posttrade.jobs.reconciliation.ClickHouseReconciliationSinks;
import org.posttrade.jobs.testing.ClickHouseQueries;
import org.posttrade.jobs.tools.MigrationSetup;
import org.posttrade.jobs.tools.SchemaSetup;
import org.posttrade.jobs.tools.TopicSetup;
import org.posttrade.operators.validation.MarkPriceValidator;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.MarkPrice;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.Side;

/**
 * Positions on a MiniCluster against the real Kafka broker, Schema Registry and ClickHouse of local-cluster: the
 * generator produces a run (corrections, busts, faults, malformed records, fees in BNB and in the quote asset);
 * the job reads it to the end (bounded), validates, normalizes fills, computes positions and writes them to
 * ClickHouse. The positions table must equal a recomputation done here, independently of the operators, from the
 * execution reports read back from the topic: its own correction/bust resolution, FIFO and average cost. The job
 * is wired with the production sinks (PositionsPipeline.connect with ClickHousePositionsSinks): the position-updates
 * topic, read read_committed, must hold every update once with the table's latest row as the last one per key, and
 * v_venue_exposure must equal the balances per venue recomputed from the same fills.
 */
class PositionsPipelineIT {
    static final String RUN = "pos" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String PREFIX = RUN + ".";
    static final String DATABASE = "it_" + RUN;
    static final BigDecimal BNB_USDT = new BigDecimal("652.40");

    static Map<String, String> settings;
    static JobConfig config;
    static ClickHouseQueries clickHouse;

    @BeforeAll
    static void services() throws Exception {
        settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", env("POSTTRADE_KAFKA_BOOTSTRAP"));
        settings.put("registry.url", env("POSTTRADE_REGISTRY_URL"));
        settings.put("clickhouse.endpoints", env("POSTTRADE_CLICKHOUSE_URL"));
        settings.put("clickhouse.database", DATABASE);
        settings.put("kafka.group.id", RUN);
        settings.put("kafka.transactional-id-prefix", RUN);
        settings.put("kafka.starting-offsets", "earliest");
        settings.put("kafka.stopping-offsets", "latest");
        for (Stream stream : Stream.values()) {
            settings.put("topic." + stream.name().toLowerCase().replace('_', '-'), PREFIX + stream.defaultTopic());
        }
        settings.put("positions.cost-method", "FIFO");
        settings.put("positions.cost-method.ACC-BETA", "AVERAGE_COST");
        settings.put("positions.reference-price.BNB-USDT", BNB_USDT.toPlainString());
        settings.put("positions.remark.interval", "5 min");
        settings.put("reconciliation.enabled", "false");
        settings.put("settlement.enabled", "false");
        settings.put("checkpoint.interval", "2 s");
        settings.put("watermark.idle-timeout", "1 h"); // a bounded replay: no input may be taken for idle
        config = JobConfig.of(settings);
        TopicSetup.createMissing(config, (short) 1);
        SchemaSetup.registerAll(config);
        MigrationSetup.apply(config);
        clickHouse = new ClickHouseQueries(env("POSTTRADE_CLICKHOUSE_URL"));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (clickHouse != null) {
            clickHouse.query("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void positionsInClickHouseEqualAnIndependentRecomputation() throws Exception {
        Path truth = Files.createTempFile("ground-truth", ".jsonl");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = GeneratorMain.run(new String[] {
                "--bootstrap", env("POSTTRADE_KAFKA_BOOTSTRAP"), "--registry", env("POSTTRADE_REGISTRY_URL"),
                "--seed", "23", "--trades", "250", "--topic-prefix", PREFIX, "--ground-truth", truth.toString(),
                "--correction-rate", "0.15", "--bust-rate", "0.1",
                "--start", Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()},
                new PrintStream(log), new PrintStream(log));
        assertThat(exit).as("generator output:\n%s", log).isZero();

        long started = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // the deployed job's own wiring (sources, validation, the shared fill normalizer), with positions alone on
        new IngestJob(config, new KafkaSources(config), new ClickHouseIngestSinks(config),
                new ClickHouseReconciliationSinks(config)).build(env);
        env.execute("positions-it");
        long jobMillis = (System.nanoTime() - started) / 1_000_000;

        List<Fill> fills = effectiveFills(readExecutionReports());
        Map<String, Expected> expected = recompute(fills);
        Map<String, Map<String, String>> actual = readPositions();
        System.out.printf("positions IT: %d positions, job %d ms%n", actual.size(), jobMillis);

        assertThat(expected).isNotEmpty();
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        int withBnbViaMarks = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Map<String, String> row = actual.get(e.getKey());
            Expected x = e.getValue();
            assertThat(new BigDecimal(row.get("quantity"))).as(e.getKey() + " quantity").isEqualByComparingTo(x.quantity);
            assertThat(row.get("position_type")).isEqualTo(x.instrument ? "INSTRUMENT" : "ASSET");
            if (!x.instrument) {
                assertThat(new BigDecimal(row.get("fees"))).as(e.getKey() + " fees").isEqualByComparingTo(x.fees);
                continue;
            }
            assertThat(new BigDecimal(row.get("cost_basis"))).as(e.getKey() + " cost")
                    .isEqualByComparingTo(x.costBasis.setScale(18, RoundingMode.HALF_EVEN));
            BigDecimal realizedTrading = new BigDecimal(row.get("realized_pnl")).add(new BigDecimal(row.get("fees")));
            assertThat(realizedTrading).as(e.getKey() + " realized before fees")
                    .isCloseTo(x.realizedTrading, org.assertj.core.data.Offset.offset(new BigDecimal("1e-17")));
            if (x.bnbFeesViaMarks) {
                withBnbViaMarks++; // BNB → quote other than USDT goes through marks current at fill time
                assertThat(new BigDecimal(row.get("fees"))).isGreaterThanOrEqualTo(x.fees);
            } else {
                assertThat(new BigDecimal(row.get("fees"))).as(e.getKey() + " fees").isEqualByComparingTo(x.fees);
            }
            assertThat(row.get("price_status")).isIn("OK", "STALE");
            assertThat(row.get("mark_price")).isNotEqualTo("\\N");
        }
        System.out.printf("positions IT: %d instrument positions with BNB fees converted through marks%n",
                withBnbViaMarks);
        // ASSET rows are re-marked: at the end of input every non-zero balance shows its asset's price in USD at
        // the latest valid marks (later priceTime, then eventId), whether or not a fill followed them
        Map<String, MarkPrice> latestMarks = latestMarks(readTopic(PREFIX + Stream.MARK_PRICES.defaultTopic(),
                MarkPrice.class));
        int assetRowsPriced = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Map<String, String> row = actual.get(e.getKey());
            if (e.getValue().instrument || e.getValue().quantity.signum() == 0) {
                continue;
            }
            String asset = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            BigDecimal price = usdPrice(asset, latestMarks);
            if (price == null) {
                assertThat(row.get("mark_price")).as(e.getKey() + " mark price").isEqualTo("\\N");
                assertThat(row.get("price_status")).as(e.getKey()).isEqualTo("MISSING");
            } else {
                assertThat(new BigDecimal(row.get("mark_price"))).as(e.getKey() + " mark price (latest marks)")
                        .isEqualByComparingTo(price.setScale(18, RoundingMode.HALF_EVEN));
                assertThat(row.get("price_status")).as(e.getKey()).isIn("OK", "STALE");
                assetRowsPriced++;
            }
        }
        assertThat(assetRowsPriced).isPositive();
        long history = clickHouse.count("SELECT count() FROM " + DATABASE + ".positions_history FINAL");
        assertThat(history).isGreaterThanOrEqualTo(actual.size());

        // the position-updates topic, read_committed: every update once, the last one per key is the table's row
        List<PositionUpdate> updates = readTopic(config.topic(Stream.POSITION_UPDATES), PositionUpdate.class);
        Set<String> keyVersions = updates.stream().map(u -> u.getPositionKey() + "/" + u.getVersion())
                .collect(Collectors.toSet());
        assertThat(keyVersions).as("no update published twice").hasSize(updates.size());
        assertThat(updates).hasSize((int) history);
        assertThat(keyVersions).isEqualTo(Set.copyOf(clickHouse.query("SELECT concat(position_key, '/', "
                + "toString(version)) FROM " + DATABASE + ".positions_history FINAL FORMAT TabSeparated").lines()
                .toList()));
        Map<String, PositionUpdate> lastPerKey = new TreeMap<>();
        for (PositionUpdate u : updates) { // one key, one partition: offset order is publication order
            PositionUpdate before = lastPerKey.put(u.getPositionKey(), u);
            assertThat(before == null || before.getVersion() < u.getVersion())
                    .as("versions of %s increase along the partition", u.getPositionKey()).isTrue();
        }
        assertThat(lastPerKey.keySet()).isEqualTo(actual.keySet());
        for (PositionUpdate u : lastPerKey.values()) {
            Map<String, String> row = actual.get(u.getPositionKey());
            String key = u.getPositionKey();
            assertThat(row.get("version")).as(key + " version").isEqualTo(String.valueOf(u.getVersion()));
            assertThat(new BigDecimal(row.get("quantity"))).as(key).isEqualByComparingTo(u.getQuantity());
            assertThat(new BigDecimal(row.get("cost_basis"))).as(key).isEqualByComparingTo(u.getCostBasis());
            assertThat(new BigDecimal(row.get("realized_pnl"))).as(key).isEqualByComparingTo(u.getRealizedPnl());
            assertThat(new BigDecimal(row.get("fees"))).as(key).isEqualByComparingTo(u.getFees());
            assertThat(row.get("price_status")).as(key).isEqualTo(u.getPriceStatus().name());
            if (u.getMarkPrice() == null) {
                assertThat(row.get("mark_price")).as(key).isEqualTo("\\N");
            } else {
                assertThat(new BigDecimal(row.get("mark_price"))).as(key).isEqualByComparingTo(u.getMarkPrice());
            }
        }

        // balances per venue: the view's latest version per (venue, account, asset) equals a recomputation
        Map<String, BigDecimal> venueExpected = venueBalances(fills);
        Map<String, String[]> exposure = new TreeMap<>();
        for (String line : clickHouse.query("SELECT venue, account, asset, quantity, unsettled, version FROM "
                + DATABASE + ".v_venue_exposure FORMAT TabSeparated").lines().toList()) {
            String[] cells = line.split("\t", -1);
            exposure.put(cells[0] + "/" + cells[1] + "/" + cells[2], cells);
        }
        assertThat(exposure.keySet()).containsExactlyInAnyOrderElementsOf(venueExpected.keySet());
        for (Map.Entry<String, BigDecimal> e : venueExpected.entrySet()) {
            String[] cells = exposure.get(e.getKey());
            assertThat(new BigDecimal(cells[3])).as(e.getKey() + " balance")
                    .isEqualByComparingTo(e.getValue().setScale(18, RoundingMode.HALF_EVEN));
            assertThat(cells[4]).as(e.getKey() + " unsettled (no settlement feed joined)").isEqualTo("\\N");
        }
        // every version of every balance is stored once, none missing
        assertThat(clickHouse.query("SELECT count() FROM (SELECT venue, account, asset, count() AS n, max(version) AS m "
                + "FROM " + DATABASE + ".venue_balances FINAL GROUP BY venue, account, asset) WHERE n != m")).isEqualTo("0");
        // the balances per venue add up to the account's asset position
        Map<String, BigDecimal> perAccountAsset = new TreeMap<>();
        venueExpected.forEach((k, v) -> perAccountAsset.merge(k.substring(k.indexOf('/') + 1), v, BigDecimal::add));
        perAccountAsset.forEach((k, v) -> assertThat(new BigDecimal(actual.get(k).get("quantity"))).as(k)
                .isEqualByComparingTo(v.setScale(18, RoundingMode.HALF_EVEN)));
        System.out.printf("positions IT: %d updates on the topic, %d venue balances%n", updates.size(),
                exposure.size());
    }

    /** The latest valid mark per symbol: later priceTime wins, then the greater eventId. */
    static Map<String, MarkPrice> latestMarks(List<MarkPrice> marks) {
        MarkPriceValidator validator = new MarkPriceValidator(config.referenceData());
        Map<String, MarkPrice> out = new TreeMap<>();
        for (MarkPrice m : marks) {
            if (validator.violation(m) != null) {
                continue;
            }
            MarkPrice cur = out.get(m.getInstrument().getSymbol());
            int cmp = cur == null ? 1 : m.getPriceTime().compareTo(cur.getPriceTime());
            if (cmp > 0 || cmp == 0 && m.getEventId().compareTo(cur.getEventId()) > 0) {
                out.put(m.getInstrument().getSymbol(), m);
            }
        }
        return out;
    }

    /**
     * The price of {@code asset} in USD: its own ASSET-USD mark, else ASSET-Q × Q-USD (SOL through USDC), BNB through
     * its reference price in USDT; null when the marks do not give one.
     */
    static BigDecimal usdPrice(String asset, Map<String, MarkPrice> latest) {
        if (asset.equals("USD")) {
            return BigDecimal.ONE;
        }
        if (latest.containsKey(asset + "-USD")) {
            return latest.get(asset + "-USD").getPrice();
        }
        for (MarkPrice m : latest.values()) {
            String quote = m.getInstrument().getQuoteAsset();
            if (m.getInstrument().getBaseAsset().equals(asset) && latest.containsKey(quote + "-USD")) {
                return m.getPrice().multiply(latest.get(quote + "-USD").getPrice());
            }
        }
        if (asset.equals("BNB") && latest.containsKey("USDT-USD")) {
            return BNB_USDT.multiply(latest.get("USDT-USD").getPrice());
        }
        return null;
    }

    /** VENUE/ACCOUNT/ASSET → the sum of the base and quote legs and the fees of the fills at that venue. */
    static Map<String, BigDecimal> venueBalances(List<Fill> fills) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Fill f : fills) {
            BigDecimal signed = f.side == Side.BUY ? f.qty : f.qty.negate();
            String prefix = f.venue + "/" + f.account + "/";
            out.merge(prefix + f.base, signed, BigDecimal::add);
            out.merge(prefix + f.quote, signed.multiply(f.px).negate(), BigDecimal::add);
            if (f.fee.signum() != 0) {
                out.merge(prefix + f.feeAsset, f.fee.negate(), BigDecimal::add);
            }
        }
        return out;
    }

    // ---- independent recomputation: no operator code ----

    static final class Expected {
        boolean instrument;
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal costBasis = BigDecimal.ZERO;
        BigDecimal realizedTrading = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        boolean bnbFeesViaMarks;
        final List<BigDecimal[]> lots = new ArrayList<>(); // {signed qty, price}
    }

    record Fill(String id, String venue, String account, String symbol, String base, String quote, Side side, BigDecimal qty,
                BigDecimal px, BigDecimal fee, String feeAsset, long time) {}

    /** The effective fills: first copy of an execId, the latest correction of a chain, busts removed, by time. */
    static List<Fill> effectiveFills(List<ExecutionReport> reports) {
        Set<String> symbols = ReferenceData.INSTRUMENTS.stream().map(ReferenceData.InstrumentSpec::symbol)
                .collect(Collectors.toSet());
        Map<String, ExecutionReport> byExecId = new LinkedHashMap<>();
        for (ExecutionReport r : reports) {
            boolean fillType = r.getExecType() == ExecType.TRADE || r.getExecType() == ExecType.TRADE_CORRECT
                    || r.getExecType() == ExecType.TRADE_CANCEL;
            boolean valid = symbols.contains(r.getInstrument().getSymbol())
                    && (r.getExecType() == ExecType.TRADE_CANCEL
                        || r.getLastQty().signum() > 0 && r.getLastPx().signum() > 0);
            if (fillType && valid) {
                byExecId.putIfAbsent(r.getVenue() + "/" + r.getExecId(), r); // first copy stands
            }
        }
        // original of each chain, its latest correction, busts
        Map<String, ExecutionReport> terms = new TreeMap<>();
        Map<String, ExecutionReport> originals = new TreeMap<>();
        Set<String> busted = new java.util.HashSet<>();
        for (ExecutionReport r : byExecId.values()) {
            String root = r.getVenue() + "/" + r.getExecId();
            ExecutionReport cur = r;
            while (cur.getExecType() != ExecType.TRADE) {
                cur = byExecId.get(cur.getVenue() + "/" + cur.getExecRefId());
                if (cur == null) {
                    break;
                }
                root = cur.getVenue() + "/" + cur.getExecId();
            }
            if (cur == null) {
                continue; // orphan: never applied
            }
            originals.put(root, cur);
            if (r.getExecType() == ExecType.TRADE_CANCEL) {
                busted.add(root);
            } else if (!terms.containsKey(root) || r.getExecType() == ExecType.TRADE_CORRECT
                    && (terms.get(root).getExecType() == ExecType.TRADE
                        || r.getTransactTime().isAfter(terms.get(root).getTransactTime()))) {
                terms.put(root, r);
            }
        }
        List<Fill> fills = new ArrayList<>();
        for (Map.Entry<String, ExecutionReport> e : originals.entrySet()) {
            if (busted.contains(e.getKey())) {
                continue;
            }
            ExecutionReport t = terms.get(e.getKey());
            ExecutionReport o = e.getValue();
            fills.add(new Fill(e.getKey(), o.getVenue(), t.getAccount(), o.getInstrument().getSymbol(),
                    o.getInstrument().getBaseAsset(), o.getInstrument().getQuoteAsset(), t.getSide(), t.getLastQty(),
                    t.getLastPx(), t.getCommission() == null ? BigDecimal.ZERO : t.getCommission(),
                    t.getCommissionAsset(), o.getTransactTime().toEpochMilli()));
        }
        fills.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : a.id.compareTo(b.id));
        return fills;
    }

    static Map<String, Expected> recompute(List<Fill> fills) {
        Map<String, Expected> out = new TreeMap<>();
        for (Fill f : fills) {
            BigDecimal signed = f.side == Side.BUY ? f.qty : f.qty.negate();
            Expected p = out.computeIfAbsent(f.account + "/" + f.symbol, k -> new Expected());
            p.instrument = true;
            trade(p, signed, f.px, f.account.equals("ACC-BETA"));
            if (f.fee.signum() != 0) {
                if (f.feeAsset.equals(f.quote)) {
                    p.fees = p.fees.add(f.fee);
                } else if (f.feeAsset.equals(f.base)) {
                    p.fees = p.fees.add(f.fee.multiply(f.px));
                } else if (f.feeAsset.equals("BNB") && f.quote.equals("USDT")) {
                    p.fees = p.fees.add(f.fee.multiply(BNB_USDT));
                } else {
                    p.bnbFeesViaMarks = true;
                }
            }
            asset(out, f.account, f.base, signed, BigDecimal.ZERO);
            asset(out, f.account, f.quote, signed.multiply(f.px).negate(), BigDecimal.ZERO);
            if (f.fee.signum() != 0) {
                asset(out, f.account, f.feeAsset, f.fee.negate(), f.fee);
            }
        }
        return out;
    }

    static void asset(Map<String, Expected> out, String account, String asset, BigDecimal amount, BigDecimal fee) {
        Expected a = out.computeIfAbsent(account + "/" + asset, k -> new Expected());
        a.quantity = a.quantity.add(amount);
        a.fees = a.fees.add(fee);
    }

    /** FIFO over explicit lots, or one pooled lot (release = cost × closed / qty, scale 18 HALF_EVEN). */
    static void trade(Expected p, BigDecimal signed, BigDecimal px, boolean average) {
        BigDecimal left = signed;
        if (average) {
            if (p.quantity.signum() != 0 && p.quantity.signum() != signed.signum()) {
                BigDecimal closed = signed.abs().min(p.quantity.abs()).multiply(BigDecimal.valueOf(p.quantity.signum()));
                BigDecimal released = closed.compareTo(p.quantity) == 0 ? p.costBasis
                        : p.costBasis.multiply(closed).divide(p.quantity, 18, RoundingMode.HALF_EVEN);
                p.realizedTrading = p.realizedTrading.add(closed.multiply(px)).subtract(released);
                p.costBasis = p.costBasis.subtract(released);
                p.quantity = p.quantity.subtract(closed);
                left = signed.add(closed);
            }
            p.costBasis = p.costBasis.add(left.multiply(px));
            p.quantity = p.quantity.add(left);
            return;
        }
        while (left.signum() != 0 && !p.lots.isEmpty() && p.lots.get(0)[0].signum() != left.signum()) {
            BigDecimal[] lot = p.lots.get(0);
            BigDecimal closed = left.abs().min(lot[0].abs()).multiply(BigDecimal.valueOf(lot[0].signum()));
            p.realizedTrading = p.realizedTrading.add(closed.multiply(px.subtract(lot[1])));
            lot[0] = lot[0].subtract(closed);
            if (lot[0].signum() == 0) {
                p.lots.remove(0);
            }
            left = left.add(closed);
        }
        if (left.signum() != 0) {
            p.lots.add(new BigDecimal[] {left, px});
        }
        p.quantity = p.quantity.add(signed);
        p.costBasis = p.lots.stream().map(l -> l[0].multiply(l[1])).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<ExecutionReport> readExecutionReports() {
        return readTopic(PREFIX + Stream.EXECUTION_REPORTS.defaultTopic(), ExecutionReport.class);
    }

    /** A whole topic, read_committed, partition by partition in offset order; undecodable records skipped. */
    static <T extends org.apache.avro.specific.SpecificRecord> List<T> readTopic(String topic, Class<T> type) {
        Properties props = new Properties();
        props.put("bootstrap.servers", env("POSTTRADE_KAFKA_BOOTSTRAP"));
        props.put("group.id", RUN + "-verify-" + topic);
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        ConfluentAvroDeserializer<T> deserializer = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(config.registry()), type);
        // partition by partition in offset order: the first copy of an execId is the one the job saw first
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 5) {
                var batch = consumer.poll(Duration.ofMillis(500));
                empty = batch.isEmpty() ? empty + 1 : 0;
                batch.forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                out.add(deserializer.deserialize(r.value()));
            } catch (RuntimeException undecodable) {
                // malformed on purpose: a dead letter, never a fill
            }
        }
        return out;
    }

    static Map<String, Map<String, String>> readPositions() throws Exception {
        String[] columns = {"position_key", "version", "position_type", "quantity", "cost_basis", "realized_pnl", "fees",
                "mark_price", "price_status"};
        String tsv = clickHouse.query("SELECT " + String.join(", ", columns) + " FROM " + DATABASE
                + ".positions FINAL FORMAT TabSeparated");
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], cells[i]);
            }
            out.put(row.get("position_key"), row);
        }
        return out;
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run with local-cluster/test or export the addresses "
                    + "local-cluster/up prints");
        }
        return value;
    }
}
