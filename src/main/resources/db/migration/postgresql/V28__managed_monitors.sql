-- Monitors managed in the console and the API (issue 15): each one's definition as the YAML text
-- an operator wrote, read by the same monitor reader as lookout.yaml's entries and run beside them.
-- version counts the edits (optimistic concurrency: a write names the version it read); times are
-- epoch ms. Nodes notice changes by polling COUNT, SUM(version) and MAX(updated_at).
CREATE TABLE managed_monitors (
    id          TEXT    NOT NULL PRIMARY KEY,
    definition  TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
