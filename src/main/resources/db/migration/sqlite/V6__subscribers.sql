-- Status-page subscribers: email addresses (double opt-in: confirmed_at stays NULL until the
-- owner of the address confirms) and webhooks (added by an operator, confirmed at once). Their
-- notifications go through the alert outbox (`notifications`, channel_id 'subscriber:ID').
-- Tokens are never stored, only their SHA-256: a copy of this table does not let anyone confirm
-- or unsubscribe someone else. An unsubscribed row is kept (unsubscribed_at set) and the address
-- may subscribe again as a new row; the partial index allows one live row per address.
-- (V6 and V7 are taken on other branches.)

CREATE TABLE subscribers (
    id                     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind                   TEXT    NOT NULL CHECK (kind IN ('email', 'webhook')),
    address                TEXT    NOT NULL,  -- email address (lower case) or webhook URL
    components             TEXT    NOT NULL,  -- JSON array of component ids; [] means all
    created_at             INTEGER NOT NULL,
    confirmed_at           INTEGER,
    confirm_token_hash     TEXT    UNIQUE,    -- written with the row, in the same transaction (derived from its id)
    unsubscribe_token_hash TEXT    UNIQUE,
    unsubscribed_at        INTEGER
);
CREATE UNIQUE INDEX subscribers_live_address ON subscribers (kind, address) WHERE unsubscribed_at IS NULL;
CREATE INDEX notifications_channel ON notifications (channel_id, status);
