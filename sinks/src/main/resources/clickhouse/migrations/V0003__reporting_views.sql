-- Reporting views for risk analysts and auditors. Each reads only the current version of every key (FINAL, or the
-- rows whose version is the key's maximum), so a reader never counts a replayed or superseded row twice.
-- Times are epoch milliseconds; hours and days are UTC.

-- The current step of every trade's lifecycle.
CREATE VIEW IF NOT EXISTS v_trade_current_state AS
SELECT
    trade_key,
    version,
    state,
    venue,
    account,
    desk,
    symbol,
    side,
    quantity,
    price,
    event_time
FROM trade_lifecycle FINAL
WHERE (trade_key, version) IN (SELECT trade_key, max(version) FROM trade_lifecycle GROUP BY trade_key);

-- The latest report of every custodian movement (a movement is reported again as it confirms or fails).
CREATE VIEW IF NOT EXISTS v_custodian_movements_latest AS
SELECT
    custodian,
    movement_id,
    update_sequence,
    account,
    wallet,
    asset,
    amount,
    network,
    tx_hash,
    confirmations,
    status,
    settlement_reference,
    counterparty,
    block_time,
    reported_time
FROM custodian_movements FINAL
WHERE (custodian, movement_id, update_sequence) IN
    (SELECT custodian, movement_id, max(update_sequence) FROM custodian_movements GROUP BY custodian, movement_id);

-- Breaks not yet resolved (OPEN, AGED, ESCALATED) by type, venue and age (now minus detection):
-- 0-1h, 1-24h, 1-7d, >7d (the bucket names sort in age order).
CREATE VIEW IF NOT EXISTS v_open_breaks_by_age AS
SELECT
    break_type,
    venue,
    multiIf(age_ms < 3600000, '0-1h', age_ms < 86400000, '1-24h', age_ms < 604800000, '1-7d', '>7d') AS age_bucket,
    count() AS open_breaks,
    min(detected_time) AS oldest_detected_time
FROM
(
    SELECT
        break_type,
        venue,
        detected_time,
        toInt64(toUInt64(now()) * 1000) - toInt64(detected_time) AS age_ms
    FROM breaks FINAL
    WHERE status IN ('OPEN', 'AGED', 'ESCALATED')
)
GROUP BY break_type, venue, age_bucket;

-- Breaks detected per venue and UTC hour, against the fills (exec_type TRADE) executed there in that hour.
-- Each break counts once, in the hour it was first detected, whatever its later versions.
CREATE VIEW IF NOT EXISTS v_break_rate_hourly AS
SELECT
    venue,
    hour,
    sum(b) AS breaks,
    sum(f) AS fills,
    if(sum(f) = 0, NULL, sum(b) / sum(f)) AS breaks_per_fill
FROM
(
    SELECT
        venue,
        toStartOfHour(toDateTime(intDiv(detected_time, 1000), 'UTC')) AS hour,
        count() AS b,
        toUInt64(0) AS f
    FROM breaks FINAL
    GROUP BY venue, hour
    UNION ALL
    SELECT
        venue,
        toStartOfHour(toDateTime(intDiv(transact_time, 1000), 'UTC')) AS hour,
        toUInt64(0) AS b,
        count() AS f
    FROM executions FINAL
    WHERE exec_type = 'TRADE'
    GROUP BY venue, hour
)
GROUP BY venue, hour;

-- Realized and unrealized P&L of instrument positions by UTC day, account, desk and quote asset.
-- Per position and day the last version of the day counts. Realized P&L is the day's change of the position's
-- cumulative realized P&L (against its previous day with an update; the whole amount on its first day); unrealized
-- P&L is the end-of-day value of the positions updated that day (a mark price revalues every open position).
-- Account and desk are those of the position's latest version. Amounts in quote asset and in the reporting
-- currency; a NULL (no price, no conversion) is left out of the sums and counted in positions_unpriced.
-- Decimals go into arrays without Nullable (ifNull plus a null flag): groupArray of Nullable(Decimal) and of tuples
-- holding a Decimal crash ClickHouse 18.16. No alias repeats a column name (current releases' analyzer is strict).
CREATE VIEW IF NOT EXISTS v_pnl_daily AS
SELECT
    pnl_date,
    account,
    desk,
    quote_asset,
    reporting_currency,
    count() AS positions,
    sum(realized_change) AS realized_pnl,
    sum(unrealized_eod) AS unrealized_pnl,
    sum(realized_change_reporting) AS realized_pnl_reporting,
    sum(unrealized_eod_reporting) AS unrealized_pnl_reporting,
    countIf(isNull(realized_change_reporting) OR isNull(unrealized_eod_reporting)) AS positions_unpriced
FROM
(
    SELECT
        pnl_date,
        position_account AS account,
        position_desk AS desk,
        position_quote_asset AS quote_asset,
        position_reporting_currency AS reporting_currency,
        realized_change,
        if(u_null = 1, NULL, u_eod) AS unrealized_eod,
        if(rr_null = 1, NULL, rr_change) AS realized_change_reporting,
        if(ur_null = 1, NULL, ur_eod) AS unrealized_eod_reporting
    FROM
    (
        SELECT
            argMax(account, version) AS position_account,
            argMax(ifNull(desk, ''), version) AS position_desk,
            argMax(quote_asset, version) AS position_quote_asset,
            argMax(reporting_currency, version) AS position_reporting_currency,
            arraySort(groupArray(event_date)) AS days,
            arraySort((x, d) -> d, groupArray(realized_pnl), groupArray(event_date)) AS r,
            arraySort((x, d) -> d, groupArray(ifNull(unrealized_pnl, toDecimal128(0, 18))), groupArray(event_date)) AS u,
            arraySort((x, d) -> d, groupArray(isNull(unrealized_pnl)), groupArray(event_date)) AS un,
            arraySort((x, d) -> d, groupArray(ifNull(realized_pnl_reporting, toDecimal128(0, 18))), groupArray(event_date)) AS rr,
            arraySort((x, d) -> d, groupArray(isNull(realized_pnl_reporting)), groupArray(event_date)) AS rrn,
            arraySort((x, d) -> d, groupArray(ifNull(unrealized_pnl_reporting, toDecimal128(0, 18))), groupArray(event_date)) AS ur,
            arraySort((x, d) -> d, groupArray(isNull(unrealized_pnl_reporting)), groupArray(event_date)) AS urn
        FROM positions_history FINAL
        WHERE position_type = 'INSTRUMENT'
          AND (position_key, version) IN
              (SELECT position_key, max(version) FROM positions_history GROUP BY position_key, event_date)
        GROUP BY position_key
    )
    ARRAY JOIN
        days AS pnl_date,
        arrayMap(i -> if(i = 1, r[i], r[i] - r[i - 1]), arrayEnumerate(r)) AS realized_change,
        u AS u_eod,
        un AS u_null,
        arrayMap(i -> if(i = 1, rr[i], rr[i] - rr[i - 1]), arrayEnumerate(rr)) AS rr_change,
        arrayMap(i -> if(i = 1, rrn[i], rrn[i] OR rrn[i - 1]), arrayEnumerate(rrn)) AS rr_null,
        ur AS ur_eod,
        urn AS ur_null
)
GROUP BY pnl_date, account, desk, quote_asset, reporting_currency;

-- Settlement obligations not yet settled (every current status but SETTLED) by venue, custodian, asset and
-- direction. The custodian is the one whose movements echo the instruction id as settlement reference
-- ('UNASSIGNED' while none does); settled_amount sums the CONFIRMED movements so far (partial settlement).
CREATE VIEW IF NOT EXISTS v_unsettled_obligations AS
SELECT
    venue,
    if(movement_custodian = '', 'UNASSIGNED', movement_custodian) AS custodian,
    asset,
    direction,
    count() AS instructions,
    sum(amount) AS amount_due,
    sum(confirmed_amount) AS settled_amount,
    sum(amount) - sum(confirmed_amount) AS outstanding_amount,
    countIf(settlement_deadline < toUInt64(now()) * 1000) AS past_deadline,
    min(settlement_deadline) AS earliest_deadline
FROM
(
    SELECT instruction_id, venue, asset, direction, amount, settlement_deadline
    FROM settlement_instructions FINAL
    WHERE status != 'SETTLED'
)
ANY LEFT JOIN
(
    SELECT
        assumeNotNull(settlement_reference) AS instruction_id,
        min(custodian) AS movement_custodian,
        sumIf(abs(amount), status = 'CONFIRMED') AS confirmed_amount
    FROM v_custodian_movements_latest
    WHERE isNotNull(settlement_reference)
    GROUP BY instruction_id
) USING instruction_id
GROUP BY venue, custodian, asset, direction;

-- How long settled instructions took: settled_time (latest report of the last CONFIRMED movement that echoes the
-- instruction id) minus the cycle cut-off at which the instruction was issued, in milliseconds, by venue,
-- custodian and asset.
CREATE VIEW IF NOT EXISTS v_settlement_latency AS
SELECT
    venue,
    custodian,
    asset,
    count() AS settled_instructions,
    quantiles(0.5, 0.9, 0.99)(latency_ms) AS latency_quantiles_ms,
    latency_quantiles_ms[1] AS latency_p50_ms,
    latency_quantiles_ms[2] AS latency_p90_ms,
    latency_quantiles_ms[3] AS latency_p99_ms,
    max(latency_ms) AS latency_max_ms
FROM
(
    SELECT
        venue,
        movement_custodian AS custodian,
        asset,
        toInt64(settled_time) - toInt64(cutoff_time) AS latency_ms
    FROM
    (
        SELECT instruction_id, venue, asset, cutoff_time
        FROM settlement_instructions FINAL
        WHERE status = 'SETTLED'
    )
    ANY INNER JOIN
    (
        SELECT
            assumeNotNull(settlement_reference) AS instruction_id,
            min(custodian) AS movement_custodian,
            max(reported_time) AS settled_time
        FROM v_custodian_movements_latest
        WHERE isNotNull(settlement_reference) AND status = 'CONFIRMED'
        GROUP BY instruction_id
    ) USING instruction_id
)
GROUP BY venue, custodian, asset;
