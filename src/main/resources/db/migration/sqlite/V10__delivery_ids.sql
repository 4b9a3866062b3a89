-- Every notification gets a delivery id of its own: a random UUID, chosen by the database when
-- the row is written and sent unchanged on every retry (X-Lookout-Delivery, the webhook's "id").
-- It used to be "n" + the row id, which a new, emptied or restored database hands out again: a
-- receiver that drops ids it has seen would drop new alerts. (V10, not V8: a database that
-- applied V9 refuses an older migration it has not applied.)
--
-- SQLite cannot add a column whose default is an expression, so the table is rebuilt with it
-- (the documented way to change a table); existing rows get a UUID each, and the AUTOINCREMENT
-- counter is carried over so that no row id is handed out twice.

CREATE TABLE notifications_v10 (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    delivery_id      TEXT    NOT NULL UNIQUE DEFAULT (
                         lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
                         || substr(lower(hex(randomblob(2))), 2) || '-'
                         || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-'
                         || lower(hex(randomblob(6)))),  -- a random (version 4) UUID, evaluated per row
    dedup_key        TEXT    NOT NULL UNIQUE,      -- episode / channel / kind: nothing twice
    episode_id       TEXT,                         -- NULL for messages about Lookout itself
    channel_id       TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    body             TEXT    NOT NULL,             -- the alert as JSON
    action           INTEGER NOT NULL DEFAULT 0,   -- 1 when the route triggers remediation
    created_at       INTEGER NOT NULL,
    due_at           INTEGER NOT NULL,             -- not sent before (grouping window, backoff)
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT,
    claimed_until    INTEGER,
    last_attempt_at  INTEGER,
    last_error       TEXT,
    last_duration_ms INTEGER,
    delivered_at     INTEGER
);

INSERT INTO notifications_v10 (id, dedup_key, episode_id, channel_id, kind, body, action, created_at, due_at, status,
                               attempts, claimed_by, claimed_until, last_attempt_at, last_error, last_duration_ms,
                               delivered_at)
SELECT id, dedup_key, episode_id, channel_id, kind, body, action, created_at, due_at, status,
       attempts, claimed_by, claimed_until, last_attempt_at, last_error, last_duration_ms, delivered_at
FROM notifications;

DELETE FROM sqlite_sequence WHERE name = 'notifications_v10';
INSERT INTO sqlite_sequence (name, seq) SELECT 'notifications_v10', seq FROM sqlite_sequence WHERE name = 'notifications';

DROP TABLE notifications;
ALTER TABLE notifications_v10 RENAME TO notifications;

-- The indexes went with the old table (V4 and V6).
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_episode ON notifications (episode_id);
CREATE INDEX notifications_created ON notifications (created_at);
CREATE INDEX notifications_channel ON notifications (channel_id, status);
