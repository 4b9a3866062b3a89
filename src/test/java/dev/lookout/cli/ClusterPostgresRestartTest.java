package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.store.PrivatePostgres;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under three nodes checking 60 monitors every second, and down for longer
 * than a node's fence and the time after which nodes count each other dead: every node stops
 * checking, comes back, the monitors are shared out again, every monitor is checked again, and
 * no monitor changes state or is alerted because of it (issue 13, item 9).
 */
class ClusterPostgresRestartTest {
    private static final String TOKEN = "restart-token-0123456789abcdef";
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    private static final List<String> MONITORS = IntStream.range(0, 60).mapToObj(i -> "m" + i).toList();

    @TempDir
    Path dir;
    private final List<LookoutNode> nodes = new ArrayList<>();
    private PrivatePostgres postgres;
    private HttpServer target;
    private RecordingReceiver receiver;

    @AfterEach
    void stop() {
        nodes.reversed().forEach(LookoutNode::close);
        if (target != null) {
            target.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private void start(String name) throws Exception {
        StringBuilder monitors = new StringBuilder();
        for (String m : MONITORS) {
            monitors.append("  - { id: %s, type: http, url: \"http://127.0.0.1:%d/%s\", interval: 1s, timeout: 500ms }\n"
                    .formatted(m, target.getAddress().getPort(), m));
        }
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s", node_name: %s }
                storage: { url: "%s", state_file: "%s" }
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: 0s
                  routes: [ { channels: [hook], on: [down, recovered] } ]
                monitors:
                %s""".formatted(TOKEN, name, postgres.storeUrl(), dir.resolve(name + ".identity"), receiver.url("/hook"),
                monitors));
        CheckTypes types = CheckTypes.standard();
        nodes.add(new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start());
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
        receiver = new RecordingReceiver();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        for (String name : NAMES) {
            start(name);
        }
        Map<String, Integer> shares = ClusterShares.shares(MONITORS, NAMES);
        await("each node checks its share", () -> ClusterShares.owned(nodes.getFirst(), TOKEN).equals(shares));
        long settled = System.currentTimeMillis();
        await("every monitor checked", () -> checkedSince(settled).containsAll(MONITORS));

        postgres.stop();
        Thread.sleep(8_000); // past the fence (3.5 s) and the time after which nodes count each other dead (5 s)
        postgres.startServer();
        long back = System.currentTimeMillis();

        await("each node checks its share again", () -> ClusterShares.owned(nodes.getFirst(), TOKEN).equals(shares));
        await("every monitor checked again", () -> checkedSince(back).containsAll(MONITORS));
        for (LookoutNode node : nodes) {
            await("ready again", () -> NodeHttp.get(node, "/readyz").statusCode() == 200);
        }
        assertThat(stateChanges()).as("nothing changed state because the database restarted").isEmpty();
        assertThat(receiver.requests()).as("no monitor is alerted").isEmpty();
    }
}
