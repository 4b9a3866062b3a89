-- Operators' accounts (issue 15): users with a role, sessions kept here so that any node of a
-- cluster accepts them, API keys scoped to a role, and failed logins for throttling.
-- Secrets are never stored: passwords as Argon2id PHC strings, session ids and API keys as their
-- SHA-256 (both are 256-bit random tokens, so a fast hash loses nothing). Times are epoch ms.
-- (V20 and V21 are reserved for other branches.)

CREATE TABLE users (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- A session ends when last_seen_at is older than the idle timeout or at expires_at (absolute).
CREATE TABLE sessions (
    id_hash      TEXT    NOT NULL PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    address      TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,           -- the key's first characters, to recognise it in a list
    key_hash     TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    created_by   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

-- Failed logins only; a successful one deletes its account's rows. Old rows are purged.
CREATE TABLE login_attempts (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account    TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    failed_at  BIGINT  NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (account, failed_at);
CREATE INDEX login_attempts_address ON login_attempts (address, failed_at);
