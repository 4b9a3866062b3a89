package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.cluster.Ownership;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes as separate JVMs on the real PostgreSQL, checking real HTTP targets: each monitor
 * is checked by one node; after {@code kill -9} of a node its monitors are checked by the others,
 * their open episodes move with them (a recovery closes the episode the dead node opened, and
 * nothing is alerted twice); an acknowledgement on a node that does not hold the episode reaches
 * the channels; and when the node comes back its share moves back without a false alert.
 * (Issue 13, items 3, 4 and 9.) The goal of seconds is measured by bench/failover.sh; here a
 * generous bound only catches a takeover that does not happen.
 */
class ClusterFailoverTest {
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    private static final List<String> MONITORS = IntStream.range(0, 24).mapToObj(i -> "m" + i).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    /** Every node's file below server and storage: one target for all, failing for the monitors in {@link #failing}. */
    private String config;

    @BeforeEach
    void startTarget() {
        int target = cluster.target(monitor -> failing.contains(monitor) ? 500 : 200);
        config = cluster.webhook() + ClusterNodes.httpMonitors(MONITORS, target);
    }

    private void start(String name) throws Exception {
        nodes.put(name, cluster.start(name, config));
    }

    private JsonNode monitor(String via, String id) {
        try {
            return JSON.readTree(nodes.get(via).get("/api/v1/monitors/" + id).body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }

    /** The number of monitors each live node checks, as {@code via} lists them. */
    private Map<String, Integer> owned(String via) {
        return cluster.owned(nodes.get(via));
    }

    /** The newest result of each monitor written by a node other than {@code except}, started after {@code afterMillis}. */
    private Map<String, Long> freshResults(long afterMillis, String except) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
                "SELECT monitor_id, min(started_at) FROM check_results WHERE started_at > ? AND node <> ? GROUP BY monitor_id")) {
            s.setLong(1, afterMillis);
            s.setString(2, except);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return out;
    }

    private List<String> stateEvents(String monitor) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
                "SELECT from_state, to_state FROM state_events WHERE monitor_id = ? ORDER BY at, id")) {
            s.setString(1, monitor);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1) + "->" + rows.getString(2));
                }
            }
        }
        return out;
    }

    /** Notifications not yet marked delivered in the outbox. */
    private int undelivered() throws SQLException {
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM notifications WHERE status <> 'delivered'"); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Each alert as "kind monitor episode delivery" (a message may group alerts of several kinds). */
    private List<String> alerts() {
        List<String> out = new ArrayList<>();
        for (RecordingReceiver.Request r : cluster.receiver().requests()) {
            JsonNode body = r.json();
            for (JsonNode a : body.path("alerts")) {
                out.add(a.path("kind").asText() + " " + a.path("monitor_id").asText() + " " + a.path("episode").asText()
                        + " " + r.header("X-Lookout-Delivery"));
            }
        }
        return out;
    }

    private long count(String kind, String monitor) {
        return alerts().stream().filter(a -> a.startsWith(kind + " " + monitor + " ")).count();
    }

    @Test
    void a_killed_nodes_monitors_and_open_episodes_move_to_the_others_and_move_back_when_it_returns() throws Exception {
        for (String name : NAMES) {
            start(name);
        }
        await("three nodes, each checking its share").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> owned("node-a").equals(ClusterShares.shares(MONITORS, NAMES)));
        Set<String> ofB = new TreeSet<>(MONITORS.stream().filter(m -> Ownership.owner(m, NAMES).equals("node-b")).toList());
        assertThat(ofB).as("rendezvous gives node-b a share of 24").hasSizeGreaterThanOrEqualTo(2);
        // Every node shows what the owner saw: node-a's API has node-b's fresh results of node-b's monitors.
        long asked = System.currentTimeMillis();
        await("node-a shows node-b's newest results").atMost(Duration.ofSeconds(30)).until(() -> ofB.stream().allMatch(m -> {
            JsonNode monitor = monitor("node-a", m);
            return monitor.path("state").asText().equals("up") && java.time.Instant.parse(monitor.at("/last_result/started_at")
                    .asText("1970-01-01T00:00:00Z")).toEpochMilli() > asked;
        }));
        long before = System.currentTimeMillis();
        await("every monitor checked").atMost(Duration.ofSeconds(30))
                .until(() -> freshResults(before, "nobody").keySet().containsAll(MONITORS));

        // Two of node-b's monitors fail: node-b opens their episodes and alerts once each.
        List<String> down = List.copyOf(ofB).subList(0, 2);
        failing.addAll(down);
        await("node-b alerts both").atMost(Duration.ofSeconds(30)).until(() -> down.stream().allMatch(m -> count("down", m) == 1));
        // Killed once it marked them sent: killed in between, it would have them sent again from another node, as designed
        // (at least once, regrouped with what is due then under a new delivery id), and the counts below would not hold.
        await("node-b marks both delivered").atMost(Duration.ofSeconds(30)).until(() -> undelivered() == 0);

        long killedAt = System.currentTimeMillis();
        nodes.get("node-b").kill();

        await("node-b's monitors checked by the others").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> freshResults(killedAt, "node-b").keySet().containsAll(ofB));
        Map<String, Long> firstAfter = freshResults(killedAt, "node-b");
        long worstGap = ofB.stream().mapToLong(m -> firstAfter.get(m) - killedAt).max().orElseThrow();
        System.out.printf("failover: node-b's %d monitors first checked by another node %d ms after the kill at worst%n",
                ofB.size(), worstGap);
        await("a and c share all monitors").atMost(Duration.ofSeconds(30))
                .until(() -> owned("node-a").equals(ClusterShares.shares(MONITORS, List.of("node-a", "node-c"))));

        // The episodes moved: acknowledged on a node, recovered by their new owner, each said once.
        String episode = alerts().stream().filter(a -> a.startsWith("down " + down.getFirst() + " ")).findFirst().orElseThrow()
                .split(" ")[2];
        String newOwner = Ownership.owner(down.getFirst(), List.of("node-a", "node-c"));
        String other = newOwner.equals("node-a") ? "node-c" : "node-a";
        HttpResponse<String> ack = NodeHttp.HTTP.send(HttpRequest.newBuilder(nodes.get(other).uri("/api/v1/alerts/" + episode
                        + "/ack")).header("Authorization", "Bearer " + ClusterNodes.TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"alice\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).as("acknowledged on %s, which does not hold it: %s", other, ack.body()).isEqualTo(200);
        await("the holder tells the channels").atMost(Duration.ofSeconds(30))
                .until(() -> count("acknowledged", down.getFirst()) == 1);

        failing.clear();
        await("both recover").atMost(Duration.ofSeconds(30)).until(() -> down.stream().allMatch(m -> count("recovered", m) == 1));
        for (String m : down) {
            String opened = alerts().stream().filter(a -> a.startsWith("down " + m + " ")).findFirst().orElseThrow().split(" ")[2];
            String closed = alerts().stream().filter(a -> a.startsWith("recovered " + m + " ")).findFirst().orElseThrow()
                    .split(" ")[2];
            assertThat(closed).as("the new owner closes the episode node-b opened").isEqualTo(opened);
        }

        // node-b returns: its share moves back at its planned times, with no alert.
        nodes.get("node-b").restart();
        await("node-b owns its share again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> owned("node-a").equals(ClusterShares.shares(MONITORS, NAMES)));
        long back = System.currentTimeMillis();
        await("node-b checks its share").atMost(Duration.ofSeconds(30))
                .until(() -> freshResults(back, "nobody-else").keySet().containsAll(ofB));
        Thread.sleep(3_000); // time for a false alert to arrive
        List<String> all = alerts();
        assertThat(all).hasSize(2 * 2 + 1);
        for (String m : MONITORS) {
            List<String> events = stateEvents(m);
            if (down.contains(m)) {
                assertThat(events).as(m).containsExactly("UNKNOWN->UP", "UP->DOWN", "DOWN->UP");
            } else {
                assertThat(events).as("%s: a move is not a state change", m).containsExactly("UNKNOWN->UP");
            }
        }
        List<RecordingReceiver.Request> requests = cluster.receiver().requests();
        assertThat(requests.stream().map(r -> r.header("X-Lookout-Delivery")).distinct())
                .as("no request sent twice").hasSize(requests.size());
    }
}
