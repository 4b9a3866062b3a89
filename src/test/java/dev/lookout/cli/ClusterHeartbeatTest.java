package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.config.ConfigLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats behind a load balancer (postmortem 002): three nodes on one PostgreSQL, a job's pings
 * sent round-robin to them. Only one node owns the monitor; it sees the pings the two others
 * received, so no deadline passes while the job pings on time, and when the job stops, exactly one
 * alert goes out (issue 13, item 5).
 */
class ClusterHeartbeatTest {
    private static final String TOKEN = "heartbeat-token-0123456789abcdef";
    private static final String UUID_JOB = UUID.randomUUID().toString();
    private static SharedPostgres postgres;

    @TempDir
    Path dir;
    private final List<LookoutNode> nodes = new ArrayList<>();
    private RecordingReceiver receiver;
    private String url;

    @BeforeAll
    static void createDatabase() throws Exception {
        postgres = SharedPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stop() {
        nodes.reversed().forEach(LookoutNode::close);
        if (receiver != null) {
            receiver.close();
        }
    }

    private LookoutNode start(String name) throws Exception {
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
                  - { id: job, type: heartbeat, uuid: %s, schedule: { every: 2s, grace: 1s } }
                """.formatted(TOKEN, name, url, dir.resolve(name + ".identity"), receiver.url("/hook"), UUID_JOB));
        CheckTypes types = CheckTypes.standard();
        LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
        nodes.add(node);
        return node;
    }

    private List<String> stateEvents() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.connect(url); PreparedStatement s = c.prepareStatement(
                "SELECT from_state, to_state, node FROM state_events WHERE monitor_id = 'job' ORDER BY at, id")) {
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1) + "->" + rows.getString(2) + " by " + rows.getString(3));
                }
            }
        }
        return out;
    }

    private List<String> pingNodes() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.connect(url); PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT node FROM pings WHERE monitor_id = 'job' ORDER BY node")) {
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void pings_spread_over_three_nodes_keep_the_job_up_and_its_silence_is_alerted_once() throws Exception {
        url = postgres.newSchemaUrl();
        receiver = new RecordingReceiver();
        for (String name : List.of("node-a", "node-b", "node-c")) {
            start(name);
        }
        await("each node checks its share", () -> nodes.stream().allMatch(n -> {
            try {
                return NodeHttp.get(n, "/readyz").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }));

        // Every 1.2 s for 15 s, to the next node in turn: each node sees a ping only every 3.6 s,
        // more than period and grace (3 s); only the sum of the three keeps the job on time.
        long end = System.nanoTime() + 15_000_000_000L;
        int sent = 0;
        while (System.nanoTime() < end) {
            LookoutNode to = nodes.get(sent % nodes.size());
            HttpResponse<String> ping = NodeHttp.get(to, "/ping/" + UUID_JOB);
            assertThat(ping.statusCode()).as("a 200 means stored, on any node").isEqualTo(200);
            sent++;
            Thread.sleep(1_200);
        }
        assertThat(pingNodes()).containsExactly("node-a", "node-b", "node-c");
        assertThat(stateEvents()).as("no false late: only the first ping's UP").hasSize(1)
                .allSatisfy(e -> assertThat(e).startsWith("UNKNOWN->UP"));
        assertThat(receiver.requests()).isEmpty();

        // The job stops: the owner says so once, after period and grace.
        await("one alert for the silence", () -> receiver.requests().size() == 1);
        Thread.sleep(3_000); // time for a second one from another node
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().getFirst().json().path("kind").asText()).isEqualTo("down");
        assertThat(stateEvents()).hasSize(2);
        assertThat(stateEvents().get(1)).startsWith("UP->DOWN");
    }
}
