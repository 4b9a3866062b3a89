package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.store.PrivatePostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL restarted under three nodes checking 60 monitors every second, and down for longer
 * than a node's fence and the time after which nodes count each other dead: every node stops
 * checking, comes back, the monitors are shared out again, every monitor is checked again, and
 * no monitor changes state or is alerted because of it (issue 13, item 9).
 */
class ClusterPostgresRestartTest {
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    private static final List<String> MONITORS = IntStream.range(0, 60).mapToObj(i -> "m" + i).toList();

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private PrivatePostgres postgres;

    @AfterEach
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private Set<String> checkedSince(long millis) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT monitor_id FROM check_results WHERE started_at > ?")) {
            s.setLong(1, millis);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        }
        return out;
    }

    private List<String> stateChanges() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT monitor_id, from_state, to_state, node FROM state_events"
                     + " WHERE NOT (from_state = 'UNKNOWN' AND to_state = 'UP')")) {
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1) + " " + rows.getString(2) + "->" + rows.getString(3) + " by " + rows.getString(4));
                }
            }
        }
        return out;
    }

    @Test
    void a_restart_of_postgres_longer_than_the_fence_moves_nothing_falsely_and_alerts_nobody() throws Exception {
        postgres = PrivatePostgres.start();
        cluster.useStore(postgres.storeUrl());
        String config = cluster.webhook() + ClusterNodes.httpMonitors(MONITORS, cluster.target(monitor -> 200));
        for (String name : NAMES) {
            nodes.add(cluster.start(name, config));
        }
        Map<String, Integer> shares = ClusterShares.shares(MONITORS, NAMES);
        await("each node checks its share", () -> cluster.owned(nodes.getFirst()).equals(shares));
        long settled = System.currentTimeMillis();
        await("every monitor checked", () -> checkedSince(settled).containsAll(MONITORS));

        postgres.stop();
        Thread.sleep(8_000); // past the fence (3.5 s) and the time after which nodes count each other dead (5 s)
        postgres.startServer();
        long back = System.currentTimeMillis();

        await("each node checks its share again", () -> cluster.owned(nodes.getFirst()).equals(shares));
        await("every monitor checked again", () -> checkedSince(back).containsAll(MONITORS));
        for (NodeProcess node : nodes) {
            await("ready again", node::ready);
        }
        assertThat(stateChanges()).as("nothing changed state because the database restarted").isEmpty();
        assertThat(cluster.receiver().requests()).as("no monitor is alerted").isEmpty();
    }
}
