-- The leader's lease: one row per lease (today only 'leader'), held by one node instance until
-- expires_at. Times are the database's clock (epoch ms), never a node's. A node takes the row when
-- it is free (no row), expired, or held by an earlier instance of its own name that the membership
-- table no longer lists; it renews it every few seconds and deletes it when it stops cleanly.
CREATE TABLE cluster_leader (
    lease       TEXT   NOT NULL PRIMARY KEY,   -- 'leader'
    node_name   TEXT   NOT NULL,
    instance_id TEXT   NOT NULL,               -- the holder's instance (cluster_nodes.instance_id)
    acquired_at BIGINT NOT NULL,               -- database clock, epoch ms: when this instance took it
    expires_at  BIGINT NOT NULL                -- database clock, epoch ms
);
