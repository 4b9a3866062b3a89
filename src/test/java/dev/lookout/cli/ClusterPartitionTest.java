package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.TcpProxy;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.cluster.Ownership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node cut from PostgreSQL while the other is not (a TCP proxy between it and the database
 * stops forwarding): the cut node stops checking before the other takes its monitors over, so
 * that no monitor is checked by both at once; when the link comes back, its monitors move back
 * the same way, what it checked while cut is written, and nobody is alerted (issue 13, items 3,
 * 8 and 9). Each node checks its own copy of the targets, so that the test sees who checked what
 * and when.
 */
class ClusterPartitionTest {
    private static final List<String> MONITORS = IntStream.range(0, 12).mapToObj(i -> "m" + i).toList();
    private static final List<String> NAMES = List.of("node-a", "node-b");

    /** A check seen by a node's targets: which monitor, when (epoch ms). */
    private record Hit(String monitor, long at) {
    }

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final Map<String, List<Hit>> hits = new ConcurrentHashMap<>();
    private TcpProxy proxy;

    @AfterEach
    void closeProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Starts a node on {@code storeUrl} checking targets of its own. */
    private NodeProcess start(String name, String storeUrl) throws Exception {
        List<Hit> seen = hits.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        int target = cluster.target(monitor -> {
            seen.add(new Hit(monitor, System.currentTimeMillis()));
            return 200;
        });
        return cluster.start(name, storeUrl, cluster.webhook() + ClusterNodes.httpMonitors(MONITORS, target));
    }

    private long first(String node, String monitor, long after) {
        return hits.get(node).stream().filter(h -> h.monitor().equals(monitor) && h.at() > after).mapToLong(Hit::at).min()
                .orElse(Long.MAX_VALUE);
    }

    private long last(String node, String monitor) {
        return hits.get(node).stream().filter(h -> h.monitor().equals(monitor)).mapToLong(Hit::at).max().orElse(0);
    }

    private int resultsOf(String node, long after) throws Exception {
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM check_results WHERE node = ? AND started_at > ?")) {
            s.setString(1, node);
            s.setLong(2, after);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private List<String> stateChanges() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.database(); PreparedStatement s = c.prepareStatement(
                "SELECT monitor_id, from_state, to_state FROM state_events WHERE NOT (from_state = 'UNKNOWN' AND to_state = 'UP')")) {
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1) + " " + rows.getString(2) + "->" + rows.getString(3));
                }
            }
        }
        return out;
    }

    @Test
    void a_node_cut_from_postgres_stops_checking_before_the_other_takes_over_and_gets_its_share_back() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        String url = cluster.storeUrl();
        NodeProcess a = start("node-a", url);
        start("node-b", url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()));
        Map<String, Integer> shares = ClusterShares.shares(MONITORS, NAMES);
        await("each node checks its share", () -> cluster.owned(a).equals(shares));
        List<String> ofB = MONITORS.stream().filter(m -> Ownership.owner(m, NAMES).equals("node-b")).toList();
        long settled = System.currentTimeMillis();
        await("node-b checks its share", () -> ofB.stream().allMatch(m -> first("node-b", m, settled) < Long.MAX_VALUE));

        long cutAt = System.currentTimeMillis();
        proxy.cut();
        await("node-a takes node-b's monitors", () -> ofB.stream().allMatch(m -> first("node-a", m, cutAt) < Long.MAX_VALUE));
        for (String m : ofB) {
            long lastByB = last("node-b", m);
            long firstByA = first("node-a", m, cutAt);
            assertThat(lastByB).as("%s: node-b's last check (%d ms after the cut) is before node-a's first (%d ms after)", m,
                    lastByB - cutAt, firstByA - cutAt).isLessThan(firstByA);
        }
        int byBWhileCut = hits.get("node-b").size();
        Thread.sleep(2_000);
        assertThat(hits.get("node-b")).as("node-b checks nothing while it cannot read the membership").hasSize(byBWhileCut);

        long restoredAt = System.currentTimeMillis();
        proxy.restore();
        await("node-b owns its share again", () -> cluster.owned(a).equals(shares));
        await("node-b checks its share again", () -> ofB.stream().allMatch(m -> first("node-b", m, restoredAt) < Long.MAX_VALUE));
        long back = System.currentTimeMillis();
        Thread.sleep(2_000);
        for (String m : ofB) {
            long lastByA = hits.get("node-a").stream().filter(h -> h.monitor().equals(m)).mapToLong(Hit::at).max().orElseThrow();
            assertThat(lastByA).as("%s: node-a let it go before node-b took it back", m)
                    .isLessThan(first("node-b", m, restoredAt));
            assertThat(first("node-a", m, back)).as("%s: node-a no longer checks it", m).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(resultsOf("node-b", cutAt)).as("what node-b checked before it stopped is written once the link is back")
                .isPositive();
        assertThat(stateChanges()).as("moving is not a state change").isEmpty();
        // The files differ on purpose (each node its own targets): that, and only that, is said.
        assertThat(cluster.receiver().requests().stream().map(RecordingReceiver.Request::text)).as("no monitor is alerted")
                .allSatisfy(text -> assertThat(text).contains("\"kind\":\"monitoring-side-failure\"",
                        "run different monitor configurations"));
    }
}
