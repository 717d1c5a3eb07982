-- Exposure per venue: the balance of each account in each asset at each venue, from its fills (base and quote legs,
-- fees included), as the positions job computes it (operators/POSITIONS.md, "Exposure"). Every version is kept, key
-- (venue, account, asset, version): an exact replay collapses, the history of a balance stays. version counts the
-- updates of one (venue, account, asset); as_of is the latest event time (epoch milliseconds) in the balance and
-- event_date its UTC date (the same for every copy of one version, so a replay collapses within its partition).
-- unsettled is the hook for the settlement feed: NULL while no settlement figure has been joined to the balance.
CREATE TABLE IF NOT EXISTS venue_balances
(
    venue String,
    account String,
    asset String,
    version UInt64,
    quantity Decimal(38, 18),
    unsettled Nullable(Decimal(38, 18)),
    as_of UInt64,
    event_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (venue, account, asset, version);

-- The current balance per venue, account and asset: the values of the highest version of each key, merged or not.
-- Decimals are carried through argMax as text and cast back: argMax/any over a Decimal column in a GROUP BY crash
-- ClickHouse 18.16 (ColumnDecimal::deserializeAndInsertFromArena) on a few thousand rows. A NULL unsettled travels
-- as '' (argMax skips NULL arguments, which would surface an older version's figure) and the text is cast only where
-- it is not '' (18.16 casts the value under a NULL too).
CREATE VIEW IF NOT EXISTS v_venue_exposure AS
SELECT
    venue,
    account,
    asset,
    latest_version AS version,
    CAST(quantity_text AS Decimal(38, 18)) AS quantity,
    if(unsettled_text = '', NULL, CAST(if(unsettled_text = '', '0', unsettled_text) AS Decimal(38, 18))) AS unsettled,
    latest_as_of AS as_of
FROM
(
    SELECT
        venue,
        account,
        asset,
        max(version) AS latest_version,
        argMax(toString(quantity), version) AS quantity_text,
        argMax(ifNull(toString(unsettled), ''), version) AS unsettled_text,
        argMax(as_of, version) AS latest_as_of
    FROM venue_balances
    GROUP BY venue, account, asset
);
