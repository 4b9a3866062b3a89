-- What each heartbeat monitor's tracker remembers of its pings, saved every few seconds and at
-- shutdown; at start-up the pings received since the last save are replayed on top of it. This
-- replaces the (monitor_id, received_at) index of pings, whose random inserts cost the ping
-- ingest a quarter of its throughput (BENCHMARKS.md, heartbeat ingest).
CREATE TABLE heartbeat_memory (
    monitor_id       TEXT    NOT NULL PRIMARY KEY,
    last_ping        BIGINT,            -- epoch ms
    last_kind        TEXT,
    last_closing     BIGINT,            -- last success or fail
    last_duration_ms BIGINT,
    last_success     BIGINT,
    open_runs        TEXT    NOT NULL,  -- JSON object: run id ("" without one) -> epoch ms of its start
    saved_at         BIGINT  NOT NULL
);

-- From the pings stored so far (open runs are not carried over).
INSERT INTO heartbeat_memory (monitor_id, last_ping, last_kind, last_closing, last_duration_ms, last_success, open_runs, saved_at)
SELECT m.monitor_id,
       m.last_ping,
       (SELECT p.kind FROM pings p WHERE p.monitor_id = m.monitor_id ORDER BY p.received_at DESC, p.id DESC LIMIT 1),
       (SELECT max(p.received_at) FROM pings p WHERE p.monitor_id = m.monitor_id AND p.kind IN ('success', 'fail')),
       (SELECT p.duration_ms FROM pings p WHERE p.monitor_id = m.monitor_id AND p.kind IN ('success', 'fail')
        ORDER BY p.received_at DESC, p.id DESC LIMIT 1),
       (SELECT max(p.received_at) FROM pings p WHERE p.monitor_id = m.monitor_id AND p.kind = 'success'),
       '{}',
       CAST(extract(epoch FROM now()) * 1000 AS BIGINT)
FROM (SELECT monitor_id, max(received_at) AS last_ping FROM pings GROUP BY monitor_id) m;

DROP INDEX pings_monitor_received;
