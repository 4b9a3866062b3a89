package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Heartbeats behind a load balancer (postmortem 002): three nodes on one PostgreSQL, a job's pings
 * sent round-robin to them. Only one node owns the monitor; it sees the pings the two others
 * received, so no deadline passes while the job pings on time, and when the job stops, exactly one
 * alert goes out (issue 13, item 5).
 */
class ClusterHeartbeatTest {
    private static final String UUID_JOB = UUID.randomUUID().toString();

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final List<NodeProcess> nodes = new ArrayList<>();

    private List<String> stateEvents() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
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
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
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
        String job = """
                monitors:
                  - { id: job, type: heartbeat, uuid: %s, schedule: { every: 4s, grace: 2s } }
                """.formatted(UUID_JOB);
        for (String name : List.of("node-a", "node-b", "node-c")) {
            nodes.add(cluster.start(name, cluster.webhook() + job));
        }
        await("each node checks its share", () -> nodes.stream().allMatch(NodeProcess::ready));

        // Every 2.4 s for 15 s, to the next node in turn: each node sees a ping only every 7.2 s,
        // more than period and grace (6 s); only the sum of the three keeps the job on time. The
        // 3.6 s left between two pings and period and grace are room for a busy machine.
        long end = System.nanoTime() + 15_000_000_000L;
        int sent = 0;
        while (System.nanoTime() < end) {
            HttpResponse<String> ping = nodes.get(sent % nodes.size()).get("/ping/" + UUID_JOB);
            assertThat(ping.statusCode()).as("a 200 means stored, on any node").isEqualTo(200);
            sent++;
            Thread.sleep(2_400);
        }
        assertThat(pingNodes()).containsExactly("node-a", "node-b", "node-c");
        assertThat(stateEvents()).as("no false late: only the first ping's UP").hasSize(1)
                .allSatisfy(e -> assertThat(e).startsWith("UNKNOWN->UP"));
        assertThat(cluster.receiver().requests()).isEmpty();

        // The job stops: the owner says so once, after period and grace.
        await("one alert for the silence", () -> cluster.receiver().requests().size() == 1);
        Thread.sleep(3_000); // time for a second one from another node
        assertThat(cluster.receiver().requests()).hasSize(1);
        assertThat(cluster.receiver().requests().getFirst().json().path("kind").asText()).isEqualTo("down");
        assertThat(stateEvents()).hasSize(2);
        assertThat(stateEvents().get(1)).startsWith("UP->DOWN");
    }
}
