-- Who this database is, so that Lookout notices when it is not the one it was using: a file
-- replaced or deleted, a schema dropped, an empty database behind the same URL, an old backup
-- restored. One row, written by Lookout after the migrations (its id is a random UUID); each node
-- remembers the id and the last mark it saw in a small local file (storage.state_file). The health
-- probe raises the mark every second, so a restored older copy has a lower mark than the one seen.
CREATE TABLE lookout_identity (
    singleton   INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    database_id TEXT    NOT NULL,
    created_at  INTEGER  NOT NULL, -- epoch ms
    mark        INTEGER  NOT NULL
);
