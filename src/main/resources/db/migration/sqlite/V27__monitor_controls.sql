-- Operators' actions on monitors (issue 15): a pause (with its reason, who, since when and an
-- optional end), a silence of the monitor's alerts until a time, and a request for one check as
-- soon as possible. One row per monitor, read by every node, so that the node that checks the
-- monitor acts on what any node was told, and a restart keeps it. Times are epoch ms.
-- An alert episode whose alert a silence held says so (alert_episodes.silenced: the silence in words).

CREATE TABLE monitor_controls (
    monitor_id         TEXT    NOT NULL PRIMARY KEY,
    paused_reason      TEXT,                 -- NULL: not paused
    paused_by          TEXT,
    paused_at          INTEGER,
    paused_until       INTEGER,                -- NULL: until resumed
    silenced_reason    TEXT,
    silenced_by        TEXT,
    silenced_at        INTEGER,
    silenced_until     INTEGER,                -- NULL: not silenced
    check_requested_at INTEGER,                -- NULL: no check asked for; cleared by the node that runs it
    check_requested_by TEXT
);

ALTER TABLE alert_episodes ADD COLUMN silenced TEXT;
