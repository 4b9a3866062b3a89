package dev.lookout.store;

import dev.lookout.cluster.LeaderLease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The leader's lease ({@code cluster_leader}, one row); every time is the database's clock. */
final class SqlLeaderLease implements LeaderLease {
    private static final String LEASE = "leader";

    private final SqlTransactions transactions;
    private final String hold;
    private final String read;

    SqlLeaderLease(SqlTransactions transactions, Dialect dialect) {
        this.transactions = transactions;
        // One statement decides: concurrent takers are serialised on the row (ON CONFLICT), and the
        // WHERE is evaluated against the row as committed, so that at most one of them gets it.
        // The last condition frees a lease of this node's name whose instance the membership table
        // has replaced: that instance is dead (Membership admitted this one only once its beat was old).
        this.hold = """
                INSERT INTO cluster_leader (lease, node_name, instance_id, acquired_at, expires_at)
                VALUES ('%2$s', ?, ?, %1$s, %1$s + ?)
                ON CONFLICT (lease) DO UPDATE SET
                    acquired_at = CASE WHEN cluster_leader.instance_id = excluded.instance_id
                                       THEN cluster_leader.acquired_at ELSE excluded.acquired_at END,
                    node_name = excluded.node_name, instance_id = excluded.instance_id, expires_at = excluded.expires_at
                WHERE cluster_leader.instance_id = excluded.instance_id
                   OR cluster_leader.expires_at <= excluded.acquired_at
                   OR (cluster_leader.node_name = excluded.node_name AND NOT EXISTS (
                          SELECT 1 FROM cluster_nodes n
                          WHERE n.instance_id = cluster_leader.instance_id AND n.left_at IS NULL))
                """.formatted(dialect.nowMillis(), LEASE);
        this.read = """
                SELECT node_name, instance_id, acquired_at, expires_at, %s AS now FROM cluster_leader WHERE lease = '%s'
                """.formatted(dialect.nowMillis(), LEASE);
    }

    @Override
    public boolean hold(String name, String instanceId, Duration length) {
        return transactions.run("hold the cluster's leader lease for node " + name, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(hold)) {
                statement.setString(1, name);
                statement.setString(2, instanceId);
                statement.setLong(3, length.toMillis());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Holder> read() {
        return transactions.run("read the cluster's leader lease", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(read); ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                        Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5))));
            }
        });
    }

    @Override
    public void release(String instanceId) {
        transactions.run("give up the cluster's leader lease", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM cluster_leader WHERE lease = '" + LEASE + "' AND instance_id = ?")) {
                statement.setString(1, instanceId);
                return statement.executeUpdate();
            }
        });
    }
}
