-- Two-factor authentication (issue 15): a TOTP secret per user (RFC 6238), its one-time recovery
-- codes, and half-logins (the password was right, the code is still to come). Times are epoch ms.
-- SQLite enforces no foreign keys here: removing a user deletes these rows by hand.

-- confirmed_at null: enrolment begun, not yet confirmed with a first code (not asked at login).
-- last_step: the newest 30-second time step whose code was accepted; a code of that step or an
-- older one is refused, so that a code seen over a shoulder cannot be used again (replay).
CREATE TABLE two_factor (
    user_id      INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT    NOT NULL,           -- Base32, as the authenticator app has it
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER,
    last_step    INTEGER NOT NULL DEFAULT -1
);

-- SHA-256 of each unused recovery code (80 random bits each); a used one is deleted.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- The password was right; the second step must come before expires_at, from the same browser
-- (its cookie holds the id, this table its SHA-256).
CREATE TABLE half_logins (
    id_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX half_logins_user ON half_logins (user_id);
