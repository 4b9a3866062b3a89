package dev.lookout.probe;

import dev.lookout.check.CheckResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the probes' server side keeps in the database: tokens (hashed), each probe's progress
 * (the highest result number stored), when and where it was last heard, and its results. Owned
 * here, implemented in {@code store}; usable by a command while a server runs on the same
 * database.
 */
public interface ProbeRegistry {

    /** A token as listed: never the token itself. */
    record Token(long id, String probe, Instant createdAt, Instant revokedAt, Instant lastUsedAt, String lastAddress) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A probe as last heard of; {@code lastSeenAt} null when it never called. */
    record Probe(String name, long ackedSeq, Instant lastSeenAt, String lastNode, String lastAddress, long dropped,
                 Instant silentSince) {
    }

    /** One result as a probe numbered it. */
    record Numbered(long seq, CheckResult result) {
    }

    /**
     * What storing a batch did: the probe's {@code ackedSeq} afterwards, the results stored now (in
     * order), how many had been stored before (a replay), and how many were refused (a monitor not
     * assigned to the probe).
     */
    record Stored(long ackedSeq, List<CheckResult> stored, int duplicates, int ignored) {
    }

    /** Stores a new token's hash for the probe; returns its id. */
    long addToken(String probe, String sha256, Instant at);

    /** Every token, newest first, revoked ones too. */
    List<Token> tokens();

    /** The token with this hash, revoked or not. */
    Optional<Token> tokenByHash(String sha256);

    /** Revokes one token; false when there is none with that id or it was revoked already. */
    boolean revoke(long id, Instant at);

    /** Revokes every live token of the probe; how many. */
    int revokeAll(String probe, Instant at);

    /** A request with the token reached {@code node} from {@code address}: the token and its probe were used. */
    void heard(long tokenId, String probe, Instant at, String node, String address);

    /** The probe's row, if it ever called. */
    Optional<Probe> probe(String name);

    /** Every probe that ever called. */
    List<Probe> probes();

    /**
     * In one transaction: stores the results numbered above the probe's {@code ackedSeq} whose
     * monitor is in {@code assigned}, with {@code node} = the probe's name, and moves {@code ackedSeq}
     * to the highest number of the batch. A replay, on this node or another sharing the database,
     * stores nothing twice: the database holds the number with each result and the probe's row is
     * locked for the transaction.
     *
     * @param dropped how many results the probe says it dropped since it started buffering
     */
    Stored store(String probe, List<Numbered> results, Set<String> assigned, long dropped, Instant at, String node,
                 String address);

    /**
     * Marks the probe silent since {@code since} unless it is marked already; true when this call
     * marked it (so that one node, once, says so).
     */
    boolean markSilent(String probe, Instant since);

    /** Clears the probe's silence; the time it was marked, when this call cleared it. */
    Optional<Instant> markHeard(String probe);

    /**
     * Hears the results of probes that other nodes sharing the database stored, as they commit
     * (PostgreSQL's LISTEN/NOTIFY; nothing on a database one node uses). {@code results} gets the
     * probe's name and its results.
     */
    void onStoredElsewhere(StoredElsewhere results);

    /** Results another node stored for a probe. */
    interface StoredElsewhere {
        void received(String probe, List<CheckResult> results);
    }

}
