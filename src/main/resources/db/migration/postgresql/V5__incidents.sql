-- Incidents and scheduled maintenances share one table, as in Statuspage's model: both are an
-- event with a status, a list of updates and affected components. `version` grows with every
-- change; a write names the version it read, so that concurrent updates do not overwrite each
-- other. Timestamps in epoch milliseconds, JSON as text, like the rest of the schema.
-- (V4 is taken by the alert outbox on another branch.)

CREATE TABLE incidents (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                    TEXT    NOT NULL CHECK (kind IN ('incident', 'maintenance')),
    name                    TEXT    NOT NULL,
    status                  TEXT    NOT NULL,
    impact                  TEXT    NOT NULL,
    components              TEXT    NOT NULL,  -- maintenance: JSON array of the component ids it covers
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL,
    monitoring_at           BIGINT,
    resolved_at             BIGINT,            -- incident resolved, maintenance completed
    started_at              BIGINT,            -- maintenance: when the work began
    scheduled_for           BIGINT,
    scheduled_until         BIGINT,
    postmortem              TEXT,              -- Markdown as written
    postmortem_published_at BIGINT,
    version                 INTEGER NOT NULL
);
CREATE INDEX incidents_kind_created ON incidents (kind, created_at);
CREATE INDEX incidents_kind_status ON incidents (kind, status);

CREATE TABLE incident_updates (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id BIGINT  NOT NULL REFERENCES incidents (id),
    status      TEXT    NOT NULL,
    body        TEXT    NOT NULL,  -- Markdown as written; rendered and sanitised when read
    created_at  BIGINT  NOT NULL,
    components  TEXT    NOT NULL   -- JSON array of {"component", "old_status", "new_status"}
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, id);
