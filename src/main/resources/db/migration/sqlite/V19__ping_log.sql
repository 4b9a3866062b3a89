-- The ping log's index: a monitor's pings in time order, for reading them back (the API's ping
-- log). Not an index on pings itself, whose inserts must stay appends (V7): the node adds these
-- rows after the pings are committed and answered, in batches, waiting while a storm of pings
-- is being stored (PingLogIndexer). Two pings of one monitor in the same millisecond share a row.
CREATE TABLE ping_log (
    monitor_id  TEXT    NOT NULL,
    received_at INTEGER NOT NULL,  -- epoch ms, as pings.received_at
    PRIMARY KEY (monitor_id, received_at)
) WITHOUT ROWID;
CREATE INDEX ping_log_received ON ping_log (received_at);  -- for retention

INSERT INTO ping_log (monitor_id, received_at) SELECT DISTINCT monitor_id, received_at FROM pings;
