package dev.lookout.cluster;

import java.time.Instant;

/**
 * One node's row in the membership table, as the database has it. Every time is the database's
 * clock, so that nodes whose clocks differ agree on who is alive.
 *
 * @param name       {@code server.node_name}, unique among live nodes
 * @param instanceId a random id per process: a restarted node is another instance of the same name
 * @param lagMillis  the p99 of how late its checks started over the last minute, at its last beat
 * @param leftAt     when the node stopped cleanly; null while it runs (or after it died)
 */
public record NodeRecord(String name, String instanceId, Instant startedAt, Instant lastBeat, String version,
                         String configHash, int monitors, long lagMillis, Instant leftAt) {
}
