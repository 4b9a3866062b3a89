-- Alerting: episodes (one outage of one monitor, from its first non-UP state to its recovery),
-- the outbox of notifications (written in the same transaction as the state change that caused
-- them, unique per episode + channel + kind, claimed by a sender, marked delivered only after the
-- receiver accepted them), each node's last sign of life (to report Lookout's own downtime once)
-- and the secrets Lookout generates for itself (the key that signs acknowledge links).

CREATE TABLE alert_episodes (
    id              TEXT    NOT NULL PRIMARY KEY,  -- monitor id @ start in epoch ms
    monitor_id      TEXT    NOT NULL,
    started_at      BIGINT  NOT NULL,
    down_at         BIGINT,                       -- first DOWN of the episode (reminders and escalation count from here)
    state           TEXT    NOT NULL,              -- the monitor's latest state within the episode
    resolved_at     BIGINT,
    acknowledged_at BIGINT,
    acknowledged_by TEXT
);
CREATE INDEX alert_episodes_open ON alert_episodes (resolved_at);
CREATE INDEX alert_episodes_monitor ON alert_episodes (monitor_id, started_at);

CREATE TABLE notifications (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key        TEXT    NOT NULL UNIQUE,      -- episode / channel / kind: nothing twice
    episode_id       TEXT,                         -- NULL for messages about Lookout itself
    channel_id       TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    body             TEXT    NOT NULL,             -- the alert as JSON
    action           BOOLEAN NOT NULL DEFAULT FALSE, -- true when the route triggers remediation
    created_at       BIGINT  NOT NULL,
    due_at           BIGINT  NOT NULL,             -- not sent before (grouping window, backoff)
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT,
    claimed_until    BIGINT,
    last_attempt_at  BIGINT,
    last_error       TEXT,
    last_duration_ms BIGINT,
    delivered_at     BIGINT
);
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_episode ON notifications (episode_id);
CREATE INDEX notifications_created ON notifications (created_at);

CREATE TABLE node_liveness (
    node         TEXT    NOT NULL PRIMARY KEY,
    started_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);

CREATE TABLE lookout_secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
