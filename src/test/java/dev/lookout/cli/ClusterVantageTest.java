package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.cluster.Ownership;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's vantage points on a cluster, with real processes: two {@code lookout serve} nodes on
 * PostgreSQL and one {@code lookout probe} that talks to node-a only. Each monitor is checked from
 * the server (its owner) and the probe; the probe cannot reach the odd ones. Every node, owner or
 * not, shows the same vantage points with their last results: the owner's server point from the
 * rows it stores in its result batches, the probe's from the rows stored under its name.
 */
class ClusterVantageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final int MONITORS = 6;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private ProbeProcess probe;
    private final List<NodeProcess> nodes = new ArrayList<>();
    /** What the nodes showed when last asked, for the message of a failure. */
    private volatile String shown = "";

    @AfterEach
    void stopProbe() throws InterruptedException {
        if (probe != null) {
            probe.destroy();
        }
    }

    private String sections(int open) {
        StringBuilder out = new StringBuilder("""
                probes:
                  - { name: probe-eu, region: eu }
                components:
                  - { id: shop, name: Shop }
                monitors:
                """);
        for (int i = 0; i < MONITORS; i++) {
            // The probe's SHOP_PORT is closed: the odd monitors fail from it, never from the servers.
            String port = i % 2 == 0 ? String.valueOf(open) : "${SHOP_PORT:-" + open + "}";
            out.append(("  - { id: shop%d, type: http, url: \"http://127.0.0.1:%s/shop%d\", interval: 3s, timeout: 1s,"
                    + " failure_threshold: 1, component: shop, vantage: { from: [server, eu] } }\n").formatted(i, port, i));
        }
        return out.toString();
    }

    @Test
    void every_node_shows_the_same_vantage_points_with_their_last_results_whoever_owns_the_monitor() throws Exception {
        List<String> ids = IntStream.range(0, MONITORS).mapToObj(i -> "shop" + i).toList();
        assertThat(ids.stream().map(id -> Ownership.owner(id, NODES)).collect(Collectors.toSet()))
                .as("each node owns some of them").isEqualTo(Set.copyOf(NODES));
        int open = cluster.target(id -> 200);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String name : NODES) {
            nodes.add(cluster.start(name, sections(open)));
        }
        eventually("both nodes see each other", () -> cluster.owned(nodes.get(0)).size() == 2
                && cluster.owned(nodes.get(1)).size() == 2);
        Path config = cluster.dir().resolve("node-a-0.yaml");
        probe = new ProbeProcess("probe-eu", List.of("http://127.0.0.1:" + nodes.get(0).uri("/").getPort()),
                cluster.dir().resolve("probe-eu-data"), cluster.dir().resolve("probe-eu.log"))
                .withEnvironment("SHOP_PORT", String.valueOf(closed))
                .start(ProbeProcess.cli("probe-token", "create", "probe-eu", "--config", config.toString()));

        for (int i = 0; i < MONITORS; i++) {
            String id = "shop" + i;
            String probeSays = i % 2 == 0 ? "up" : "down";
            // Each node's answers over time: the non-owner follows within the time the owner's batch and the next read
            // take, so both must have shown the very same result of each point at some moment.
            List<Set<String>> answers = List.of(new java.util.HashSet<>(), new java.util.HashSet<>());
            eventually(id + ": both nodes show server up and probe-eu " + probeSays + ", with the same last results", () -> {
                shown = "";
                for (int n = 0; n < nodes.size(); n++) {
                    JsonNode points = vantagePoints(nodes.get(n), id);
                    shown += nodes.get(n).uri("/") + ": " + points + "\n";
                    if (points.size() != 2 || !"up".equals(points.get(0).path("verdict").asText())
                            || !probeSays.equals(points.get(1).path("verdict").asText())) {
                        return false;
                    }
                    for (JsonNode p : points) {
                        answers.get(n).add(summary(p));
                    }
                }
                Set<String> both = new java.util.HashSet<>(answers.get(0));
                both.retainAll(answers.get(1));
                return both.stream().anyMatch(a -> a.startsWith("server ")) && both.stream().anyMatch(a -> a.startsWith("probe-eu "));
            });
            JsonNode points = vantagePoints(nodes.get(NODES.indexOf(Ownership.owner(id, NODES)) == 0 ? 1 : 0), id);
            JsonNode server = points.get(0);
            assertThat(server.path("name").asText()).isEqualTo("server");
            assertThat(server.path("healthy").asBoolean()).as("the non-owner counts the owner's point as fresh").isTrue();
            assertThat(server.path("last_result").path("outcome").asText()).isEqualTo("ok");
            assertThat(server.path("last_result").path("timings").path("connect_ms").isNumber()).isTrue();
            JsonNode eu = points.get(1);
            assertThat(eu.path("name").asText()).isEqualTo("probe-eu");
            assertThat(eu.path("last_result").path("outcome").asText()).isEqualTo(i % 2 == 0 ? "ok" : "failed");
        }

        for (NodeProcess node : nodes) {
            eventually(node.uri("/") + " component page shows both points of every monitor", () -> {
                String page = node.get("/components/shop").body();
                int at = page.indexOf("vantage-title");
                if (at < 0) {
                    return false;
                }
                String shown = page.substring(at);
                return count(shown, "<span>server") == MONITORS && count(shown, "probe-eu <span") == MONITORS
                        && !shown.contains("No verdict yet") && !shown.contains("not counted now")
                        && count(shown, "Down</span>") == MONITORS / 2;
            });
        }
        for (NodeProcess node : nodes) {
            assertThat(node.crashed()).isEmpty();
        }
    }

    /** A point's name, verdict, health and last result (start, outcome, message): what two nodes must agree on. */
    private static String summary(JsonNode p) {
        JsonNode last = p.path("last_result");
        return p.path("name").asText() + " " + p.path("verdict").asText() + " " + p.path("healthy").asBoolean() + " "
                + last.path("started_at").asText() + " " + last.path("outcome").asText() + " " + last.path("message").asText();
    }

    private static JsonNode vantagePoints(NodeProcess node, String id) {
        try {
            return JSON.readTree(node.get("/api/v1/monitors/" + id + "/vantage").body()).path("vantage_points");
        } catch (Exception notAnswering) {
            return JSON.createArrayNode();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private void eventually(String what, Callable<Boolean> condition) {
        try {
            await(what, condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nlast shown:\n" + shown, e);
        }
    }

    private void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (probe != null && !probe.alive()) {
                throw new AssertionError("the probe exited:\n" + probe.logTail(30));
            }
            for (NodeProcess node : nodes) {
                node.crashed().ifPresent(why -> {
                    throw new AssertionError(why + "\n" + node.logTail(40));
                });
            }
            return condition.call();
        });
    }
}
