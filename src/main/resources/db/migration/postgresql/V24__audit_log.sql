-- The audit log (issue 15): every write through the API, the console and the account commands,
-- who made it, when (epoch ms), from where, through which route or command, to which object, and
-- the object before and after as JSON text with every secret redacted. Read newest first by id,
-- filtered by actor, object or time; purged by age (retention.audit).
CREATE TABLE audit_log (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    address     TEXT,
    action      TEXT    NOT NULL,
    object_type TEXT,
    object_id   TEXT,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
