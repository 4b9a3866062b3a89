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
    /** One target for all nodes, failing for the monitors in {@link #failing}. */
    private int target;
    /** Every node's file below server and storage. */
    private String config;

    @BeforeEach
    void startTarget() {
        target = cluster.target(monitor -> failing.contains(monitor) ? 500 : 200);
        config = cluster.webhook() + ClusterNodes.httpMonitors(MONITORS, target);
    }

    private void start(String name) throws Exception {
        nodes.put(name, cluster.start(name, config));
    }

    private void awaitShares(String via, List<String> monitors, List<String> live) {
        await(String.join(", ", live) + " each checking its share").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> owned(via).equals(ClusterShares.shares(monitors, live)));
    }

    /** The monitors rendezvous gives {@code node} among {@code live}. */
    private static List<String> ownedBy(String node, List<String> monitors, List<String> live) {
        return monitors.stream().filter(m -> Ownership.owner(m, live).equals(node)).toList();
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
        return rows("SELECT from_state || '->' || to_state FROM state_events WHERE monitor_id = ? ORDER BY at, id", monitor);
    }

    /** Who decided the monitor's state changes, oldest first. */
    private List<String> deciders(String monitor) throws SQLException {
        return rows("SELECT node FROM state_events WHERE monitor_id = ? ORDER BY at, id", monitor);
    }

    /** The monitor's stored results up to its first DOWN (all while it has none), oldest first, as "outcome by node". */
    private List<String> resultsUntilDown(String monitor) throws SQLException {
        return rows("""
                SELECT outcome || ' by ' || node FROM check_results
                WHERE monitor_id = ? AND started_at <= coalesce(
                    (SELECT min(at) FROM state_events WHERE monitor_id = ? AND to_state = 'DOWN'), 9223372036854775807)
                ORDER BY started_at, id""", monitor);
    }

    /** The first column of each row of {@code sql}, with every {@code ?} bound to {@code monitor}. */
    private List<String> rows(String sql, String monitor) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 1; i <= sql.chars().filter(ch -> ch == '?').count(); i++) {
                s.setString(i, monitor);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
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

    /** The episode of the first alert of this kind about the monitor. */
    private String episode(String kind, String monitor) {
        return alerts().stream().filter(a -> a.startsWith(kind + " " + monitor + " ")).findFirst().orElseThrow().split(" ")[2];
    }

    private void assertNoRequestSentTwice() {
        List<RecordingReceiver.Request> requests = cluster.receiver().requests();
        assertThat(requests.stream().map(r -> r.header("X-Lookout-Delivery")).distinct())
                .as("no request sent twice").hasSize(requests.size());
    }

    @Test
    void a_killed_nodes_monitors_and_open_episodes_move_to_the_others_and_move_back_when_it_returns() throws Exception {
        for (String name : NAMES) {
            start(name);
        }
        awaitShares("node-a", MONITORS, NAMES);
        Set<String> ofB = new TreeSet<>(ownedBy("node-b", MONITORS, NAMES));
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
        awaitShares("node-a", MONITORS, List.of("node-a", "node-c"));

        // The episodes moved: acknowledged on a node, recovered by their new owner, each said once.
        String episode = episode("down", down.getFirst());
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
            assertThat(episode("recovered", m)).as("the new owner closes the episode node-b opened").isEqualTo(episode("down", m));
        }

        // node-b returns: its share moves back at its planned times, with no alert.
        nodes.get("node-b").restart();
        awaitShares("node-a", MONITORS, NAMES);
        long back = System.currentTimeMillis();
        await("node-b checks its share").atMost(Duration.ofSeconds(30))
                .until(() -> freshResults(back, "nobody-else").keySet().containsAll(ofB));
        Thread.sleep(3_000); // time for a false alert to arrive
        List<String> all = alerts();
        assertThat(all).hasSize(2 * 2 + 1);
        assertStateChanges(MONITORS, down);
        assertNoRequestSentTwice();
    }

    /**
     * Two of three nodes die at once, the leader among them: the survivor takes every monitor and
     * the lead. The episode a dead node opened moves with its monitor (no second DOWN; the
     * recovery closes it), a monitor of the other dead node that fails afterwards is alerted once,
     * and each state change reaches the channel exactly once.
     */
    @Test
    void when_two_of_three_nodes_die_at_once_the_survivor_takes_every_monitor_and_alerts_each_change_once() throws Exception {
        for (String name : NAMES) {
            start(name);
        }
        awaitShares("node-c", MONITORS, NAMES);
        await("node-c sees node-a lead: it took the free lease").atMost(Duration.ofSeconds(30))
                .until(() -> "node-a".equals(leader("node-c")));
        String downBefore = ownedBy("node-a", MONITORS, NAMES).getFirst();
        String downAfter = ownedBy("node-b", MONITORS, NAMES).getFirst();
        long settled = System.currentTimeMillis();
        await("every monitor checked").atMost(Duration.ofSeconds(30))
                .until(() -> freshResults(settled, "nobody").keySet().containsAll(MONITORS));

        failing.add(downBefore);
        await("node-a alerts " + downBefore).atMost(Duration.ofSeconds(30)).until(() -> count("down", downBefore) == 1);
        await("node-a marks it delivered").atMost(Duration.ofSeconds(30)).until(() -> undelivered() == 0);

        nodes.get("node-a").kill();
        nodes.get("node-b").kill(); // milliseconds later: both miss the same beats
        awaitShares("node-c", MONITORS, List.of("node-c"));
        await("node-c leads once node-a's lease ran out").atMost(Duration.ofSeconds(30))
                .until(() -> "node-c".equals(leader("node-c")));

        failing.add(downAfter);
        await("node-c alerts " + downAfter).atMost(Duration.ofSeconds(30)).until(() -> count("down", downAfter) == 1);
        failing.clear();
        await("both recover").atMost(Duration.ofSeconds(30))
                .until(() -> count("recovered", downBefore) == 1 && count("recovered", downAfter) == 1);
        Thread.sleep(3_000); // time for a second alert to arrive

        assertThat(count("down", downBefore)).as("%s, DOWN before the kill, is not alerted again", downBefore).isEqualTo(1);
        assertThat(alerts()).as("each change once: none repeated, none lost").hasSize(4);
        assertThat(episode("recovered", downBefore)).as("node-c closes the episode node-a opened")
                .isEqualTo(episode("down", downBefore));
        assertThat(episode("recovered", downAfter)).isEqualTo(episode("down", downAfter));
        assertThat(deciders(downBefore)).as("DOWN decided by node-a, the recovery by node-c").endsWith("node-a", "node-c");
        assertThat(deciders(downAfter)).as("DOWN and recovery decided by node-c").endsWith("node-c", "node-c");
        assertStateChanges(MONITORS, List.of(downBefore, downAfter));
        assertNoRequestSentTwice();
    }

    /**
     * The owner of a monitor that needs 3 failed checks in a row is killed after the first one is
     * stored, before its DOWN verdict. What moves is the state (still UP), not the count of
     * failures so far (docs/cluster.md): the new owner reaches DOWN from its own checks, so the
     * alert comes late by at most two checks, but it comes, once, never before three failed checks
     * in a row, and the recovery closes that episode once.
     */
    @Test
    void a_node_killed_between_the_first_failure_and_the_down_verdict_leaves_the_down_to_the_new_owner_on_time()
            throws Exception {
        // Checked every 3 s: the kill lands after the first failure and seconds before the third.
        String slow = "slow";
        config += "  - { id: %s, type: http, url: \"http://127.0.0.1:%d/%s\", interval: 3s, timeout: 500ms,"
                .formatted(slow, target, slow) + " failure_threshold: 3 }\n";
        List<String> monitors = new ArrayList<>(MONITORS);
        monitors.add(slow);
        for (String name : NAMES) {
            start(name);
        }
        awaitShares("node-a", monitors, NAMES);
        String owner = Ownership.owner(slow, NAMES);
        String heir = Ownership.owner(slow, NAMES.stream().filter(n -> !n.equals(owner)).toList());
        await(owner + " checks " + slow).atMost(Duration.ofSeconds(30))
                .until(() -> resultsUntilDown(slow).contains("OK by " + owner));

        failing.add(slow);
        await(owner + " stores a failed check").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> resultsUntilDown(slow).contains("FAILED by " + owner));
        nodes.get(owner).kill();
        assertThat(stateEvents(slow)).as("killed before its verdict").containsExactly("UNKNOWN->UP");

        await(heir + " alerts it down").atMost(Duration.ofSeconds(60)).until(() -> count("down", slow) == 1);
        List<String> untilDown = resultsUntilDown(slow);
        List<String> sinceOk = untilDown.subList(untilDown.lastIndexOf("OK by " + owner) + 1, untilDown.size());
        System.out.printf("handover: %s DOWN after %s%n", slow, sinceOk);
        assertThat(sinceOk).as("DOWN at the third failed check in a row: %s counts on from %s's", heir, owner)
                .hasSize(3).allMatch(r -> r.startsWith("FAILED by "));
        assertThat(sinceOk.getFirst()).isEqualTo("FAILED by " + owner);
        assertThat(untilDown.getLast()).as("the deciding check is %s's", heir).isEqualTo("FAILED by " + heir);
        assertThat(deciders(slow)).as("the DOWN decided by %s", heir).last().isEqualTo(heir);

        failing.clear();
        await("it recovers").atMost(Duration.ofSeconds(30)).until(() -> count("recovered", slow) == 1);
        Thread.sleep(3_000); // time for a second alert to arrive
        assertThat(alerts()).as("one DOWN, one recovery").hasSize(2);
        assertThat(episode("recovered", slow)).as("the recovery closes the DOWN's episode").isEqualTo(episode("down", slow));
        assertStateChanges(monitors, List.of(slow));
        assertNoRequestSentTwice();
    }

    /** {@code down} went down once and came back; every other monitor only came up, whoever checked it. */
    private void assertStateChanges(List<String> monitors, List<String> down) throws SQLException {
        for (String m : monitors) {
            if (down.contains(m)) {
                assertThat(stateEvents(m)).as(m).containsExactly("UNKNOWN->UP", "UP->DOWN", "DOWN->UP");
            } else {
                assertThat(stateEvents(m)).as("%s: a move is not a state change", m).containsExactly("UNKNOWN->UP");
            }
        }
    }

    private String leader(String via) throws Exception {
        return ClusterShares.view(nodes.get(via).uri("/"), ClusterNodes.TOKEN).path("leader").asText();
    }
}
