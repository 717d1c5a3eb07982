-- v_pnl_daily again, without a Decimal inside any aggregate state: ClickHouse 18.16 crashes
-- (ColumnDecimal::deserializeAndInsertFromArena) when groupArray or argMax keep Decimals in their arena, which
-- V0003's view did once positions_history held a few thousand versions (reproduced: 66 K versions of 3,300
-- positions without reporting-currency amounts, loaded as TSV; V0003's view kills the server, this one answers). The day-end amounts travel as their exact
-- decimal text and are parsed back after ARRAY JOIN; only sum() (a plain numeric state) aggregates decimals.
-- Same columns and meaning as V0003's view: per position and UTC day the last version of the day counts; realized
-- P&L is the day's change of the cumulative realized P&L, unrealized the end-of-day value; NULL (no price, no
-- conversion) is left out of the sums and counted in positions_unpriced.
DROP TABLE IF EXISTS v_pnl_daily;

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
        if(u_text = '', NULL, CAST(if(u_text = '', '0', u_text) AS Decimal(38, 18))) AS unrealized_eod,
        if(rr_null = 1, NULL, rr_change) AS realized_change_reporting,
        if(ur_text = '', NULL, CAST(if(ur_text = '', '0', ur_text) AS Decimal(38, 18))) AS unrealized_eod_reporting
    FROM
    (
        SELECT
            position_account,
            position_desk,
            position_quote_asset,
            position_reporting_currency,
            days,
            arrayMap(t -> CAST(t AS Decimal(38, 18)), r_text) AS r,
            arrayMap(t -> CAST(if(t = '', '0', t) AS Decimal(38, 18)), rr_text) AS rr,
            arrayMap(t -> t = '', rr_text) AS rrn,
            u_texts,
            ur_texts
        FROM
        (
            SELECT
                argMax(account, version) AS position_account,
                argMax(ifNull(desk, ''), version) AS position_desk,
                argMax(quote_asset, version) AS position_quote_asset,
                argMax(reporting_currency, version) AS position_reporting_currency,
                arraySort(groupArray(event_date)) AS days,
                arraySort((x, d) -> d, groupArray(toString(realized_pnl)), groupArray(event_date)) AS r_text,
                arraySort((x, d) -> d, groupArray(ifNull(toString(unrealized_pnl), '')), groupArray(event_date)) AS u_texts,
                arraySort((x, d) -> d, groupArray(ifNull(toString(realized_pnl_reporting), '')), groupArray(event_date)) AS rr_text,
                arraySort((x, d) -> d, groupArray(ifNull(toString(unrealized_pnl_reporting), '')), groupArray(event_date)) AS ur_texts
            FROM positions_history FINAL
            WHERE position_type = 'INSTRUMENT'
              AND (position_key, version) IN
                  (SELECT position_key, max(version) FROM positions_history GROUP BY position_key, event_date)
            GROUP BY position_key
        )
    )
    ARRAY JOIN
        days AS pnl_date,
        arrayMap(i -> if(i = 1, r[i], r[i] - r[i - 1]), arrayEnumerate(r)) AS realized_change,
        u_texts AS u_text,
        arrayMap(i -> if(i = 1, rr[i], rr[i] - rr[i - 1]), arrayEnumerate(rr)) AS rr_change,
        arrayMap(i -> if(i = 1, rrn[i], rrn[i] OR rrn[i - 1]), arrayEnumerate(rrn)) AS rr_null,
        ur_texts AS ur_text
)
GROUP BY pnl_date, account, desk, quote_asset, reporting_currency;
