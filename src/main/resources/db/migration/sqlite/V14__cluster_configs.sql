-- The monitors of each monitor configuration a node has run (by the hash in cluster_nodes): when
-- the nodes' files differ, a monitor is owned only by a live node whose file has it, and no node
-- marks a monitor removed that another live node's file still has. Written once per hash.
CREATE TABLE cluster_configs (
    config_hash  TEXT   NOT NULL PRIMARY KEY,
    monitor_ids  TEXT   NOT NULL,   -- the monitor ids, one per line, sorted
    published_at BIGINT NOT NULL    -- database clock, epoch ms
);
