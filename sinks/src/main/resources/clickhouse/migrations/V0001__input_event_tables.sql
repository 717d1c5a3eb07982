-- Input events as consumed from Kafka: one row per consumed Kafka record. The key is the event's business id
-- followed by its Kafka coordinates (source_topic, source_partition, source_offset): a replay of the same record
-- after a restore collapses onto its row (ReplacingMergeTree), while two records with the same business id (an exact
-- or a conflicting duplicate sent by the producer) both stay visible as evidence; the reconciliation decides what
-- they mean. version = the producer's meta.producedAt (epoch ms). Read with FINAL. Event times are UInt64 epoch
-- milliseconds (DateTime has no milliseconds on 18.16); event_date is the UTC date of the event time, set by the row
-- mapper, and partitions the table.
-- Enumerations are String columns so that a new enum symbol in the Avro contract needs no migration.

CREATE TABLE IF NOT EXISTS executions
(
    event_id String,
    venue String,
    exec_id String,
    order_id String,
    cl_ord_id String,
    account String,
    symbol String,
    base_asset String,
    quote_asset String,
    side String,
    exec_type String,
    ord_status String,
    exec_ref_id Nullable(String),
    last_qty Decimal(38, 18),
    last_px Decimal(38, 18),
    notional Decimal(38, 18),
    cum_qty Decimal(38, 18),
    leaves_qty Decimal(38, 18),
    commission Nullable(Decimal(38, 18)),
    commission_asset Nullable(String),
    liquidity String,
    transact_time UInt64,
    trade_date Date,
    settl_date Nullable(Date),
    event_date Date,
    source_system String,
    produced_at UInt64,
    correlation_id Nullable(String),
    source_topic String,
    source_partition Int32,
    source_offset Int64,
    kafka_timestamp UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (venue, exec_id, source_topic, source_partition, source_offset);

CREATE TABLE IF NOT EXISTS internal_trades
(
    event_id String,
    trade_id String,
    booking_version Int32,
    booking_status String,
    cl_ord_id String,
    account String,
    desk String,
    strategy String,
    symbol String,
    base_asset String,
    quote_asset String,
    side String,
    ordered_qty Decimal(38, 18),
    price_type String,
    limit_price Nullable(Decimal(38, 18)),
    average_price Nullable(Decimal(38, 18)),
    intended_venue String,
    booked_time UInt64,
    fill_deadline Nullable(UInt64),
    event_date Date,
    source_system String,
    produced_at UInt64,
    correlation_id Nullable(String),
    source_topic String,
    source_partition Int32,
    source_offset Int64,
    kafka_timestamp UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (trade_id, booking_version, source_topic, source_partition, source_offset);

CREATE TABLE IF NOT EXISTS venue_confirmations
(
    event_id String,
    confirm_id String,
    venue String,
    exec_id String,
    account String,
    symbol String,
    base_asset String,
    quote_asset String,
    side String,
    quantity Decimal(38, 18),
    price Decimal(38, 18),
    fee Decimal(38, 18),
    fee_asset String,
    status String,
    reject_reason Nullable(String),
    trade_time UInt64,
    confirm_time UInt64,
    event_date Date,
    source_system String,
    produced_at UInt64,
    correlation_id Nullable(String),
    source_topic String,
    source_partition Int32,
    source_offset Int64,
    kafka_timestamp UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (venue, confirm_id, source_topic, source_partition, source_offset);

CREATE TABLE IF NOT EXISTS custodian_movements
(
    event_id String,
    movement_id String,
    update_sequence Int64,
    custodian String,
    account String,
    wallet String,
    asset String,
    amount Decimal(38, 18),
    network String,
    tx_hash Nullable(String),
    confirmations Int32,
    status String,
    network_fee Nullable(Decimal(38, 18)),
    network_fee_asset Nullable(String),
    settlement_reference Nullable(String),
    counterparty Nullable(String),
    block_time Nullable(UInt64),
    reported_time UInt64,
    event_date Date,
    source_system String,
    produced_at UInt64,
    correlation_id Nullable(String),
    source_topic String,
    source_partition Int32,
    source_offset Int64,
    kafka_timestamp UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (custodian, movement_id, update_sequence, source_topic, source_partition, source_offset);

CREATE TABLE IF NOT EXISTS mark_prices
(
    event_id String,
    symbol String,
    base_asset String,
    quote_asset String,
    price Decimal(38, 18),
    price_source String,
    price_time UInt64,
    event_date Date,
    source_system String,
    produced_at UInt64,
    correlation_id Nullable(String),
    source_topic String,
    source_partition Int32,
    source_offset Int64,
    kafka_timestamp UInt64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (symbol, price_time, price_source, source_topic, source_partition, source_offset);
