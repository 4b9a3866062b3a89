-- Single sign-on (issue 15): users created at their first OIDC login are known by their
-- provider's subject ("issuer|sub"), not by name, and have no password (the marker '!sso' is no
-- Argon2id hash, and the password form refuses them before looking at it).
-- A login begun at the provider waits here for its callback, by the SHA-256 of its state: any node
-- of a cluster can finish it, once. Times are epoch ms. (V24 and V25 are other branches'.)

ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_sso_subject ON users (sso_subject);

CREATE TABLE oidc_logins (
    state_hash    TEXT    NOT NULL PRIMARY KEY,
    nonce         TEXT    NOT NULL,
    code_verifier TEXT    NOT NULL,
    next          TEXT    NOT NULL,
    expires_at    INTEGER NOT NULL
);
