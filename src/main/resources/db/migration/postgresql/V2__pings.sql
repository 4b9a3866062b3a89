-- Pings of heartbeat (push) monitors, written in groups by the ping committer. A 200 answer to
-- a ping means its row is committed here.

CREATE TABLE pings (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_id     TEXT    NOT NULL,
    node           TEXT    NOT NULL,
    received_at    BIGINT  NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'log')),
    exit_code      INTEGER,
    run_id         TEXT,
    duration_ms    BIGINT,
    body           BYTEA   NOT NULL,  -- at most 100,000 bytes
    body_truncated BOOLEAN NOT NULL,  -- true when the request body was longer
    remote_addr    TEXT    NOT NULL,
    user_agent     TEXT    NOT NULL,
    method         TEXT    NOT NULL
);
CREATE INDEX pings_monitor_received ON pings (monitor_id, received_at);
CREATE INDEX pings_received ON pings (received_at);  -- for retention
