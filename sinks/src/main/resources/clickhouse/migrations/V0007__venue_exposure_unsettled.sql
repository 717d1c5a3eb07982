-- Exposure per venue and custodian with the unsettled amounts of settlement (issue 5 item 4): the balance held at
-- each venue next to what the open settlement instructions still move in or out of it, and the same open amounts
-- rolled up per custodian.
--
-- Signs: an instruction's amount is the absolute net of its cycle; direction RECEIVE = the venue owes the firm (the
-- firm receives, positive), PAY = the firm owes the venue (negative), as in operators/SETTLEMENT.md. "Open" = the
-- latest version of an instruction whose status is not SETTLED (INSTRUCTED, PENDING, PARTIALLY_SETTLED, FAILED,
-- REVERSED); its open amount is unsettled_amount of that version (amount - settled, 0 once SETTLED).
--
-- Latest versions are chosen with (key, version) IN (SELECT key, max(version) ...) over non-decimal columns, and
-- decimals are only summed: clickhouse-server 18.16 crashes on argMax/any/groupArray over Decimal columns in a
-- GROUP BY (ColumnDecimal::deserializeAndInsertFromArena). FINAL collapses rows written twice by a replay.

-- For every (venue, account, asset) with a balance in venue_balances or an open settlement instruction:
--   balance            quantity of the latest balance version (0 when the key has no balance row)
--   balance_version    that version (0 = no balance recorded for the key), balance_as_of its as_of (epoch ms)
--   unsettled          signed sum of the open amounts: RECEIVE positive, PAY negative
--   unsettled_receive  open amounts the firm is to receive (>= 0); unsettled_pay: open amounts it is to pay (>= 0)
--   pending_amount     signed sum of the amounts reported on chain but not final yet
--   open_instructions  number of open instructions; custodians: their custodians, sorted ('UNASSIGNED' while none
--                      is matched)
CREATE VIEW IF NOT EXISTS v_venue_exposure_unsettled AS
SELECT
    venue,
    account,
    asset,
    sum(balance_part) AS balance,
    max(balance_version_part) AS balance_version,
    max(as_of_part) AS balance_as_of,
    sum(signed_open) AS unsettled,
    sum(receive_open) AS unsettled_receive,
    sum(pay_open) AS unsettled_pay,
    sum(signed_pending) AS pending_amount,
    sum(open_part) AS open_instructions,
    arraySort(groupUniqArrayIf(custodian_part, custodian_part != '')) AS custodians
FROM
(
    SELECT
        venue,
        account,
        asset,
        quantity AS balance_part,
        version AS balance_version_part,
        as_of AS as_of_part,
        toDecimal128(0, 18) AS signed_open,
        toDecimal128(0, 18) AS receive_open,
        toDecimal128(0, 18) AS pay_open,
        toDecimal128(0, 18) AS signed_pending,
        toUInt64(0) AS open_part,
        '' AS custodian_part
    FROM venue_balances FINAL
    WHERE (venue, account, asset, version) IN
        (SELECT venue, account, asset, max(version) FROM venue_balances GROUP BY venue, account, asset)
    UNION ALL
    SELECT
        venue,
        account,
        asset,
        toDecimal128(0, 18) AS balance_part,
        toUInt64(0) AS balance_version_part,
        toUInt64(0) AS as_of_part,
        if(direction = 'PAY', -unsettled_amount, unsettled_amount) AS signed_open,
        if(direction = 'PAY', toDecimal128(0, 18), unsettled_amount) AS receive_open,
        if(direction = 'PAY', unsettled_amount, toDecimal128(0, 18)) AS pay_open,
        if(direction = 'PAY', -pending_amount, pending_amount) AS signed_pending,
        toUInt64(1) AS open_part,
        if(custodian = '', 'UNASSIGNED', custodian) AS custodian_part
    FROM settlement_status FINAL
    WHERE (instruction_id, version) IN
        (SELECT instruction_id, max(version) FROM settlement_status GROUP BY instruction_id)
      AND status != 'SETTLED'
)
GROUP BY venue, account, asset;

-- The open settlement amounts per custodian, account and asset (same signs and columns as above), with the venues
-- they settle with, sorted. Balances are held at venues, not custodians, so there is no balance column here.
CREATE VIEW IF NOT EXISTS v_custodian_exposure_unsettled AS
SELECT
    custodian_name AS custodian,
    account,
    asset,
    sum(signed_open) AS unsettled,
    sum(receive_open) AS unsettled_receive,
    sum(pay_open) AS unsettled_pay,
    sum(signed_pending) AS pending_amount,
    count() AS open_instructions,
    arraySort(groupUniqArray(venue)) AS venues
FROM
(
    SELECT
        if(custodian = '', 'UNASSIGNED', custodian) AS custodian_name,
        account,
        asset,
        venue,
        if(direction = 'PAY', -unsettled_amount, unsettled_amount) AS signed_open,
        if(direction = 'PAY', toDecimal128(0, 18), unsettled_amount) AS receive_open,
        if(direction = 'PAY', unsettled_amount, toDecimal128(0, 18)) AS pay_open,
        if(direction = 'PAY', -pending_amount, pending_amount) AS signed_pending
    FROM settlement_status FINAL
    WHERE (instruction_id, version) IN
        (SELECT instruction_id, max(version) FROM settlement_status GROUP BY instruction_id)
      AND status != 'SETTLED'
)
GROUP BY custodian_name, account, asset;
