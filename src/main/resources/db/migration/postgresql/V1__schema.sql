-- Timestamps are epoch milliseconds (BIGINT) so that both dialects share the same SQL and no
-- driver converts time zones behind our back. Several nodes may share this schema: ids come
-- from identity columns, every written row names its node.

CREATE TABLE monitors (
    id           TEXT   NOT NULL PRIMARY KEY,
    name         TEXT   NOT NULL,
    type         TEXT   NOT NULL,
    component_id TEXT,
    settings     TEXT   NOT NULL,  -- type-specific settings as one JSON document
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    removed_at   BIGINT            -- set when the monitor left the configuration; never deleted
);

CREATE TABLE check_results (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_id    TEXT   NOT NULL,
    node          TEXT   NOT NULL,
    started_at    BIGINT NOT NULL,
    outcome       TEXT   NOT NULL,
    message       TEXT   NOT NULL,
    dns_us        BIGINT NOT NULL,
    connect_us    BIGINT NOT NULL,
    tls_us        BIGINT NOT NULL,
    first_byte_us BIGINT NOT NULL,
    total_us      BIGINT NOT NULL,
    conditions    TEXT   NOT NULL   -- JSON array of condition results
);
CREATE INDEX check_results_monitor_started ON check_results (monitor_id, started_at);
CREATE INDEX check_results_started ON check_results (started_at);  -- for retention

CREATE TABLE state_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_id TEXT   NOT NULL,
    node       TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    from_state TEXT   NOT NULL,
    to_state   TEXT   NOT NULL,
    cause      TEXT             -- the CheckResult as JSON, NULL when no check caused it
);
CREATE INDEX state_events_monitor_at ON state_events (monitor_id, at);

CREATE TABLE rollups (
    monitor_id     TEXT             NOT NULL,
    granularity    TEXT             NOT NULL CHECK (granularity IN ('h', 'd')),
    period_start   BIGINT           NOT NULL,
    count          BIGINT           NOT NULL,
    ok             BIGINT           NOT NULL,
    degraded       BIGINT           NOT NULL,
    failed         BIGINT           NOT NULL,
    latency_count  BIGINT           NOT NULL,
    latency_min_ms DOUBLE PRECISION,
    latency_sum_ms DOUBLE PRECISION NOT NULL,
    latency_max_ms DOUBLE PRECISION,
    sketch         BYTEA,                    -- LatencySketch bytes, merged in Java
    PRIMARY KEY (monitor_id, granularity, period_start)
);

CREATE TABLE store_health (
    node TEXT   NOT NULL PRIMARY KEY,
    at   BIGINT NOT NULL
);
