-- Pings of heartbeat (push) monitors, written in groups by the ping committer. A 200 answer to
-- a ping means its row is committed here.

CREATE TABLE pings (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    monitor_id     TEXT    NOT NULL,
    node           TEXT    NOT NULL,
    received_at    INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'log')),
    exit_code      INTEGER,
    run_id         TEXT,
    duration_ms    INTEGER,
    body           BLOB    NOT NULL,  -- at most 100,000 bytes
    body_truncated INTEGER NOT NULL,  -- 1 when the request body was longer
    remote_addr    TEXT    NOT NULL,
    user_agent     TEXT    NOT NULL,
    method         TEXT    NOT NULL
);
CREATE INDEX pings_monitor_received ON pings (monitor_id, received_at);
CREATE INDEX pings_received ON pings (received_at);  -- for retention
