-- The nodes of a cluster: one row per node name, written by the node every second (its beat).
-- Times are the database's clock (epoch ms), never a node's: nodes whose clocks differ still
-- agree on who is alive. A node whose beat is older than a few seconds is dead. A node refuses to
-- start while another instance with its name is alive (two nodes with the same name would release
-- each other's outbox claims).
CREATE TABLE cluster_nodes (
    node_name   TEXT    NOT NULL PRIMARY KEY,
    instance_id TEXT    NOT NULL,              -- a random UUID per process
    started_at  BIGINT  NOT NULL,              -- database clock, epoch ms
    last_beat   BIGINT  NOT NULL,              -- database clock, epoch ms
    version     TEXT    NOT NULL,
    config_hash TEXT    NOT NULL,              -- of the monitor-relevant configuration
    monitors    INTEGER NOT NULL,              -- how many monitors the node runs
    lag_ms      BIGINT  NOT NULL DEFAULT 0,    -- p99 of how late its checks started, last minute
    left_at     BIGINT                         -- set by a clean stop
);
