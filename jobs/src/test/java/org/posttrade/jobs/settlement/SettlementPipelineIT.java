package org.posttrade.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.posttrade.contracts.Decoded;
import org.posttrade.contracts.Sourced;
import org.posttrade.contracts.Stream;
import org.posttrade.generator.ExpectedObligation;
import org.posttrade.generator.GeneratorMain;
import org.posttrade.generator.GroundTruth;
import org.posttrade.generator.Label;
import org.posttrade.generator.LabelledItem;
import org.posttrade.jobs.config.JobConfig;
import org.posttrade.jobs.ingest.KafkaSources;
import org.posttrade.jobs.sinks.PipelineSinks;
import org.posttrade.jobs.testing.ClickHouseQueries;
import org.posttrade.jobs.tools.MigrationSetup;
import org.posttrade.jobs.tools.SchemaSetup;
import org.posttrade.jobs.tools.TopicSetup;
import org.posttrade.operators.settlement.SettlementConfig;
import org.posttrade.operators.validation.CustodianConfirmationValidator;
import org.posttrade.operators.validation.ExecutionReportValidator;
import org.posttrade.operators.validation.ValidateOrDeadLetter;
import org.posttrade.registry.ConfluentAvroDeserializer;
import org.posttrade.registry.SchemaRegistryClient;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.sinks.clickhouse.rows.BreakRowMapper;

/**
 * Settlement on a MiniCluster against the real Kafka broker, Schema Registry and ClickHouse of local-cluster: the
 * generator produces a run with labelled settlement faults (failed, reversed, missing, short/over, duplicate and
 * unexpected movements); the job reads executions and custodian movements to the end (bounded), nets fills into
 * obligations per cycle, matches the movements and writes the instructions exactly-once to their topic and to
 * ClickHouse (settlement_instructions, settlement_status), the breaks to breaks_history. Checked against the
 * generator's ground truth, which computes obligations and labels independently of the operators:
 * <ul>
 *   <li>settlement breaks (type, matchKey) vs the labelled settlement faults: precision and recall 1.0;</li>
 *   <li>the netted amount, direction and trades of every instruction equal the generator's obligation;</li>
 *   <li>a read_committed reader of the instructions topic sees every instruction version exactly once;</li>
 *   <li>audit_log holds one transition per instruction version of the topic, with its evidence;</li>
 *   <li>settlement_status holds every version, its latest rows agree with the topic, and v_settlement_exposure
 *       equals a sum over those latest rows.</li>
 * </ul>
 * The job runs twice over the same input. The failover run fails once mid-stream and restores from a checkpoint:
 * its topic (its own, read_committed) must hold every version exactly once, its ClickHouse tables exactly the
 * versions of its topic (the exactly-once ClickHouse sink: how many versions an instruction goes through depends on
 * how obligations and movements interleave, which a replay does not reproduce, so an at-least-once sink would keep
 * versions of the failed attempt), and it must end with the same instructions, amounts and netted trades as the
 * clean run, on which the checks above are made.
 */
class SettlementPipelineIT {
    static final String RUN = "stl" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String PREFIX = RUN + ".";
    static final String DATABASE = "it_" + RUN;
    static final Set<BreakType> SETTLEMENT_TYPES = EnumSet.of(BreakType.SETTLEMENT_MISSING,
            BreakType.SETTLEMENT_AMOUNT_MISMATCH, BreakType.SETTLEMENT_FAILED, BreakType.SETTLEMENT_REVERSED,
            BreakType.DUPLICATE_MOVEMENT, BreakType.UNEXPECTED_MOVEMENT);

    static JobConfig config;
    /** The same job with one injected failure: its own database, output topic, group and transactional ids. */
    static JobConfig failover;
    static ClickHouseQueries clickHouse;

    @BeforeAll
    static void services() throws Exception {
        Map<String, String> settings = new HashMap<>();
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
        // the generator's cycles (1 h, aligned to UTC midnight) are the default; its custodians report CONFIRMED at
        // these confirmations, which our policy takes as final
        settings.put("settlement.finality.BITCOIN", "3");
        settings.put("settlement.finality.ETHEREUM", "12");
        config = JobConfig.of(settings);
        settings.put("clickhouse.database", DATABASE + "_failover");
        settings.put("kafka.group.id", RUN + "-failover");
        settings.put("kafka.transactional-id-prefix", RUN + "-failover");
        settings.put("topic.settlement-instructions", PREFIX + "failover." + Stream.SETTLEMENT_INSTRUCTIONS.defaultTopic());
        failover = JobConfig.of(settings);
        for (JobConfig c : List.of(config, failover)) {
            TopicSetup.createMissing(c, (short) 1);
            SchemaSetup.registerAll(c);
            MigrationSetup.apply(c);
        }
        clickHouse = new ClickHouseQueries(env("POSTTRADE_CLICKHOUSE_URL"));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (clickHouse != null) {
            clickHouse.query("DROP DATABASE IF EXISTS " + DATABASE);
            clickHouse.query("DROP DATABASE IF EXISTS " + DATABASE + "_failover");
        }
    }

    @Test
    void settlementMatchesTheGroundTruth() throws Exception {
        GroundTruth truth = generate();

        // ---- the failover run: one failure mid-stream, the job restores and replays; its topic must not show it
        runJob(failover, true);
        assertThat(FailOnceSink.FAILED).as("the injected failure happened").isTrue();
        List<SettlementInstruction> failoverTopic = readInstructions(failover, "read_committed");
        Map<String, SettlementInstruction> failoverLatest = latestOfEachExactlyOnce(failoverTopic);
        long failoverRows = clickHouse.count("SELECT count() FROM " + DATABASE + "_failover.settlement_status FINAL");
        System.out.printf("settlement IT: failover run: %d instructions, %d versions on its topic read_committed, "
                        + "%d records read_uncommitted (aborted transactions of the failed attempt included); "
                        + "settlement_status holds %d versions%n", failoverLatest.size(), failoverTopic.size(),
                readInstructions(failover, "read_uncommitted").size(), failoverRows);
        // the exactly-once ClickHouse sink: nothing of the failed attempt beyond its last checkpoint is stored, so
        // ClickHouse holds exactly the versions of the topic, although the replay numbered them its own way
        Set<String> failoverStatus = new TreeSet<>(lines("SELECT concat(instruction_id, ' v', toString(version), ' ', "
                + "status) FROM " + DATABASE + "_failover.settlement_status FINAL"));
        Set<String> failoverVersions = failoverTopic.stream()
                .map(s -> s.getInstructionId() + " v" + s.getVersion() + " " + s.getStatus())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(failoverStatus).as("settlement_status of the failover run = its topic").isEqualTo(failoverVersions);
        Set<String> failoverLatestRows = new TreeSet<>(lines("SELECT concat(instruction_id, ' v', toString(version), "
                + "' ', status) FROM " + DATABASE + "_failover.settlement_instructions FINAL"));
        assertThat(failoverLatestRows).as("settlement_instructions of the failover run = latest on its topic")
                .isEqualTo(failoverLatest.values().stream()
                        .map(s -> s.getInstructionId() + " v" + s.getVersion() + " " + s.getStatus())
                        .collect(Collectors.toCollection(TreeSet::new)));

        // ---- the clean run, whose outputs are checked below
        long started = System.nanoTime();
        runJob(config, false);
        System.out.printf("settlement IT: job %d ms%n", (System.nanoTime() - started) / 1_000_000);

        // ---- breaks vs labelled settlement faults
        Map<String, String> expected = new TreeMap<>(); // "TYPE matchKey" -> label
        Set<String> cleanObligations = new HashSet<>();
        for (LabelledItem item : truth.labels()) {
            BreakType type = item.label().breakType();
            if (type != null && SETTLEMENT_TYPES.contains(type)) {
                expected.put(type + " " + item.matchKey(), item.label().name());
            } else if (item.label() == Label.CLEAN && "OBLIGATION".equals(item.scope())) {
                cleanObligations.add(item.matchKey());
            }
        }
        Set<String> found = new TreeSet<>();
        for (String line : lines("SELECT DISTINCT break_type, match_key FROM " + DATABASE + ".breaks_history")) {
            String[] f = line.split("\t");
            found.add(f[0] + " " + f[1]);
        }
        Set<String> hits = new TreeSet<>(found);
        hits.retainAll(expected.keySet());
        Set<String> falsePositives = new TreeSet<>(found);
        falsePositives.removeAll(expected.keySet());
        Set<String> missed = new TreeSet<>(expected.keySet());
        missed.removeAll(found);
        double precision = found.isEmpty() ? 0 : (double) hits.size() / found.size();
        double recall = expected.isEmpty() ? 0 : (double) hits.size() / expected.size();
        System.out.printf("settlement IT: precision=%.3f recall=%.3f (expected=%d found=%d false-positives=%d "
                        + "missed=%d; clean obligations %d; labels %s)%n", precision, recall, expected.size(),
                found.size(), falsePositives.size(), missed.size(), cleanObligations.size(), truth.counts());
        falsePositives.forEach(k -> System.out.println("  false positive: " + k));
        missed.forEach(k -> System.out.println("  missed: " + k + " (" + expected.get(k) + ")"));
        assertThat(expected.values()).as("every settlement fault label is represented")
                .contains("SETTLEMENT_FAILED", "SETTLEMENT_REVERSED", "SETTLEMENT_MISSING",
                        "SETTLEMENT_AMOUNT_MISMATCH", "DUPLICATE_MOVEMENT", "UNEXPECTED_MOVEMENT");
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isEqualTo(1.0);

        // ---- the instructions topic, read_committed: every version exactly once
        List<SettlementInstruction> topic = readInstructions(config, "read_committed");
        Map<String, SettlementInstruction> latest = latestOfEachExactlyOnce(topic);
        System.out.printf("settlement IT: %d instructions, %d versions on the topic read_committed%n", latest.size(),
                topic.size());

        // ---- the failover run ends where the clean run does: same instructions, amounts, directions and trades
        assertThat(failoverLatest.keySet()).as("instructions of the failover run").isEqualTo(latest.keySet());
        for (SettlementInstruction s : latest.values()) {
            SettlementInstruction f = failoverLatest.get(s.getInstructionId());
            assertThat(f.getAmount()).as("failover amount of %s", s.getInstructionId())
                    .isEqualByComparingTo(s.getAmount());
            assertThat(f.getDirection()).as("failover direction of %s", s.getInstructionId())
                    .isEqualTo(s.getDirection());
            assertThat(new TreeSet<>(f.getNettedTradeIds())).as("failover trades of %s", s.getInstructionId())
                    .isEqualTo(new TreeSet<>(s.getNettedTradeIds()));
        }

        // ---- netted amounts vs the generator's obligations (computed from its fills, not by the operators)
        Map<String, SettlementInstruction> open = latest.values().stream()
                .filter(s -> s.getAmount().signum() != 0)
                .collect(Collectors.toMap(SettlementInstruction::getInstructionId, s -> s, (a, b) -> a, TreeMap::new));
        Map<String, ExpectedObligation> obligations = truth.obligations().stream()
                .collect(Collectors.toMap(ExpectedObligation::instructionId, o -> o, (a, b) -> a, TreeMap::new));
        assertThat(open.keySet()).isEqualTo(obligations.keySet());
        for (ExpectedObligation o : obligations.values()) {
            SettlementInstruction s = open.get(o.instructionId());
            assertThat(s.getAmount()).as(o.instructionId()).isEqualByComparingTo(new BigDecimal(o.amount()));
            assertThat(s.getDirection().name()).as(o.instructionId()).isEqualTo(o.direction());
            assertThat(new TreeSet<>(s.getNettedTradeIds())).as(o.instructionId())
                    .isEqualTo(new TreeSet<>(o.tradeKeys()));
            assertThat(s.getCycleId()).isEqualTo(o.cycleId());
            assertThat(s.getCutoffTime()).isEqualTo(Instant.parse(o.cutoff()));
        }
        for (String id : cleanObligations) {
            assertThat(latest.get(id).getStatus().name()).as("clean obligation %s", id).isEqualTo("SETTLED");
        }

        // ---- ClickHouse: settlement_instructions (latest) and settlement_status (every version)
        Map<String, String> table = new TreeMap<>();
        for (String line : lines("SELECT instruction_id, version, status, toString(amount) FROM " + DATABASE
                + ".settlement_instructions FINAL")) {
            String[] f = line.split("\t");
            table.put(f[0], f[1] + " " + f[2] + " " + new BigDecimal(f[3]).stripTrailingZeros().toPlainString());
        }
        Map<String, String> fromTopic = new TreeMap<>();
        latest.values().forEach(s -> fromTopic.put(s.getInstructionId(), s.getVersion() + " " + s.getStatus() + " "
                + s.getAmount().stripTrailingZeros().toPlainString()));
        assertThat(table).isEqualTo(fromTopic);

        assertThat(clickHouse.count("SELECT count() FROM " + DATABASE + ".settlement_status FINAL"))
                .isEqualTo(topic.size());
        // ---- audit_log: one SETTLEMENT_INSTRUCTION transition per instruction version of the topic, exactly,
        // entering the version's status from the previous version's, at the event time of its settlement_status row, with its evidence
        Map<String, SettlementInstruction> versions = new TreeMap<>();
        topic.forEach(s -> versions.put(s.getInstructionId() + " v" + s.getVersion(), s));
        Map<String, String> eventTimes = new TreeMap<>();
        for (String line : lines("SELECT instruction_id, version, event_time FROM " + DATABASE
                + ".settlement_status FINAL")) {
            String[] f = line.split("\t");
            eventTimes.put(f[0] + " v" + f[1], f[2]);
        }
        Map<String, String[]> audit = new TreeMap<>();
        for (String line : lines("SELECT entity_id, version, ifNull(from_state, '-'), to_state, event_time, "
                + "arrayStringConcat(evidence_event_ids, ','), description FROM " + DATABASE + ".audit_log FINAL "
                + "WHERE entity_type = 'SETTLEMENT_INSTRUCTION'")) {
            String[] f = line.split("\t");
            assertThat(audit.put(f[0] + " v" + f[1], f)).as("audit row %s v%s read once", f[0], f[1]).isNull();
        }
        assertThat(audit.keySet()).as("audit_log transitions = instruction versions on the topic")
                .isEqualTo(versions.keySet());
        assertThat(clickHouse.count("SELECT count() FROM " + DATABASE + ".audit_log FINAL WHERE entity_type = "
                + "'SETTLEMENT_INSTRUCTION'")).isEqualTo(topic.size());
        for (Map.Entry<String, SettlementInstruction> e : versions.entrySet()) {
            SettlementInstruction s = e.getValue();
            String[] row = audit.get(e.getKey());
            SettlementInstruction previous = versions.get(s.getInstructionId() + " v" + (s.getVersion() - 1));
            assertThat(row[2]).as("from_state of %s", e.getKey())
                    .isEqualTo(s.getVersion() == 1 ? "-" : previous.getStatus().name());
            assertThat(row[3]).as("to_state of %s", e.getKey()).isEqualTo(s.getStatus().name());
            assertThat(row[4]).as("event_time of %s", e.getKey()).isEqualTo(eventTimes.get(e.getKey()));
            assertThat(row[5]).as("evidence of %s", e.getKey()).isNotEmpty().isEqualTo(s.getEvidence().stream()
                    .map(x -> x.getEventId()).collect(Collectors.joining(",")));
            assertThat(row[6]).as("description of %s", e.getKey())
                    .startsWith(s.getDirection() + " " + s.getAmount().toPlainString() + " " + s.getAsset());
        }
        System.out.printf("settlement IT: %d audit_log transitions of %d instructions (rows written, replays "
                        + "included: %d)%n", audit.size(), latest.size(), clickHouse.count("SELECT count() FROM "
                        + DATABASE + ".audit_log WHERE entity_type = 'SETTLEMENT_INSTRUCTION'"));
        String auditSql = "SELECT version, from_state, to_state, event_time, description, evidence_event_types, "
                + "evidence_event_ids FROM " + DATABASE + ".audit_log FINAL WHERE entity_type = "
                + "'SETTLEMENT_INSTRUCTION' AND entity_id = '%s' ORDER BY version";

        Map<String, String[]> statusLatest = new TreeMap<>();
        for (String line : lines("SELECT instruction_id, version, status, custodian, direction, toString(amount), "
                + "toString(settled_amount), toString(unsettled_amount), length(movement_ids), venue, asset, account FROM "
                + DATABASE + ".settlement_status FINAL WHERE (instruction_id, version) IN (SELECT instruction_id, "
                + "max(version) FROM " + DATABASE + ".settlement_status GROUP BY instruction_id)")) {
            String[] f = line.split("\t");
            statusLatest.put(f[0], f);
        }
        assertThat(statusLatest.keySet()).isEqualTo(latest.keySet());
        Map<String, BigDecimal> exposure = new TreeMap<>();
        Map<String, BigDecimal> signedOpen = new TreeMap<>(); // venue, account, asset: RECEIVE +, PAY -
        for (SettlementInstruction s : latest.values()) {
            String[] row = statusLatest.get(s.getInstructionId());
            assertThat(Integer.parseInt(row[1])).isEqualTo(s.getVersion());
            assertThat(row[2]).isEqualTo(s.getStatus().name());
            assertThat(new BigDecimal(row[5])).isEqualByComparingTo(s.getAmount());
            if (row[2].equals("SETTLED")) {
                assertThat(new BigDecimal(row[7])).as(s.getInstructionId()).isZero();
                if (s.getAmount().signum() != 0) {
                    assertThat(new BigDecimal(row[6])).as(s.getInstructionId()).isPositive();
                    assertThat(row[3]).isNotEmpty();
                }
            } else {
                assertThat(new BigDecimal(row[7]).add(new BigDecimal(row[6])))
                        .as(s.getInstructionId()).isGreaterThanOrEqualTo(s.getAmount());
                exposure.merge(row[9] + "\t" + (row[3].isEmpty() ? "UNASSIGNED" : row[3]) + "\t" + row[10],
                        new BigDecimal(row[7]), BigDecimal::add);
                BigDecimal openAmount = new BigDecimal(row[7]);
                signedOpen.merge(row[9] + "\t" + row[11] + "\t" + row[10],
                        row[4].equals("PAY") ? openAmount.negate() : openAmount, BigDecimal::add);
            }
            ExpectedObligation o = obligations.get(s.getInstructionId());
            if (o != null && !row[3].isEmpty()) {
                assertThat(row[3]).as("custodian of %s", s.getInstructionId()).isEqualTo(o.custodian());
            }
        }
        Map<String, BigDecimal> view = new TreeMap<>();
        String viewSql = "SELECT venue, custodian, asset, open_instructions, unsettled_amount, unsettled_pay, "
                + "unsettled_receive, pending_amount, past_deadline FROM " + DATABASE + ".v_settlement_exposure "
                + "ORDER BY venue, custodian, asset";
        System.out.println("settlement IT: " + viewSql.replace(DATABASE + ".", ""));
        for (String line : lines(viewSql)) {
            System.out.println("  " + line);
            String[] f = line.split("\t");
            view.put(f[0] + "\t" + f[1] + "\t" + f[2], new BigDecimal(f[4]));
        }
        assertThat(view.keySet()).isEqualTo(exposure.keySet());
        exposure.forEach((k, v) -> assertThat(view.get(k)).as(k).isEqualByComparingTo(v));
        // v_venue_exposure_unsettled (V0007): no balances in this job (positions not running), the signed open
        // amounts per venue, account and asset equal the latest settlement_status rows
        Map<String, BigDecimal> unsettledView = new TreeMap<>();
        String unsettledSql = "SELECT venue, account, asset, balance, balance_version, unsettled, unsettled_receive, "
                + "unsettled_pay, open_instructions, custodians FROM " + DATABASE + ".v_venue_exposure_unsettled "
                + "ORDER BY venue, account, asset";
        System.out.println("settlement IT: " + unsettledSql.replace(DATABASE + ".", ""));
        for (String line : lines(unsettledSql)) {
            System.out.println("  " + line);
            String[] f = line.split("\t");
            assertThat(f[4]).as("no balance rows here").isEqualTo("0");
            unsettledView.put(f[0] + "\t" + f[1] + "\t" + f[2], new BigDecimal(f[5]));
            assertThat(new BigDecimal(f[6]).subtract(new BigDecimal(f[7]))).isEqualByComparingTo(new BigDecimal(f[5]));
        }
        assertThat(unsettledView.keySet()).isEqualTo(signedOpen.keySet());
        signedOpen.forEach((k, v) -> assertThat(unsettledView.get(k)).as(k).isEqualByComparingTo(v));
        String custodianSql = "SELECT custodian, account, asset, unsettled, unsettled_receive, unsettled_pay, "
                + "pending_amount, open_instructions, venues FROM " + DATABASE + ".v_custodian_exposure_unsettled "
                + "ORDER BY custodian, account, asset";
        System.out.println("settlement IT: " + custodianSql.replace(DATABASE + ".", ""));
        lines(custodianSql).forEach(line -> System.out.println("  " + line));
        // the versions of one instruction that went through the most of them, as an example
        String busiest = latest.values().stream().filter(x -> x.getStatus().name().equals("SETTLED"))
                .max(java.util.Comparator.comparingInt(SettlementInstruction::getVersion)
                        .thenComparing(SettlementInstruction::getInstructionId)).orElseThrow().getInstructionId();
        String historySql = "SELECT version, status, settled_amount, pending_amount, unsettled_amount, custodian, "
                + "movement_ids, confirmations, movement_statuses, event_time, settled_time FROM " + DATABASE
                + ".settlement_status FINAL WHERE instruction_id = '" + busiest + "' ORDER BY version";
        System.out.println("settlement IT: " + historySql.replace(DATABASE + ".", ""));
        lines(historySql).forEach(line -> System.out.println("  " + line));
        System.out.println("settlement IT: " + String.format(auditSql, busiest).replace(DATABASE + ".", ""));
        lines(String.format(auditSql, busiest)).forEach(line -> System.out.println("  " + line));
        System.out.println("settlement IT: latest status counts "
                + latest.values().stream().collect(Collectors.groupingBy(s -> s.getStatus().name(), TreeMap::new,
                Collectors.counting())));
    }

    GroundTruth generate() throws Exception {
        Path truthFile = Files.createTempFile("settlement-truth", ".jsonl");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // 300 trades 20 s apart: about 100 min of trading, three or four hourly cycles; settlement faults on ~45%
        // of the obligations so that every kind shows; the start on an hour makes the cycles, and so the ground
        // truth, the same on every run; event times end well before now (the broker refuses records
        // stamped more than 1 h in the future)
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap", env("POSTTRADE_KAFKA_BOOTSTRAP"), "--registry", env("POSTTRADE_REGISTRY_URL"),
                "--seed", "61", "--trades", "300", "--topic-prefix", PREFIX, "--ground-truth", truthFile.toString(),
                "--mean-booking-gap", "PT20S",
                "--fault-rate", "SETTLEMENT_FAILED=0.08", "--fault-rate", "SETTLEMENT_REVERSED=0.08",
                "--fault-rate", "SETTLEMENT_MISSING=0.08", "--fault-rate", "SETTLEMENT_AMOUNT_MISMATCH=0.08",
                "--fault-rate", "DUPLICATE_MOVEMENT=0.08", "--fault-rate", "UNEXPECTED_MOVEMENT=0.05",
                "--start", Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString()));
        int exit = GeneratorMain.run(args.toArray(String[]::new), new PrintStream(log), new PrintStream(log));
        assertThat(exit).as("generator output:\n%s", log).isZero();
        GroundTruth truth = GroundTruth.load(truthFile);
        System.out.printf("settlement IT: generated %d obligations, labels %s%n", truth.obligations().size(),
                truth.counts());
        return truth;
    }

    List<String> lines(String sql) throws Exception {
        String tsv = clickHouse.query(sql + " FORMAT TabSeparated");
        return tsv.isBlank() ? List.of() : tsv.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Every record of the instructions topic a read_committed consumer sees, until it stays quiet for 3 s. */
    /** The settlement job as the IT wires it, run to the end of its bounded input. */
    static void runJob(JobConfig cfg, boolean injectFailure) throws Exception {
        SettlementConfig settlement = SettlementPipeline.config(cfg);
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(2000);
        KafkaSources sources = new KafkaSources(cfg);
        DataStream<Sourced<ExecutionReport>> executions = env.fromSource(
                        sources.source(Stream.EXECUTION_REPORTS, ExecutionReport.class,
                                TypeInformation.of(new TypeHint<Decoded<ExecutionReport>>() {})),
                        WatermarkStrategy.<Decoded<ExecutionReport>>forBoundedOutOfOrderness(Duration.ofSeconds(30))
                                .withTimestampAssigner((d, ts) -> d.isOk()
                                        ? d.getRecord().getValue().getTransactTime().toEpochMilli() : ts),
                        "executions")
                .process(new ValidateOrDeadLetter<>(new ExecutionReportValidator(cfg.referenceData())),
                        TypeInformation.of(new TypeHint<Sourced<ExecutionReport>>() {}));
        // the custodians' Kafka timestamp is the movement's reportedTime
        DataStream<Sourced<CustodianConfirmation>> movements = env.fromSource(
                        sources.source(Stream.CUSTODIAN_CONFIRMATIONS, CustodianConfirmation.class,
                                TypeInformation.of(new TypeHint<Decoded<CustodianConfirmation>>() {})),
                        WatermarkStrategy.<Decoded<CustodianConfirmation>>forBoundedOutOfOrderness(Duration.ofSeconds(30)),
                        "movements")
                .process(new ValidateOrDeadLetter<>(new CustodianConfirmationValidator()),
                        TypeInformation.of(new TypeHint<Sourced<CustodianConfirmation>>() {}));
        SettlementPipeline.Outputs out = new SettlementPipeline(settlement).buildFromExecutions(executions, movements);
        SettlementPipeline.connect(out, new ClickHouseSettlementSinks(cfg));
        out.breaks().sinkTo(PipelineSinks.clickHouse(cfg, BreakRowMapper.history())).name("breaks_history");
        if (injectFailure) {
            FailOnceSink.FAILED.set(false);
            FailOnceSink.SEEN.set(0);
            out.instructions().sinkTo(new FailOnceSink<>()).name("fail once");
        }
        env.execute(injectFailure ? "settlement-it-failover" : "settlement-it");
    }

    /** Every version once, versions of each instruction contiguous from 1; the latest version of each. */
    static Map<String, SettlementInstruction> latestOfEachExactlyOnce(List<SettlementInstruction> topic) {
        Map<String, Integer> copies = new TreeMap<>();
        Map<String, SettlementInstruction> latest = new TreeMap<>();
        for (SettlementInstruction s : topic) {
            copies.merge(s.getInstructionId() + " v" + s.getVersion(), 1, Integer::sum);
            latest.merge(s.getInstructionId(), s, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        assertThat(copies.entrySet()).as("instruction versions published more than once")
                .allMatch(e -> e.getValue() == 1);
        for (SettlementInstruction s : latest.values()) {
            for (int v = 1; v <= s.getVersion(); v++) {
                assertThat(copies).as("versions of %s", s.getInstructionId())
                        .containsKey(s.getInstructionId() + " v" + v);
            }
        }
        return latest;
    }

    static List<SettlementInstruction> readInstructions(JobConfig config, String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", env("POSTTRADE_KAFKA_BOOTSTRAP"));
        props.put("group.id", RUN + "-verify-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", isolation);
        ConfluentAvroDeserializer<SettlementInstruction> deserializer = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient(config.registry()), SettlementInstruction.class);
        List<SettlementInstruction> read = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topic(Stream.SETTLEMENT_INSTRUCTIONS)));
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    SettlementInstruction s = deserializer.deserialize(record.value());
                    assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo(s.getInstructionId());
                    read.add(s);
                    quietSince = System.nanoTime();
                }
            }
        }
        return read;
    }

    /**
     * Discards its input and fails once, at the 41st record (over all writers): the job fails with instructions in
     * open Kafka transactions (after a checkpoint or before the first one, as the run goes), restarts and replays.
     */
    static final class FailOnceSink<T> implements org.apache.flink.api.connector.sink2.Sink<T> {
        private static final long serialVersionUID = 1L;
        static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();
        static final java.util.concurrent.atomic.AtomicInteger SEEN = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public org.apache.flink.api.connector.sink2.SinkWriter<T> createWriter(
                org.apache.flink.api.connector.sink2.WriterInitContext context) {
            return new org.apache.flink.api.connector.sink2.SinkWriter<>() {
                int flushes;

                @Override
                public void write(T element, Context ctx) throws java.io.IOException {
                    if (SEEN.incrementAndGet() > 40 && FAILED.compareAndSet(false, true)) {
                        throw new java.io.IOException("injected failure after " + SEEN.get() + " instructions, "
                                + flushes + " checkpoint flushes of this writer");
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                    flushes++;
                }

                @Override
                public void close() {}
            };
        }
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
