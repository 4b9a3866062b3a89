package dev.lookout.store;

import dev.lookout.cluster.Members;
import dev.lookout.cluster.NodeRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The membership table ({@code cluster_nodes}); every time is the database's clock. */
final class SqlMembers implements Members {
    private final SqlTransactions transactions;
    private final String beat;
    private final String now;
    private final String leave;
    private final String publish;

    SqlMembers(SqlTransactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.now = "SELECT " + dialect.nowMillis();
        // Taken over only from this instance, one that left, or one whose beat is older than allowed.
        this.beat = """
                INSERT INTO cluster_nodes (node_name, instance_id, started_at, last_beat, version, config_hash, monitors, lag_ms,
                                           left_at)
                VALUES (?, ?, %1$s, %1$s, ?, ?, ?, ?, NULL)
                ON CONFLICT (node_name) DO UPDATE SET
                    started_at = CASE WHEN cluster_nodes.instance_id = excluded.instance_id
                                      THEN cluster_nodes.started_at ELSE excluded.started_at END,
                    instance_id = excluded.instance_id, last_beat = excluded.last_beat, version = excluded.version,
                    config_hash = excluded.config_hash, monitors = excluded.monitors, lag_ms = excluded.lag_ms,
                    left_at = NULL
                WHERE cluster_nodes.instance_id = excluded.instance_id OR cluster_nodes.left_at IS NOT NULL
                   OR cluster_nodes.last_beat < excluded.last_beat - ?
                """.formatted(dialect.nowMillis());
        this.publish = "INSERT INTO cluster_configs (config_hash, monitor_ids, published_at) VALUES (?, ?, "
                + dialect.nowMillis() + ") ON CONFLICT (config_hash) DO NOTHING";
        this.leave = "UPDATE cluster_nodes SET left_at = " + dialect.nowMillis() + " WHERE node_name = ? AND instance_id = ?";
    }

    @Override
    public boolean beat(Beat b, Duration deadAfter) {
        return transactions.run("write the cluster beat of node " + b.name(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(beat)) {
                statement.setString(1, b.name());
                statement.setString(2, b.instanceId());
                statement.setString(3, b.version());
                statement.setString(4, b.configHash());
                statement.setInt(5, b.monitors());
                statement.setLong(6, b.lagMillis());
                statement.setLong(7, deadAfter.toMillis());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Snapshot read() {
        return transactions.run("read the cluster's nodes", connection -> {
            Instant at;
            try (PreparedStatement statement = connection.prepareStatement(now); ResultSet row = statement.executeQuery()) {
                row.next();
                at = Instant.ofEpochMilli(row.getLong(1));
            }
            List<NodeRecord> nodes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT node_name, instance_id, started_at, last_beat, version, config_hash, monitors, lag_ms, left_at
                    FROM cluster_nodes ORDER BY node_name""");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    nodes.add(new NodeRecord(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                            Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), rows.getString(6), rows.getInt(7),
                            rows.getLong(8), SqlTransactions.instant(rows, "left_at")));
                }
            }
            return new Snapshot(List.copyOf(nodes), at);
        });
    }

    @Override
    public void publishConfig(String configHash, java.util.Collection<String> monitorIds) {
        transactions.run("publish the monitors of configuration " + configHash, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(publish)) {
                statement.setString(1, configHash);
                statement.setString(2, String.join("\n", new java.util.TreeSet<>(monitorIds)));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public java.util.Optional<java.util.Set<String>> configMonitors(String configHash) {
        return transactions.run("read the monitors of configuration " + configHash, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT monitor_ids FROM cluster_configs WHERE config_hash = ?")) {
                statement.setString(1, configHash);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return java.util.Optional.empty();
                    }
                    String ids = row.getString(1);
                    return java.util.Optional.of(ids.isEmpty() ? java.util.Set.of() : java.util.Set.of(ids.split("\n")));
                }
            }
        });
    }

    @Override
    public void leave(String name, String instanceId) {
        transactions.run("say that node " + name + " left the cluster", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(leave)) {
                statement.setString(1, name);
                statement.setString(2, instanceId);
                return statement.executeUpdate();
            }
        });
    }
}
