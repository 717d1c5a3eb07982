package org.posttrade.sinks.clickhouse.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.posttrade.sinks.clickhouse.rows.SampleRecords.d;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.posttrade.contracts.Sourced;
import org.posttrade.schema.BreakStatus;
import org.posttrade.schema.BreakType;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecType;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.LifecycleState;
import org.posttrade.schema.MovementStatus;
import org.posttrade.schema.PositionType;
import org.posttrade.schema.PositionUpdate;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.SettlementDirection;
import org.posttrade.schema.SettlementInstruction;
import org.posttrade.schema.SettlementStatus;
import org.posttrade.sinks.clickhouse.ClickHouseRowMapper;
import org.posttrade.sinks.clickhouse.migrations.ClickHouseMigrations;
import org.posttrade.sinks.clickhouse.testing.ClickHouseServer;

/**
 * The reporting model on a real clickhouse-server 18.16: every table's DDL equals its mapper's columns, every mapper's
 * row survives a client-v2 RowBinary insert exactly (read back as TabSeparated), and every view returns the expected
 * aggregate over a small data set with superseded versions and replays in it.
 */
class ReportingModelIT {
    @RegisterExtension
    static final ClickHouseServer CLICKHOUSE = new ClickHouseServer();

    /** Round trips of the samples: one row per table. */
    private static final String ROWS_DB = "rt";
    /** Data sets of the view tests; each test uses its own venue or account. */
    private static final String VIEWS_DB = "views";

    private static Client client;

    @BeforeAll
    static void migrate() {
        for (String db : List.of(ROWS_DB, VIEWS_DB)) {
            ClickHouseMigrations.builder().url(CLICKHOUSE.url()).database(db).build().migrate();
        }
        client = new Client.Builder().addEndpoint(CLICKHOUSE.url()).setUsername("default").setPassword("").build();
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void describeOfEveryTableEqualsItsMappersColumnDefinitions() {
        for (ClickHouseRowMapper<?> mapper : ReportingRowMappers.all()) {
            List<String> described = CLICKHOUSE.query("DESCRIBE TABLE " + ROWS_DB + "." + mapper.table()).lines()
                    .map(line -> line.split("\t"))
                    .map(f -> f[0] + " " + f[1])
                    .toList();
            assertThat(described).as(mapper.table()).isEqualTo(mapper.columnDefinitions());
        }
    }

    @Test
    void everyMapperWritesARowThatReadsBackExactly() throws Exception {
        for (MapperSample<?> sample : MapperSample.all()) {
            insertSample(sample);
            String table = ROWS_DB + "." + sample.mapper().table();
            assertThat(CLICKHOUSE.query("SELECT * FROM " + table + " FINAL")).as(table)
                    .isEqualTo(sample.expectedTabSeparated());
        }
        // exact decimals at both ends of Decimal(38, 18), computed notional, nulls, arrays, epoch millis
        assertThat(CLICKHOUSE.query("SELECT notional, leaves_qty, commission, exec_ref_id, transact_time, version "
                + "FROM rt.executions")).isEqualTo("8078.036964334703637464\t0.000000000000000001\t"
                + "0.000012000000000000\t\\N\t1772705730123\t1772705730456");
        assertThat(CLICKHOUSE.query("SELECT ordered_qty, limit_price, average_price FROM rt.internal_trades"))
                .isEqualTo("12345678901234567890.123456789012345678\t65000.000000000000000000\t\\N");
        assertThat(CLICKHOUSE.query("SELECT price FROM rt.mark_prices")).isEqualTo("65000.000000000000000001");
        assertThat(CLICKHOUSE.query("SELECT reject_reason FROM rt.venue_confirmations")).isEqualTo("unknown exec\\twith tab");
        assertThat(CLICKHOUSE.query("SELECT evidence_event_ids, evidence_partitions, evidence_offsets "
                + "FROM rt.breaks_history")).isEqualTo("['BINANCE/exec-1','derived-1']\t[3,-1]\t[1234567890123,-1]");
        assertThat(CLICKHOUSE.query("SELECT payload, payload_encoding, record_key FROM rt.dead_letters"))
                .isEqualTo("AAAAAAf/AQ==\tbase64\tBINANCE/exec-9");
    }

    @Test
    void aReplayedRecordAndASupersededVersionAreReadOnceWhileProducerDuplicatesStay() throws Exception {
        Sourced<ExecutionReport> first = execution("REPLAY", "e-1", ExecType.TRADE, SampleRecords.T0);
        Sourced<ExecutionReport> replay = Sourced.of(first.getValue(), first.getTopic(), first.getPartition(),
                first.getOffset(), first.getKafkaTimestamp());
        insert(VIEWS_DB, new ExecutionRowMapper(), List.of(first));
        insert(VIEWS_DB, new ExecutionRowMapper(), List.of(replay)); // the same Kafka record, read again after a restore
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM views.executions FINAL WHERE venue = 'REPLAY'")).isEqualTo(1);
        // the producer sent the same execution twice: two Kafka records, both kept as evidence, one exec_id
        Sourced<ExecutionReport> producerDuplicate = Sourced.of(first.getValue(), first.getTopic(), first.getPartition(),
                first.getOffset() + 1000, first.getKafkaTimestamp());
        insert(VIEWS_DB, new ExecutionRowMapper(), List.of(producerDuplicate));
        assertThat(CLICKHOUSE.query("SELECT count(), uniqExact(exec_id) FROM views.executions FINAL WHERE venue = 'REPLAY'"))
                .isEqualTo("2\t1");

        ReconciliationBreak v1 = brk("b-r", 1, BreakStatus.OPEN, SampleRecords.T0, "REPLAY");
        ReconciliationBreak v2 = brk("b-r", 2, BreakStatus.CLOSED, SampleRecords.T0, "REPLAY");
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(v2));
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(v1)); // late arrival of an older version
        insert(VIEWS_DB, BreakRowMapper.history(), List.of(v1, v2, v2));
        assertThat(CLICKHOUSE.query("SELECT version, status FROM views.breaks FINAL WHERE break_id = 'b-r'"))
                .isEqualTo("2\tCLOSED");
        assertThat(CLICKHOUSE.query("SELECT version, status FROM views.breaks_history FINAL WHERE break_id = 'b-r' "
                + "ORDER BY version")).isEqualTo("1\tOPEN\n2\tCLOSED");

        insert(VIEWS_DB, new AuditLogRowMapper(), List.of(AuditLogEntry.ofBreak(v1, null),
                AuditLogEntry.ofBreak(v2, "OPEN")));
        assertThat(CLICKHOUSE.query("SELECT version, from_state, to_state FROM views.audit_log FINAL "
                + "WHERE entity_id = 'b-r' ORDER BY version")).isEqualTo("1\t\\N\tOPEN\n2\tOPEN\tCLOSED");
    }

    @Test
    void openBreaksByTypeVenueAndAge() throws Exception {
        Instant now = Instant.now();
        String venue = "AGE-VENUE";
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(
                brk("b-a1", 1, BreakStatus.OPEN, now.minus(2, ChronoUnit.HOURS), venue),
                brk("b-a2", 1, BreakStatus.OPEN, now.minus(10, ChronoUnit.MINUTES), venue),
                brk("b-a3", 1, BreakStatus.OPEN, now.minus(3, ChronoUnit.DAYS), venue),
                brk("b-a4", 1, BreakStatus.ESCALATED, now.minus(10, ChronoUnit.DAYS), venue),
                brk("b-a5", 1, BreakStatus.OPEN, now.minus(2, ChronoUnit.DAYS), venue),
                ReconciliationBreak.newBuilder(brk("b-a6", 1, BreakStatus.OPEN, now.minus(20, ChronoUnit.HOURS), venue))
                        .setBreakType(BreakType.MISSING_CONFIRMATION).build()));
        // later versions: b-a1 aged (still open, counted once), b-a3 closed (no longer open)
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(
                brk("b-a1", 2, BreakStatus.AGED, now.minus(2, ChronoUnit.HOURS), venue),
                brk("b-a3", 2, BreakStatus.CLOSED, now.minus(3, ChronoUnit.DAYS), venue)));

        assertThat(CLICKHOUSE.query("SELECT break_type, age_bucket, open_breaks FROM views.v_open_breaks_by_age "
                + "WHERE venue = '" + venue + "' ORDER BY break_type, age_bucket")).isEqualTo(String.join("\n",
                "MISSING_CONFIRMATION\t1-24h\t1",
                "PRICE_MISMATCH\t0-1h\t1",
                "PRICE_MISMATCH\t1-24h\t1",
                "PRICE_MISMATCH\t1-7d\t1",
                "PRICE_MISMATCH\t>7d\t1"));
    }

    @Test
    void breakRatePerVenueAndHour() throws Exception {
        String venue = "RATE-VENUE";
        Instant h10 = Instant.parse("2026-03-05T10:00:00Z");
        Instant h11 = Instant.parse("2026-03-05T11:00:00Z");
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(
                brk("b-h1", 1, BreakStatus.OPEN, h10.plusSeconds(15 * 60), venue),
                brk("b-h2", 1, BreakStatus.OPEN, h10.plusSeconds(40 * 60), venue),
                brk("b-h3", 1, BreakStatus.OPEN, h11.plusSeconds(5 * 60), venue)));
        // b-h1 closes at 11:30: it still counts once, in the hour it was detected
        insert(VIEWS_DB, BreakRowMapper.latest(), List.of(ReconciliationBreak.newBuilder(
                brk("b-h1", 2, BreakStatus.CLOSED, h10.plusSeconds(15 * 60), venue))
                .setEventTime(h11.plusSeconds(30 * 60)).build()));
        Sourced<ExecutionReport> e1 = execution(venue, "e1", ExecType.TRADE, h10.plusSeconds(5 * 60));
        insert(VIEWS_DB, new ExecutionRowMapper(), List.of(
                e1,
                execution(venue, "e2", ExecType.TRADE, h10.plusSeconds(20 * 60)),
                execution(venue, "e3", ExecType.TRADE, h10.plusSeconds(50 * 60)),
                execution(venue, "e4", ExecType.TRADE, h10.plusSeconds(55 * 60)),
                execution(venue, "e5", ExecType.NEW, h10.plusSeconds(30 * 60)),
                execution(venue, "e6", ExecType.TRADE, h11.plusSeconds(10 * 60)),
                execution(venue, "e7", ExecType.TRADE, h11.plusSeconds(20 * 60)),
                execution(venue, "e8", ExecType.TRADE, h11.plusSeconds(40 * 60))));
        insert(VIEWS_DB, new ExecutionRowMapper(), List.of(e1)); // replayed fill

        assertThat(CLICKHOUSE.query("SELECT toString(hour), breaks, fills, breaks_per_fill FROM views.v_break_rate_hourly "
                + "WHERE venue = '" + venue + "' ORDER BY hour")).isEqualTo(String.join("\n",
                "2026-03-05 10:00:00\t2\t4\t0.5",
                "2026-03-05 11:00:00\t1\t3\t0.3333333333333333"));
    }

    @Test
    void realizedAndUnrealizedPnlByAccountDeskAndDay() throws Exception {
        Instant day1 = Instant.parse("2026-03-01T09:00:00Z");
        Instant day3 = Instant.parse("2026-03-03T09:00:00Z");
        String btc = "PNL-ACC/BTC-USDT";
        String eth = "PNL-ACC/ETH-USDT";
        PositionUpdate btc2 = pnl(btc, 2, day1.plusSeconds(3600), "15.5", "10");
        insert(VIEWS_DB, PositionRowMapper.history(), List.of(
                pnl(btc, 1, day1, "10", null),
                btc2,
                btc2, // replay
                pnl(btc, 3, day3, "12.25", "-10"),
                pnl(eth, 1, day3, "1", null),
                PositionUpdate.newBuilder(pnl("PNL-ACC/USDT", 1, day1, "999", "999"))
                        .setPositionType(PositionType.ASSET).setInstrument(null).build()));

        assertThat(CLICKHOUSE.query("SELECT pnl_date, account, desk, quote_asset, reporting_currency, positions, "
                + "realized_pnl, unrealized_pnl, realized_pnl_reporting, unrealized_pnl_reporting, positions_unpriced "
                + "FROM views.v_pnl_daily WHERE account = 'PNL-ACC' ORDER BY pnl_date")).isEqualTo(String.join("\n",
                "2026-03-01\tPNL-ACC\tDELTA-ONE\tUSDT\tUSD\t1\t15.500000000000000000\t10.000000000000000000"
                        + "\t15.500000000000000000\t10.000000000000000000\t0",
                "2026-03-03\tPNL-ACC\tDELTA-ONE\tUSDT\tUSD\t2\t-2.250000000000000000\t-10.000000000000000000"
                        + "\t-2.250000000000000000\t-10.000000000000000000\t1"));
    }

    @Test
    void pnlOverThousandsOfVersionsSumsToTheLatestRealizedPnl() throws Exception {
        // V0004's view over many versions per key and day, with no reporting-currency conversion: the day's changes
        // add up to the latest realized P&L. (V0003's view kept Decimals in groupArray states and crashed
        // clickhouse-server 18.16 in ColumnDecimal::deserializeAndInsertFromArena on 66 K such rows loaded as TSV;
        // reproduced by hand, not at this size through the client, see V0004's header.)
        java.util.Random random = new java.util.Random(7);
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        java.util.List<PositionUpdate> rows = new java.util.ArrayList<>();
        java.math.BigDecimal expected = java.math.BigDecimal.ZERO;
        int keys = 300;
        for (int key = 0; key < keys; key++) {
            java.math.BigDecimal realized = java.math.BigDecimal.ZERO;
            for (int version = 1; version <= 20; version++) {
                realized = realized.add(java.math.BigDecimal.valueOf(random.nextInt(100_001) - 50_000, 3));
                String unrealized = random.nextInt(10) == 0 ? null : java.math.BigDecimal.valueOf(random.nextInt(100_001), 2).toPlainString();
                PositionUpdate.Builder row = PositionUpdate.newBuilder(pnl("PNL-LOAD/" + key, version,
                                start.plus((version - 1) / 2, ChronoUnit.DAYS).plusSeconds(version),
                                realized.toPlainString(), unrealized)).setAccount("PNL-LOAD")
                        .setRealizedPnlReporting(null); // no conversion to the reporting currency
                rows.add(row.build());
            }
            expected = expected.add(realized);
        }
        insert(VIEWS_DB, PositionRowMapper.history(), rows);

        String result = CLICKHOUSE.query("SELECT count(), sum(positions), sum(realized_pnl) FROM views.v_pnl_daily "
                + "WHERE account = 'PNL-LOAD'");
        assertThat(result).isEqualTo("10\t" + keys * 10 + "\t" + expected.setScale(18).toPlainString());
        assertThat(CLICKHOUSE.query("SELECT 1")).isEqualTo("1"); // the server is still up
    }

    @Test
    void custodianBalancesSumFinalMovementsNetOfFeesOncePerMovement() throws Exception {
        String custodian = "BAL-CUSTODIAN";
        Instant t = Instant.parse("2026-03-05T04:00:00Z");
        insert(VIEWS_DB, new CustodianMovementRowMapper(), List.of(
                balanceMovement(custodian, "mv-1", 1, MovementStatus.PENDING, "BTC", "2", null, null, t, 1),
                balanceMovement(custodian, "mv-1", 2, MovementStatus.CONFIRMED, "BTC", "2", null, null, t.plusSeconds(60), 2),
                balanceMovement(custodian, "mv-2", 1, MovementStatus.CONFIRMED, "BTC", "-0.5", "0.0001", "BTC", t, 3),
                balanceMovement(custodian, "mv-2", 1, MovementStatus.CONFIRMED, "BTC", "-0.5", "0.0001", "BTC", t, 4), // redelivered
                balanceMovement(custodian, "mv-3", 1, MovementStatus.PENDING, "ETH", "-1", "0.001", "ETH", t, 5),
                balanceMovement(custodian, "mv-4", 1, MovementStatus.CONFIRMED, "BTC", "3", null, null, t, 6),
                balanceMovement(custodian, "mv-4", 2, MovementStatus.REVERSED, "BTC", "3", null, null, t.plusSeconds(600), 7),
                balanceMovement(custodian, "mv-5", 1, MovementStatus.CONFIRMED, "USDT", "-100", "1.5", "TRX", t, 8)));

        assertThat(CLICKHOUSE.query("SELECT asset, balance, pending, network_fees, final_movements, pending_movements "
                + "FROM views.v_custodian_balances WHERE custodian = '" + custodian + "' ORDER BY asset"))
                .isEqualTo(String.join("\n",
                        "BTC\t1.499900000000000000\t0.000000000000000000\t0.000100000000000000\t2\t0",
                        "ETH\t0.000000000000000000\t-1.000000000000000000\t0.000000000000000000\t0\t1",
                        "TRX\t-1.500000000000000000\t0.000000000000000000\t1.500000000000000000\t0\t0",
                        "USDT\t-100.000000000000000000\t0.000000000000000000\t0.000000000000000000\t1\t0"));
    }

    private static Sourced<CustodianConfirmation> balanceMovement(String custodian, String movementId, long sequence,
                                                                  MovementStatus status, String asset, String amount,
                                                                  String fee, String feeAsset, Instant reported,
                                                                  long offset) {
        CustodianConfirmation c = SampleRecords.custodian(custodian, movementId, sequence).setStatus(status)
                .setAsset(asset).setAmount(d(amount)).setNetworkFee(fee == null ? null : d(fee))
                .setNetworkFeeAsset(feeAsset).setReportedTime(reported).build();
        return Sourced.of(c, "posttrade.custodian-confirmations", 0, offset, reported.toEpochMilli());
    }

    @Test
    void unsettledObligationsAndSettlementLatency() throws Exception {
        String venue = "SETTLE-VENUE";
        Instant cutoff = Instant.parse("2026-03-05T04:00:00Z");
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
        insert(VIEWS_DB, new SettlementInstructionRowMapper(), List.of(
                instruction("i1", 1, SettlementStatus.INSTRUCTED, venue, "BTC", SettlementDirection.RECEIVE, "2", future),
                instruction("i2", 1, SettlementStatus.INSTRUCTED, venue, "USDT", SettlementDirection.PAY, "100.5", past),
                instruction("i3", 1, SettlementStatus.INSTRUCTED, venue, "ETH", SettlementDirection.PAY, "3", past),
                instruction("i4", 1, SettlementStatus.INSTRUCTED, venue, "ETH", SettlementDirection.PAY, "4", past)));
        insert(VIEWS_DB, new SettlementInstructionRowMapper(), List.of(
                instruction("i1", 2, SettlementStatus.PARTIALLY_SETTLED, venue, "BTC", SettlementDirection.RECEIVE, "2", future),
                instruction("i3", 2, SettlementStatus.SETTLED, venue, "ETH", SettlementDirection.PAY, "3", past),
                instruction("i4", 2, SettlementStatus.SETTLED, venue, "ETH", SettlementDirection.PAY, "4", past)));
        insert(VIEWS_DB, new CustodianMovementRowMapper(), List.of(
                movement("FIREBLOCKS", "m1", 1, MovementStatus.PENDING, "0.5", "i1", cutoff.plusSeconds(60)),
                movement("FIREBLOCKS", "m1", 2, MovementStatus.CONFIRMED, "0.5", "i1", cutoff.plusSeconds(120)),
                movement("FIREBLOCKS", "m2", 1, MovementStatus.PENDING, "1", "i1", cutoff.plusSeconds(60)),
                movement("COPPER", "m3", 1, MovementStatus.CONFIRMED, "-3", "i3", cutoff.plusSeconds(300)),
                movement("COPPER", "m4", 1, MovementStatus.PENDING, "-4", "i4", cutoff.plusSeconds(60)),
                movement("COPPER", "m4", 2, MovementStatus.CONFIRMED, "-4", "i4", cutoff.plusSeconds(600))));

        assertThat(CLICKHOUSE.query("SELECT custodian, asset, direction, instructions, amount_due, settled_amount, "
                + "outstanding_amount, past_deadline FROM views.v_unsettled_obligations WHERE venue = '" + venue + "' "
                + "ORDER BY custodian, asset")).isEqualTo(String.join("\n",
                "FIREBLOCKS\tBTC\tRECEIVE\t1\t2.000000000000000000\t0.500000000000000000\t1.500000000000000000\t0",
                "UNASSIGNED\tUSDT\tPAY\t1\t100.500000000000000000\t0.000000000000000000\t100.500000000000000000\t1"));

        // latencies 300 000 and 600 000 ms after the cut-off; quantiles interpolate between them
        assertThat(CLICKHOUSE.query("SELECT custodian, asset, settled_instructions, latency_p50_ms, latency_p90_ms, "
                + "latency_p99_ms, latency_max_ms FROM views.v_settlement_latency WHERE venue = '" + venue + "'"))
                .isEqualTo("COPPER\tETH\t2\t450000\t570000\t597000\t600000");

        assertThat(CLICKHOUSE.query("SELECT movement_id, update_sequence, status FROM views.v_custodian_movements_latest "
                + "WHERE custodian = 'FIREBLOCKS' AND settlement_reference = 'i1' ORDER BY movement_id"))
                .isEqualTo("m1\t2\tCONFIRMED\nm2\t1\tPENDING");
    }

    /**
     * v_settlement_exposure over thousands of instructions, several versions each, some written twice (a replay):
     * the open amount of the latest version of each unsettled instruction, summed by venue, custodian and asset,
     * equals a recomputation here. (18.16 crashes on argMax/any over Decimal in a GROUP BY of this size; the view
     * must not use them.)
     */
    @Test
    void settlementExposureSumsTheLatestVersionOfEveryOpenInstruction() throws Exception {
        List<SettlementStatusEntry> rows = new java.util.ArrayList<>();
        java.util.Map<String, SettlementStatusEntry> latest = new java.util.HashMap<>();
        String[] venues = {"XBINANCE", "XOKX", "XKRAKEN"};
        String[] assets = {"BTC", "ETH", "USDT", "SOL"};
        String[] statuses = {"PENDING", "PARTIALLY_SETTLED", "SETTLED", "FAILED", "REVERSED"};
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 3000; i++) {
            int versions = 1 + random.nextInt(4);
            java.math.BigDecimal amount = new java.math.BigDecimal(random.nextInt(1_000_000_000))
                    .movePointLeft(random.nextInt(12));
            for (int v = 1; v <= versions; v++) {
                SettlementStatusEntry e = SampleRecords.settlementStatus();
                e.setInstructionId("EXP/" + i);
                e.setVersion(v);
                e.setVenue(venues[i % venues.length]);
                e.setAsset(assets[i % assets.length]);
                e.setCustodian(v == 1 ? "" : (i % 2 == 0 ? "FIREBLOCKS" : "COPPER"));
                e.setDirection(i % 3 == 0 ? "PAY" : "RECEIVE");
                e.setStatus(v == 1 ? "INSTRUCTED" : statuses[random.nextInt(statuses.length)]);
                e.setAmount(d(amount.toPlainString()));
                java.math.BigDecimal settled = e.getStatus().equals("PARTIALLY_SETTLED")
                        ? amount.divide(java.math.BigDecimal.valueOf(3), 18, java.math.RoundingMode.DOWN)
                        : java.math.BigDecimal.ZERO;
                e.setSettledAmount(d(settled.toPlainString()));
                e.setUnsettledAmount(d(e.getStatus().equals("SETTLED") ? "0" : amount.subtract(settled).toPlainString()));
                e.setPendingAmount(d(e.getStatus().equals("PENDING") ? amount.toPlainString() : "0"));
                rows.add(e);
                if (random.nextInt(10) == 0) {
                    rows.add(e); // written again by a replay
                }
                latest.put(e.getInstructionId(), e);
            }
        }
        java.util.Collections.shuffle(rows, random); // versions arrive in any order
        insert(VIEWS_DB, new SettlementStatusRowMapper(), rows);

        java.util.Map<String, java.math.BigDecimal[]> expected = new java.util.TreeMap<>();
        for (SettlementStatusEntry e : latest.values()) {
            if (e.getStatus().equals("SETTLED")) {
                continue;
            }
            String key = e.getVenue() + "\t" + (e.getCustodian().isEmpty() ? "UNASSIGNED" : e.getCustodian()) + "\t"
                    + e.getAsset();
            java.math.BigDecimal[] sums = expected.computeIfAbsent(key, k -> new java.math.BigDecimal[] {
                    java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                    java.math.BigDecimal.ZERO});
            sums[0] = sums[0].add(java.math.BigDecimal.ONE);
            sums[1] = sums[1].add(e.getUnsettledAmount());
            sums[e.getDirection().equals("PAY") ? 2 : 3] = sums[e.getDirection().equals("PAY") ? 2 : 3]
                    .add(e.getUnsettledAmount());
        }
        List<String> want = expected.entrySet().stream().map(x -> x.getKey() + "\t" + x.getValue()[0].toPlainString()
                + "\t" + x.getValue()[1].setScale(18).toPlainString() + "\t" + x.getValue()[2].setScale(18).toPlainString()
                + "\t" + x.getValue()[3].setScale(18).toPlainString()).toList();
        String got = CLICKHOUSE.query("SELECT venue, custodian, asset, open_instructions, unsettled_amount, "
                + "unsettled_pay, unsettled_receive FROM views.v_settlement_exposure WHERE venue LIKE 'X%' "
                + "ORDER BY venue, custodian, asset");
        assertThat(got.lines().toList()).isEqualTo(want);
        assertThat(want).hasSizeGreaterThan(10);
    }

    @Test
    void currentStateOfATradeIsItsLatestStep() throws Exception {
        insert(VIEWS_DB, new TradeLifecycleRowMapper(), List.of(
                SampleRecords.lifecycle("STATE/e-1", 1, LifecycleState.FILLED, SampleRecords.T0),
                SampleRecords.lifecycle("STATE/e-1", 3, LifecycleState.SETTLED, SampleRecords.T0.plusSeconds(7200)),
                SampleRecords.lifecycle("STATE/e-1", 2, LifecycleState.CONFIRMED, SampleRecords.T0.plusSeconds(60)),
                SampleRecords.lifecycle("STATE/e-2", 1, LifecycleState.FILLED, SampleRecords.T0)));
        assertThat(CLICKHOUSE.query("SELECT trade_key, version, state FROM views.v_trade_current_state "
                + "WHERE trade_key LIKE 'STATE/%' ORDER BY trade_key"))
                .isEqualTo("STATE/e-1\t3\tSETTLED\nSTATE/e-2\t1\tFILLED");
    }

    @Test
    void venueExposureIsTheLatestVersionPerVenueAccountAndAssetOverThousandsOfRows() throws Exception {
        // 3 venues x 4 accounts x 5 assets, 60 versions each, in 4 inserts (parts not merged), versions out of order,
        // a replay of a whole insert; unsettled set on some versions and NULL on others (also on the latest one)
        java.util.Random random = new java.util.Random(7);
        java.util.Map<String, VenueBalanceRow> latest = new java.util.TreeMap<>();
        List<List<VenueBalanceRow>> inserts = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>(),
                new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (String venue : List.of("EXPO-A", "EXPO-B", "EXPO-C")) {
            for (int a = 0; a < 4; a++) {
                for (String asset : List.of("BTC", "ETH", "USDT", "BNB", "SOL")) {
                    for (long version = 1; version <= 60; version++) {
                        java.math.BigDecimal quantity = new java.math.BigDecimal(
                                java.math.BigInteger.valueOf(random.nextLong()).multiply(java.math.BigInteger.valueOf(1000)), 18);
                        java.math.BigDecimal unsettled = random.nextBoolean() ? null
                                : java.math.BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 6);
                        VenueBalanceRow row = new VenueBalanceRow(venue, "EXPO-ACC-" + a, asset, version, quantity,
                                unsettled, SampleRecords.T0.toEpochMilli() + version * 1000, SampleRecords.evidence());
                        inserts.get((int) ((version * 7 + a) % 4)).add(row);
                        latest.merge(row.key(), row, (x, y) -> x.version() >= y.version() ? x : y);
                    }
                }
            }
        }
        for (List<VenueBalanceRow> rows : inserts) {
            insert(VIEWS_DB, new VenueBalanceRowMapper(), rows);
        }
        insert(VIEWS_DB, new VenueBalanceRowMapper(), inserts.get(2)); // a replay: the same rows again
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM views.venue_balances WHERE venue LIKE 'EXPO-%'"))
                .isEqualTo(3 * 4 * 5 * 60 + inserts.get(2).size());
        assertThat(latest).hasSize(60);
        assertThat(latest.values()).anyMatch(b -> b.unsettled() == null).anyMatch(b -> b.unsettled() != null);

        String expected = latest.values().stream()
                .sorted(java.util.Comparator.comparing(VenueBalanceRow::venue).thenComparing(VenueBalanceRow::account)
                        .thenComparing(VenueBalanceRow::asset))
                .map(b -> String.join("\t", b.venue(), b.account(), b.asset(), String.valueOf(b.version()),
                        Rows.decimal(b.quantity()).toPlainString(),
                        b.unsettled() == null ? "\\N" : Rows.decimal(b.unsettled()).toPlainString(),
                        String.valueOf(b.asOf())))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(CLICKHOUSE.query("SELECT venue, account, asset, version, quantity, unsettled, as_of "
                + "FROM views.v_venue_exposure WHERE venue LIKE 'EXPO-%' ORDER BY venue, account, asset"))
                .isEqualTo(expected);
        assertThat(CLICKHOUSE.query("DESCRIBE TABLE views.v_venue_exposure").lines()
                .map(line -> line.split("\t")).map(f -> f[0] + " " + f[1]).toList()).containsExactly(
                "venue String", "account String", "asset String", "version UInt64", "quantity Decimal(38, 18)",
                "unsettled Nullable(Decimal(38, 18))", "as_of UInt64");

        // aggregating over the view (what a risk report does) works and adds up exactly
        String perVenue = latest.values().stream().collect(java.util.stream.Collectors.groupingBy(
                        VenueBalanceRow::venue, java.util.TreeMap::new, java.util.stream.Collectors.toList()))
                .entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue().stream().map(VenueBalanceRow::quantity)
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).setScale(18).toPlainString()
                        + "\t" + e.getValue().stream().filter(b -> b.unsettled() != null).count())
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(CLICKHOUSE.query("SELECT venue, sum(quantity), count(unsettled) FROM views.v_venue_exposure "
                + "WHERE venue LIKE 'EXPO-%' GROUP BY venue ORDER BY venue")).isEqualTo(perVenue);

        // after merges the view reads the same
        CLICKHOUSE.query("OPTIMIZE TABLE views.venue_balances FINAL");
        assertThat(CLICKHOUSE.query("SELECT venue, account, asset, version, quantity, unsettled, as_of "
                + "FROM views.v_venue_exposure WHERE venue LIKE 'EXPO-%' ORDER BY venue, account, asset"))
                .isEqualTo(expected);
    }

    /**
     * v_venue_exposure_unsettled and v_custodian_exposure_unsettled (V0007) on a small data set of both tables with
     * superseded versions written out of order and replays: the latest balance of each (venue, account, asset) next
     * to the signed open amounts of the latest non-SETTLED instruction versions (RECEIVE +, PAY -), also for a key
     * with no balance row; and the same open amounts per custodian.
     */
    @Test
    void venueAndCustodianExposureWithUnsettledAmounts() throws Exception {
        long t = SampleRecords.T0.toEpochMilli();
        VenueBalanceRow a1 = balance("UNS-A", "UNS-ACC-1", "BTC", 1, "1.5", t + 1);
        VenueBalanceRow a2 = balance("UNS-A", "UNS-ACC-1", "BTC", 2, "2.25", t + 2);
        VenueBalanceRow au = balance("UNS-A", "UNS-ACC-1", "USDT", 1, "-50000.500000000000000001", t + 3);
        VenueBalanceRow b3 = balance("UNS-B", "UNS-ACC-1", "BTC", 3, "0.1", t + 6);
        VenueBalanceRow b2 = balance("UNS-B", "UNS-ACC-1", "BTC", 2, "0.3", t + 5);
        insert(VIEWS_DB, new VenueBalanceRowMapper(), List.of(a2, a1, au, b3));
        insert(VIEWS_DB, new VenueBalanceRowMapper(), List.of(b2, a1, a2)); // late older version and a replay

        List<SettlementStatusEntry> first = List.of(
                // i1: RECEIVE 0.75, pending on chain at COPPER
                status("UNS-I1", 1, "UNS-A", "UNS-ACC-1", "BTC", "", "RECEIVE", "INSTRUCTED", "0.75", "0", "0"),
                status("UNS-I1", 2, "UNS-A", "UNS-ACC-1", "BTC", "COPPER", "RECEIVE", "PENDING", "0.75", "0", "0.75"),
                // i2: PAY 0.2, nothing matched yet (written twice)
                status("UNS-I2", 1, "UNS-A", "UNS-ACC-1", "BTC", "", "PAY", "INSTRUCTED", "0.2", "0", "0"),
                // i3: PAY 1000 USDT, SETTLED: not open
                status("UNS-I3", 1, "UNS-A", "UNS-ACC-1", "USDT", "", "PAY", "INSTRUCTED", "1000", "0", "0"),
                status("UNS-I3", 3, "UNS-A", "UNS-ACC-1", "USDT", "ANCHORAGE", "PAY", "SETTLED", "1000", "1000", "0"),
                // i4: RECEIVE 1, 0.4 settled at FIREBLOCKS
                status("UNS-I4", 2, "UNS-B", "UNS-ACC-1", "BTC", "FIREBLOCKS", "RECEIVE", "PARTIALLY_SETTLED", "1",
                        "0.4", "0"),
                // i5: PAY 3 ETH at a venue without a balance row, its movement FAILED
                status("UNS-I5", 2, "UNS-C", "UNS-ACC-2", "ETH", "COPPER", "PAY", "FAILED", "3", "0", "0"),
                // i7: PAY 0.05, pending at COPPER
                status("UNS-I7", 1, "UNS-B", "UNS-ACC-1", "BTC", "COPPER", "PAY", "PENDING", "0.05", "0", "0.05"));
        insert(VIEWS_DB, new SettlementStatusRowMapper(), first);
        insert(VIEWS_DB, new SettlementStatusRowMapper(), List.of(
                first.get(2), // replay of i2 v1
                status("UNS-I3", 2, "UNS-A", "UNS-ACC-1", "USDT", "ANCHORAGE", "PAY", "PENDING", "1000", "0", "1000"),
                status("UNS-I4", 1, "UNS-B", "UNS-ACC-1", "BTC", "", "RECEIVE", "INSTRUCTED", "1", "0", "0"),
                status("UNS-I5", 1, "UNS-C", "UNS-ACC-2", "ETH", "", "PAY", "INSTRUCTED", "3", "0", "0"),
                // i6: RECEIVE 10 USDT settled, then its first version replayed: still SETTLED
                status("UNS-I6", 2, "UNS-A", "UNS-ACC-1", "USDT", "ANCHORAGE", "RECEIVE", "SETTLED", "10", "10", "0")));
        insert(VIEWS_DB, new SettlementStatusRowMapper(), List.of(
                status("UNS-I6", 1, "UNS-A", "UNS-ACC-1", "USDT", "", "RECEIVE", "INSTRUCTED", "10", "0", "0")));

        assertThat(CLICKHOUSE.query("SELECT venue, account, asset, balance, balance_version, balance_as_of, unsettled, "
                + "unsettled_receive, unsettled_pay, pending_amount, open_instructions, custodians "
                + "FROM views.v_venue_exposure_unsettled WHERE account LIKE 'UNS-ACC-%' ORDER BY venue, account, asset"))
                .isEqualTo(String.join("\n",
                        "UNS-A\tUNS-ACC-1\tBTC\t2.250000000000000000\t2\t" + (t + 2) + "\t0.550000000000000000\t"
                                + "0.750000000000000000\t0.200000000000000000\t0.750000000000000000\t2\t"
                                + "['COPPER','UNASSIGNED']",
                        "UNS-A\tUNS-ACC-1\tUSDT\t-50000.500000000000000001\t1\t" + (t + 3) + "\t0.000000000000000000\t"
                                + "0.000000000000000000\t0.000000000000000000\t0.000000000000000000\t0\t[]",
                        "UNS-B\tUNS-ACC-1\tBTC\t0.100000000000000000\t3\t" + (t + 6) + "\t0.550000000000000000\t"
                                + "0.600000000000000000\t0.050000000000000000\t-0.050000000000000000\t2\t"
                                + "['COPPER','FIREBLOCKS']",
                        "UNS-C\tUNS-ACC-2\tETH\t0.000000000000000000\t0\t0\t-3.000000000000000000\t"
                                + "0.000000000000000000\t3.000000000000000000\t0.000000000000000000\t1\t['COPPER']"));
        assertThat(CLICKHOUSE.query("SELECT custodian, account, asset, unsettled, unsettled_receive, unsettled_pay, "
                + "pending_amount, open_instructions, venues FROM views.v_custodian_exposure_unsettled "
                + "WHERE account LIKE 'UNS-ACC-%' ORDER BY custodian, account, asset"))
                .isEqualTo(String.join("\n",
                        "COPPER\tUNS-ACC-1\tBTC\t0.700000000000000000\t0.750000000000000000\t0.050000000000000000\t"
                                + "0.700000000000000000\t2\t['UNS-A','UNS-B']",
                        "COPPER\tUNS-ACC-2\tETH\t-3.000000000000000000\t0.000000000000000000\t3.000000000000000000\t"
                                + "0.000000000000000000\t1\t['UNS-C']",
                        "FIREBLOCKS\tUNS-ACC-1\tBTC\t0.600000000000000000\t0.600000000000000000\t"
                                + "0.000000000000000000\t0.000000000000000000\t1\t['UNS-B']",
                        "UNASSIGNED\tUNS-ACC-1\tBTC\t-0.200000000000000000\t0.000000000000000000\t"
                                + "0.200000000000000000\t0.000000000000000000\t1\t['UNS-A']"));
        assertThat(CLICKHOUSE.query("DESCRIBE TABLE views.v_venue_exposure_unsettled").lines()
                .map(line -> line.split("\t")).map(f -> f[0] + " " + f[1]).toList()).containsExactly(
                "venue String", "account String", "asset String", "balance Decimal(38, 18)", "balance_version UInt64",
                "balance_as_of UInt64", "unsettled Decimal(38, 18)", "unsettled_receive Decimal(38, 18)",
                "unsettled_pay Decimal(38, 18)", "pending_amount Decimal(38, 18)", "open_instructions UInt64",
                "custodians Array(String)");
    }

    /**
     * v_venue_exposure_unsettled over thousands of balance versions and instruction versions (out of order, some
     * replayed, unmerged and merged): equals a recomputation here from the latest version of every key.
     */
    @Test
    void venueExposureWithUnsettledOverThousandsOfRows() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String[] venues = {"UNSX-A", "UNSX-B", "UNSX-C"};
        String[] accounts = {"UNSX-ACC-1", "UNSX-ACC-2", "UNSX-ACC-3"};
        String[] assets = {"BTC", "ETH", "USDT", "SOL"};
        String[] custodians = {"", "COPPER", "FIREBLOCKS", "ANCHORAGE"};
        String[] statuses = {"INSTRUCTED", "PENDING", "PARTIALLY_SETTLED", "SETTLED", "FAILED", "REVERSED"};
        java.util.Map<String, VenueBalanceRow> latestBalance = new java.util.HashMap<>();
        List<VenueBalanceRow> balances = new java.util.ArrayList<>();
        for (String venue : venues) {
            for (String account : accounts) {
                for (String asset : assets) {
                    if (venue.equals("UNSX-C") && asset.equals("SOL")) {
                        continue; // instructions without a balance
                    }
                    for (long v = 1; v <= 40; v++) {
                        VenueBalanceRow row = balance(venue, account, asset, v, new java.math.BigDecimal(
                                java.math.BigInteger.valueOf(random.nextLong()), 12).toPlainString(), 1000 + v);
                        balances.add(row);
                        if (random.nextInt(8) == 0) {
                            balances.add(row);
                        }
                        latestBalance.put(row.key(), row);
                    }
                }
            }
        }
        java.util.Collections.shuffle(balances, random);
        insert(VIEWS_DB, new VenueBalanceRowMapper(), balances.subList(0, balances.size() / 2));
        insert(VIEWS_DB, new VenueBalanceRowMapper(), balances.subList(balances.size() / 2, balances.size()));

        java.util.Map<String, SettlementStatusEntry> latestStatus = new java.util.HashMap<>();
        List<SettlementStatusEntry> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String venue = venues[random.nextInt(venues.length)];
            String account = accounts[random.nextInt(accounts.length)];
            String asset = assets[random.nextInt(assets.length)];
            String direction = random.nextBoolean() ? "PAY" : "RECEIVE";
            java.math.BigDecimal amount = new java.math.BigDecimal(1 + random.nextInt(1_000_000_000))
                    .movePointLeft(random.nextInt(13));
            int versions = 1 + random.nextInt(4);
            for (int v = 1; v <= versions; v++) {
                String status = v == 1 ? "INSTRUCTED" : statuses[random.nextInt(statuses.length)];
                java.math.BigDecimal settled = status.equals("SETTLED") ? amount : status.equals("PARTIALLY_SETTLED")
                        ? amount.divide(java.math.BigDecimal.valueOf(7), 18, java.math.RoundingMode.DOWN)
                        : java.math.BigDecimal.ZERO;
                java.math.BigDecimal pending = status.equals("PENDING") ? amount : java.math.BigDecimal.ZERO;
                SettlementStatusEntry e = status("UNSX-I" + i, v, venue, account, asset,
                        v == 1 ? "" : custodians[random.nextInt(custodians.length)], direction, status,
                        amount.toPlainString(), settled.toPlainString(), pending.toPlainString());
                rows.add(e);
                if (random.nextInt(10) == 0) {
                    rows.add(e);
                }
                latestStatus.put(e.getInstructionId(), e);
            }
        }
        java.util.Collections.shuffle(rows, random);
        insert(VIEWS_DB, new SettlementStatusRowMapper(), rows.subList(0, rows.size() / 3));
        insert(VIEWS_DB, new SettlementStatusRowMapper(), rows.subList(rows.size() / 3, rows.size()));

        record Expected(java.math.BigDecimal[] sums, long[] counts, java.util.TreeSet<String> custodians) {}
        java.util.Map<String, Expected> expected = new java.util.TreeMap<>();
        java.util.function.Function<String, Expected> blank = k -> new Expected(new java.math.BigDecimal[] {
                java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO}, new long[3], new java.util.TreeSet<>());
        for (VenueBalanceRow b : latestBalance.values()) {
            Expected x = expected.computeIfAbsent(b.venue() + "\t" + b.account() + "\t" + b.asset(), blank);
            x.sums()[0] = b.quantity();
            x.counts()[0] = b.version();
            x.counts()[1] = b.asOf();
        }
        for (SettlementStatusEntry e : latestStatus.values()) {
            if (e.getStatus().equals("SETTLED")) {
                continue;
            }
            Expected x = expected.computeIfAbsent(e.getVenue() + "\t" + e.getAccount() + "\t" + e.getAsset(), blank);
            boolean pay = e.getDirection().equals("PAY");
            x.sums()[1] = x.sums()[1].add(pay ? e.getUnsettledAmount().negate() : e.getUnsettledAmount());
            x.sums()[pay ? 3 : 2] = x.sums()[pay ? 3 : 2].add(e.getUnsettledAmount());
            x.sums()[4] = x.sums()[4].add(pay ? e.getPendingAmount().negate() : e.getPendingAmount());
            x.counts()[2]++;
            x.custodians().add(e.getCustodian().isEmpty() ? "UNASSIGNED" : e.getCustodian());
        }
        String want = expected.entrySet().stream().map(en -> {
            Expected x = en.getValue();
            return en.getKey() + "\t" + x.sums()[0].setScale(18).toPlainString() + "\t" + x.counts()[0] + "\t"
                    + x.counts()[1] + "\t" + java.util.Arrays.stream(x.sums(), 1, 5)
                    .map(v -> v.setScale(18).toPlainString()).collect(java.util.stream.Collectors.joining("\t"))
                    + "\t" + x.counts()[2] + "\t" + x.custodians().stream().map(c -> "'" + c + "'")
                    .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        }).collect(java.util.stream.Collectors.joining("\n"));
        String query = "SELECT venue, account, asset, balance, balance_version, balance_as_of, unsettled, "
                + "unsettled_receive, unsettled_pay, pending_amount, open_instructions, custodians "
                + "FROM views.v_venue_exposure_unsettled WHERE account LIKE 'UNSX-ACC-%' ORDER BY venue, account, asset";
        assertThat(expected).hasSize(3 * 3 * 4);
        assertThat(CLICKHOUSE.query(query)).isEqualTo(want);

        // the per-custodian rollup adds up to the same open amounts
        String totals = "SELECT toString(sum(unsettled)), toString(sum(unsettled_pay)), toString(sum(open_instructions))"
                + " FROM views.%s WHERE account LIKE 'UNSX-ACC-%%'";
        assertThat(CLICKHOUSE.query(String.format(totals, "v_custodian_exposure_unsettled")))
                .isEqualTo(CLICKHOUSE.query(String.format(totals, "v_venue_exposure_unsettled")));

        CLICKHOUSE.query("OPTIMIZE TABLE views.venue_balances FINAL");
        CLICKHOUSE.query("OPTIMIZE TABLE views.settlement_status FINAL");
        assertThat(CLICKHOUSE.query(query)).isEqualTo(want);
    }

    private static VenueBalanceRow balance(String venue, String account, String asset, long version, String quantity,
                                           long asOf) {
        return new VenueBalanceRow(venue, account, asset, version, d(quantity), null, asOf, SampleRecords.evidence());
    }

    private static SettlementStatusEntry status(String id, int version, String venue, String account, String asset,
                                                String custodian, String direction, String status, String amount,
                                                String settled, String pending) {
        SettlementStatusEntry e = SampleRecords.settlementStatus();
        e.setInstructionId(id);
        e.setVersion(version);
        e.setVenue(venue);
        e.setAccount(account);
        e.setAsset(asset);
        e.setCustodian(custodian);
        e.setDirection(direction);
        e.setStatus(status);
        e.setAmount(d(amount));
        e.setSettledAmount(d(settled));
        e.setPendingAmount(d(pending));
        e.setUnsettledAmount(status.equals("SETTLED") ? d("0") : d(amount).subtract(d(settled)));
        return e;
    }

    // ------------------------------------------------------------------------------------------------ data helpers

    private static Sourced<ExecutionReport> execution(String venue, String execId, ExecType type, Instant time) {
        ExecutionReport r = SampleRecords.execution(venue, execId).setExecType(type).setTransactTime(time).build();
        return Sourced.of(r, "posttrade.execution-reports", 0, Math.abs(execId.hashCode()), time.toEpochMilli());
    }

    private static ReconciliationBreak brk(String id, int version, BreakStatus status, Instant detected, String venue) {
        return SampleRecords.reconciliationBreak(id, version, status, detected, detected).setVenue(venue).build();
    }

    private static PositionUpdate pnl(String key, long version, Instant asOf, String realized, String unrealized) {
        return SampleRecords.position(key, version, asOf).setAccount("PNL-ACC")
                .setRealizedPnl(d(realized)).setRealizedPnlReporting(d(realized))
                .setUnrealizedPnl(unrealized == null ? null : d(unrealized))
                .setUnrealizedPnlReporting(unrealized == null ? null : d(unrealized)).build();
    }

    private static SettlementInstruction instruction(String id, int version, SettlementStatus status, String venue,
                                                     String asset, SettlementDirection direction, String amount,
                                                     Instant deadline) {
        return SampleRecords.instruction(id, version, status).setVenue(venue).setAsset(asset).setDirection(direction)
                .setAmount(d(amount)).setSettlementDeadline(deadline).build();
    }

    private static Sourced<CustodianConfirmation> movement(String custodian, String movementId, long sequence,
                                                           MovementStatus status, String amount, String reference,
                                                           Instant reported) {
        CustodianConfirmation c = SampleRecords.custodian(custodian, movementId, sequence).setStatus(status)
                .setAmount(d(amount)).setSettlementReference(reference).setReportedTime(reported).build();
        return Sourced.of(c, "posttrade.custodian-confirmations", 0, sequence, reported.toEpochMilli());
    }

    // ---------------------------------------------------------------------------------------- client-v2 inserts

    private static <T> void insertSample(MapperSample<T> sample) throws Exception {
        insert(ROWS_DB, sample.mapper(), List.of(sample.value()));
    }

    /** A plain client-v2 RowBinary insert of the mapper's rows (the sink does the same with batching and retries). */
    private static <T> void insert(String database, ClickHouseRowMapper<T> mapper, List<T> values) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowBinaryFormatWriter writer = new RowBinaryFormatWriter(out, MapperSample.schemaOf(mapper),
                ClickHouseFormat.RowBinary);
        for (T value : values) {
            mapper.write(value, writer);
            writer.commitRow();
        }
        try (InsertResponse ignored = client.insert(database + "." + mapper.table(),
                new ByteArrayInputStream(out.toByteArray()), ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS)) {
            // the summary of 18.16 has no row count: the tests read the rows back instead
        }
    }
}
