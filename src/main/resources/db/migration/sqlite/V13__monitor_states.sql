-- Each monitor's current state, one row per monitor, written with every state change in the same
-- transaction. A cluster's nodes read it for the monitors other nodes own (their pages show the
-- owner's verdict) and a node that takes a monitor over restores its state from it. A row is
-- replaced only by a change at least as new, so a node that returns from a cut with changes it
-- buffered cannot write an older verdict over the new owner's.
CREATE TABLE monitor_states (
    monitor_id TEXT   NOT NULL PRIMARY KEY,
    state      TEXT   NOT NULL,
    since      BIGINT NOT NULL,   -- epoch ms of the change that set it (the deciding node's clock)
    node       TEXT   NOT NULL    -- the node that decided it
);

INSERT INTO monitor_states (monitor_id, state, since, node)
SELECT monitor_id, to_state, at, node
FROM (SELECT monitor_id, to_state, at, node,
             row_number() OVER (PARTITION BY monitor_id ORDER BY at DESC, id DESC) AS newest
      FROM state_events) ranked
WHERE newest = 1;
