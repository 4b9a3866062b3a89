-- When each channel may get its next message: a cluster's nodes share one group window per
-- channel, so that an outage spanning monitors owned by several nodes reaches a channel as one
-- message per window, not one per node. Set when a sender claims a channel's notifications (under
-- a transaction-scoped advisory lock per channel on PostgreSQL); unused on SQLite (one node).
CREATE TABLE channel_windows (
    channel_id TEXT   NOT NULL PRIMARY KEY,
    next_at    BIGINT NOT NULL   -- epoch ms: no message to the channel before this
);
