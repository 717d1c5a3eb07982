-- Results of the pipeline. version = the record's own version (it increases with every transition of its key), so
-- ReplacingMergeTree(version) keeps the current state in the "latest" tables (breaks, positions,
-- settlement_instructions) and collapses exact replays in the history tables, whose key includes the version.
-- A table's partition key is a date that never changes across the versions of one key (merges only collapse rows
-- inside a partition). evidence_* are parallel arrays, one element per source event (EvidenceRef): type, eventId,
-- Kafka topic, partition and offset; '' and -1 where the event was derived inside the job.

CREATE TABLE IF NOT EXISTS trade_lifecycle
(
    lifecycle_id String,
    trade_key String,
    version UInt64,
    state String,
    venue String,
    account String,
    desk Nullable(String),
    symbol String,
    base_asset String,
    quote_asset String,
    side Nullable(String),
    quantity Nullable(Decimal(38, 18)),
    price Nullable(Decimal(38, 18)),
    event_time UInt64,
    processed_time UInt64,
    event_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (trade_key, version);

CREATE TABLE IF NOT EXISTS breaks_history
(
    break_id String,
    version UInt64,
    break_type String,
    severity String,
    status String,
    match_key String,
    venue String,
    account Nullable(String),
    instrument Nullable(String),
    asset Nullable(String),
    field Nullable(String),
    expected_value Nullable(String),
    actual_value Nullable(String),
    difference Nullable(Decimal(38, 18)),
    description String,
    event_time UInt64,
    detected_time UInt64,
    resolved_time Nullable(UInt64),
    detected_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_date)
ORDER BY (break_id, version);

CREATE TABLE IF NOT EXISTS breaks
(
    break_id String,
    version UInt64,
    break_type String,
    severity String,
    status String,
    match_key String,
    venue String,
    account Nullable(String),
    instrument Nullable(String),
    asset Nullable(String),
    field Nullable(String),
    expected_value Nullable(String),
    actual_value Nullable(String),
    difference Nullable(Decimal(38, 18)),
    description String,
    event_time UInt64,
    detected_time UInt64,
    resolved_time Nullable(UInt64),
    detected_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_date)
ORDER BY break_id;

CREATE TABLE IF NOT EXISTS positions_history
(
    position_key String,
    version UInt64,
    position_type String,
    account String,
    desk Nullable(String),
    instrument Nullable(String),
    asset String,
    quote_asset String,
    quantity Decimal(38, 18),
    cost_basis Decimal(38, 18),
    average_cost Decimal(38, 18),
    realized_pnl Decimal(38, 18),
    fees Decimal(38, 18),
    mark_price Nullable(Decimal(38, 18)),
    unrealized_pnl Nullable(Decimal(38, 18)),
    reporting_currency String,
    realized_pnl_reporting Nullable(Decimal(38, 18)),
    unrealized_pnl_reporting Nullable(Decimal(38, 18)),
    cost_method String,
    price_status String,
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
ORDER BY (position_key, version);

-- The current position per key: small (one row per account and instrument or asset) and updated at every version,
-- so it is not partitioned (a date of its versions would split one key across partitions).
CREATE TABLE IF NOT EXISTS positions
(
    position_key String,
    version UInt64,
    position_type String,
    account String,
    desk Nullable(String),
    instrument Nullable(String),
    asset String,
    quote_asset String,
    quantity Decimal(38, 18),
    cost_basis Decimal(38, 18),
    average_cost Decimal(38, 18),
    realized_pnl Decimal(38, 18),
    fees Decimal(38, 18),
    mark_price Nullable(Decimal(38, 18)),
    unrealized_pnl Nullable(Decimal(38, 18)),
    reporting_currency String,
    realized_pnl_reporting Nullable(Decimal(38, 18)),
    unrealized_pnl_reporting Nullable(Decimal(38, 18)),
    cost_method String,
    price_status String,
    as_of UInt64,
    event_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY position_key;

CREATE TABLE IF NOT EXISTS settlement_instructions
(
    instruction_id String,
    version UInt64,
    venue String,
    account String,
    asset String,
    direction String,
    amount Decimal(38, 18),
    counterparty String,
    cycle_id String,
    cycle_start UInt64,
    cutoff_time UInt64,
    settlement_deadline UInt64,
    status String,
    netted_trade_ids Array(String),
    cycle_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(cycle_date)
ORDER BY instruction_id;

-- Alerts have no version of their own: alertId is a hash of type, key and window, and detected_time is the event
-- time at which the pattern completed, so a replay writes the same row and it serves as the version.
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id String,
    alert_type String,
    severity String,
    alert_key String,
    venue Nullable(String),
    instrument Nullable(String),
    description String,
    window_start UInt64,
    window_end UInt64,
    break_ids Array(String),
    detected_time UInt64,
    event_date Date,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY alert_id;

-- Records the pipeline could not process. detected_time is processing time, so a replay dead-letters the same
-- record (same deterministic dead_letter_id) later: the latest detection wins, and the table is not partitioned
-- by it so that both detections can collapse. Raw Kafka key (record_key) and value (payload) are kept as text: *_encoding says
-- 'utf8' (the bytes were valid UTF-8 text, e.g. a rejected row as JSON) or 'base64' (anything else).
CREATE TABLE IF NOT EXISTS dead_letters
(
    dead_letter_id String,
    stage String,
    reason String,
    error_class Nullable(String),
    record_type Nullable(String),
    source_topic Nullable(String),
    source_partition Nullable(Int32),
    source_offset Nullable(Int64),
    source_timestamp Nullable(UInt64),
    schema_id Nullable(Int32),
    record_key Nullable(String),
    record_key_encoding String,
    payload Nullable(String),
    payload_encoding String,
    sink Nullable(String),
    detected_time UInt64,
    event_date Date,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY dead_letter_id;

-- Every state transition of any entity (break, settlement instruction, trade), with the evidence that caused it.
CREATE TABLE IF NOT EXISTS audit_log
(
    entity_type String,
    entity_id String,
    version UInt64,
    from_state Nullable(String),
    to_state String,
    event_time UInt64,
    event_date Date,
    description String,
    evidence_event_types Array(String),
    evidence_event_ids Array(String),
    evidence_topics Array(String),
    evidence_partitions Array(Int32),
    evidence_offsets Array(Int64)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (entity_type, entity_id, version);
