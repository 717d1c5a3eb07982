-- Settlement status per instruction version, and the open settlement exposure.
--
-- settlement_status: one row per instruction version (the settlement job writes each version once; a replay writes
-- the same row again, which the key instruction_id + version collapses). The amounts are those at that version:
-- settled_amount sums the final movements (CONFIRMED with the network's finality; duplicates counted once),
-- pending_amount the live ones not final yet, unsettled_amount what is still owed (0 once SETTLED, else amount -
-- settled_amount, never negative). custodian is '' until a movement is matched. movement_ids, tx_hashes,
-- confirmations and movement_statuses are parallel arrays, one element per matched movement, first reported first.
-- Times are epoch milliseconds, event time: event_time is the change that produced the version, settled_time when
-- it became SETTLED (NULL otherwise).
CREATE TABLE IF NOT EXISTS settlement_status
(
    instruction_id String,
    version UInt64,
    venue String,
    account String,
    asset String,
    custodian String,
    direction String,
    status String,
    amount Decimal(38, 18),
    settled_amount Decimal(38, 18),
    pending_amount Decimal(38, 18),
    unsettled_amount Decimal(38, 18),
    network_fees Decimal(38, 18),
    movement_ids Array(String),
    tx_hashes Array(String),
    confirmations Array(Int32),
    movement_statuses Array(String),
    cycle_id String,
    cycle_start UInt64,
    cutoff_time UInt64,
    settlement_deadline UInt64,
    event_time UInt64,
    settled_time Nullable(UInt64),
    cycle_date Date
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(cycle_date)
ORDER BY (instruction_id, version);

-- Open settlement exposure by venue, custodian and asset: the latest version of every instruction that is not
-- SETTLED, its unsettled amount summed (in total and by direction: PAY = the firm owes the venue, RECEIVE = the
-- venue owes the firm), with the amounts pending on chain and how many are past their deadline. The custodian is
-- 'UNASSIGNED' while no movement is matched. The latest version is chosen by (instruction_id, version) IN a
-- subquery over non-decimal columns only: clickhouse-server 18.16 crashes on argMax/any over Decimal columns in a
-- GROUP BY; sums of Decimal columns are safe.
CREATE VIEW IF NOT EXISTS v_settlement_exposure AS
SELECT
    venue,
    custodian_name AS custodian,
    asset,
    count() AS open_instructions,
    sum(open_amount) AS unsettled_amount,
    sumIf(open_amount, direction = 'PAY') AS unsettled_pay,
    sumIf(open_amount, direction = 'RECEIVE') AS unsettled_receive,
    sum(on_chain_amount) AS pending_amount,
    countIf(deadline < toUInt64(now()) * 1000) AS past_deadline,
    min(deadline) AS earliest_deadline
FROM
(
    SELECT
        venue,
        if(custodian = '', 'UNASSIGNED', custodian) AS custodian_name,
        asset,
        direction,
        unsettled_amount AS open_amount,
        pending_amount AS on_chain_amount,
        settlement_deadline AS deadline
    FROM settlement_status FINAL
    WHERE (instruction_id, version) IN
        (SELECT instruction_id, max(version) FROM settlement_status GROUP BY instruction_id)
      AND status != 'SETTLED'
)
GROUP BY venue, custodian_name, asset;
