-- Timestamps are epoch milliseconds (INTEGER) so that both dialects share the same SQL and no
-- driver converts time zones behind our back.

CREATE TABLE monitors (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    component_id TEXT,
    settings     TEXT    NOT NULL,  -- type-specific settings as one JSON document
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    removed_at   INTEGER            -- set when the monitor left the configuration; never deleted
);

CREATE TABLE check_results (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    monitor_id    TEXT    NOT NULL,
    node          TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    outcome       TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    dns_us        INTEGER NOT NULL,
    connect_us    INTEGER NOT NULL,
    tls_us        INTEGER NOT NULL,
    first_byte_us INTEGER NOT NULL,
    total_us      INTEGER NOT NULL,
    conditions    TEXT    NOT NULL   -- JSON array of condition results
);
CREATE INDEX check_results_monitor_started ON check_results (monitor_id, started_at);
CREATE INDEX check_results_started ON check_results (started_at);  -- for retention

CREATE TABLE state_events (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    monitor_id TEXT    NOT NULL,
    node       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    from_state TEXT    NOT NULL,
    to_state   TEXT    NOT NULL,
    cause      TEXT               -- the CheckResult as JSON, NULL when no check caused it
);
CREATE INDEX state_events_monitor_at ON state_events (monitor_id, at);

CREATE TABLE rollups (
    monitor_id     TEXT    NOT NULL,
    granularity    TEXT    NOT NULL CHECK (granularity IN ('h', 'd')),
    period_start   INTEGER NOT NULL,
    count          INTEGER NOT NULL,
    ok             INTEGER NOT NULL,
    degraded       INTEGER NOT NULL,
    failed         INTEGER NOT NULL,
    latency_count  INTEGER NOT NULL,
    latency_min_ms REAL,
    latency_sum_ms REAL    NOT NULL,
    latency_max_ms REAL,
    sketch         BLOB,              -- LatencySketch bytes, merged in Java
    PRIMARY KEY (monitor_id, granularity, period_start)
);

CREATE TABLE store_health (
    node TEXT    NOT NULL PRIMARY KEY,
    at   INTEGER NOT NULL
);
