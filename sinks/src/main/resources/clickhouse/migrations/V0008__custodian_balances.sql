-- What each account holds at each custodian, per asset, from the custodians' own reports: the latest report of every
-- movement, a producer's redelivery counted once (LIMIT 1 BY movement). balance = final (CONFIRMED) movements, signed
-- (in +, out -), minus the network fees of final outgoing movements in their fee asset; pending = movements reported
-- but not final yet (PENDING), signed. FAILED and REVERSED movements count for nothing. Exposure per custodian next to
-- v_venue_exposure (per venue); what settlement still has to move is v_custodian_exposure_unsettled.
-- Decimals are only summed (18.16 crashes on Decimals inside argMax/any/groupArray states).
CREATE VIEW IF NOT EXISTS v_custodian_balances AS
SELECT
    movement_custodian AS custodian,
    movement_account AS account,
    balance_asset AS asset,
    sum(final_amount) AS balance,
    sum(pending_amount) AS pending,
    sum(fee_amount) AS network_fees,
    sum(final_count) AS final_movements,
    sum(pending_count) AS pending_movements,
    max(last_reported) AS as_of
FROM
(
    SELECT
        custodian AS movement_custodian,
        account AS movement_account,
        asset AS balance_asset,
        if(status = 'CONFIRMED', amount, toDecimal128(0, 18)) AS final_amount,
        if(status = 'PENDING', amount, toDecimal128(0, 18)) AS pending_amount,
        toDecimal128(0, 18) AS fee_amount,
        toUInt64(status = 'CONFIRMED') AS final_count,
        toUInt64(status = 'PENDING') AS pending_count,
        reported_time AS last_reported
    FROM
    (
        SELECT custodian, account, asset, amount, status, reported_time
        FROM custodian_movements FINAL
        WHERE (custodian, movement_id, update_sequence) IN
            (SELECT custodian, movement_id, max(update_sequence) FROM custodian_movements GROUP BY custodian, movement_id)
        LIMIT 1 BY custodian, movement_id
    )
    UNION ALL
    SELECT
        custodian AS movement_custodian,
        account AS movement_account,
        assumeNotNull(network_fee_asset) AS balance_asset,
        -assumeNotNull(network_fee) AS final_amount,
        toDecimal128(0, 18) AS pending_amount,
        assumeNotNull(network_fee) AS fee_amount,
        toUInt64(0) AS final_count,
        toUInt64(0) AS pending_count,
        reported_time AS last_reported
    FROM
    (
        SELECT custodian, account, amount, status, network_fee, network_fee_asset, reported_time
        FROM custodian_movements FINAL
        WHERE (custodian, movement_id, update_sequence) IN
            (SELECT custodian, movement_id, max(update_sequence) FROM custodian_movements GROUP BY custodian, movement_id)
        LIMIT 1 BY custodian, movement_id
    )
    WHERE status = 'CONFIRMED' AND amount < 0 AND isNotNull(network_fee) AND isNotNull(network_fee_asset)
)
GROUP BY movement_custodian, movement_account, balance_asset;
