-- Remote probes (issue 14). A probe's token is stored as its SHA-256 only: tokens are 32 random
-- bytes, so a hash cannot be reversed by guessing (see docs/rationale.md), and a copy of the
-- database lets nobody act as a probe.
CREATE TABLE probe_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    probe        TEXT    NOT NULL,
    token_sha256 TEXT    NOT NULL UNIQUE,  -- hex
    created_at   BIGINT  NOT NULL,         -- epoch ms, as every timestamp
    revoked_at   BIGINT,
    last_used_at BIGINT,
    last_address TEXT
);
CREATE INDEX probe_tokens_probe ON probe_tokens (probe);

-- One row per probe that ever called: how far its results are stored (acked_seq: every result
-- numbered up to it is stored or was refused), when and where it was last heard, how many results
-- it says it dropped, and whether its silence was announced (so "back" is said once, by any node).
CREATE TABLE probes (
    name         TEXT    NOT NULL PRIMARY KEY,
    acked_seq    BIGINT  NOT NULL DEFAULT 0,
    last_seen_at BIGINT,
    last_node    TEXT,
    last_address TEXT,
    dropped      BIGINT  NOT NULL DEFAULT 0,
    silent_since BIGINT
);

-- A probe's result keeps the probe's number for it: no (probe, seq) is ever stored twice, whichever
-- node receives a replay (node is the probe's name for its results).
ALTER TABLE check_results ADD COLUMN probe_seq BIGINT;
CREATE UNIQUE INDEX check_results_probe_seq ON check_results (node, probe_seq) WHERE probe_seq IS NOT NULL;
