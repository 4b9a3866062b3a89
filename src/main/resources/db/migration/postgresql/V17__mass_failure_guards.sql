-- Each node's mass-failure guard (each guards the monitors it checks), so that a restart while it
-- is active neither releases the alerts it holds nor lets a remediation route fire. One row per
-- node, replaced in the transaction that changes it.
CREATE TABLE mass_failure_guards (
    node       TEXT   NOT NULL PRIMARY KEY,
    tripped_at BIGINT,            -- epoch ms; NULL while the guard is not active
    hold_until BIGINT,            -- epoch ms: members not confirmed yet are held until then
    members    TEXT   NOT NULL    -- JSON: {"members": [monitor ids], "confirmed": [those the checks confirmed down]}
);
