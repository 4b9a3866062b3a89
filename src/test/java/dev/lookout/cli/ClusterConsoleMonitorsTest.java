package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.cluster.Ownership;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's monitors across a cluster (issue 15): two node JVMs on one PostgreSQL schema. A
 * monitor created through node-a's admin API is checked by node-a, the node that owns it, and its
 * result shows; it appears on node-b's API once node-b has read the console's monitors again; an
 * edit through node-b changes what node-a checks; a delete through node-b takes it off both, and
 * node-a stops checking it. Only outcomes are asserted; each wait is generous and polls.
 */
class ClusterConsoleMonitorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("node-a", "node-b");
    /** JVMs on a busy two-core machine: far more than the two-second reading of the console's monitors. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    /** Requests per path received by the target: which definition the cluster checks. */
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @Test
    void a_console_monitor_written_on_either_node_is_run_shown_changed_and_deleted_on_both() throws Exception {
        int port = cluster.target(path -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return path.endsWith("-broken") ? 503 : 200;
        });
        // An id node-a owns, so that node-a is the one that runs it whichever node it is written on.
        String id = IntStream.range(0, 100).mapToObj(i -> "checkout" + i)
                .filter(candidate -> Ownership.owner(candidate, NODES).equals("node-a")).findFirst().orElseThrow();
        String sections = ClusterNodes.httpMonitors(List.of("clock"), port);
        NodeProcess a = cluster.start("node-a", sections);
        NodeProcess b = cluster.start("node-b", sections);
        for (NodeProcess node : List.of(a, b)) {
            eventually(node.name + " sees both nodes alive", () -> cluster.owned(node).size() == 2);
        }

        HttpResponse<String> created = send(a, "POST", "/api/v1/monitors", definition(id, "Checkout", port, id));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long version = JSON.readTree(created.body()).path("version").asLong();
        eventually("node-a checks the new monitor and it is up", () -> hits(id) > 0 && "up".equals(a.monitorState(id)));
        assertThat(monitor(a, id).path("last_result").path("outcome").asText()).isEqualTo("ok");
        eventually("node-b's API shows it", () -> send(b, "GET", "/api/v1/monitors/" + id, null).statusCode() == 200);
        assertThat(monitor(b, id).path("name").asText()).isEqualTo("Checkout");
        assertThat(definitionOf(b, id).path("source").asText()).isEqualTo("console");

        HttpResponse<String> edited = send(b, "PUT", "/api/v1/monitors/" + id + "?version=" + version,
                definition(id, "Checkout (broken)", port, id + "-broken"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        long edit = JSON.readTree(edited.body()).path("version").asLong();
        eventually("node-a checks the edited definition: down", () -> hits(id + "-broken") > 0
                && "down".equals(a.monitorState(id)));
        assertThat(monitor(a, id).path("name").asText()).isEqualTo("Checkout (broken)");
        assertThat(definitionOf(a, id).path("version").asLong()).isEqualTo(edit);

        HttpResponse<String> deleted = send(b, "DELETE", "/api/v1/monitors/" + id + "?version=" + edit, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        for (NodeProcess node : List.of(a, b)) {
            eventually("the monitor is gone from " + node.name + "'s API",
                    () -> send(node, "GET", "/api/v1/monitors/" + id, null).statusCode() == 404);
        }
        int atDelete = hits(id + "-broken");
        int clock = hits("clock");
        eventually("the clock monitor is checked three more times", () -> hits("clock") >= clock + 3);
        assertThat(hits(id + "-broken")).as("no more checks after the delete, but one that was under way")
                .isLessThanOrEqualTo(atDelete + 1);
        assertThat(managedIds(a)).doesNotContain(id);
        assertThat(managedIds(b)).doesNotContain(id);
        assertThat(a.crashed()).isEmpty();
        assertThat(b.crashed()).isEmpty();
    }

    private static String definition(String id, String name, int port, String path) {
        return """
                id: %s
                name: %s
                type: http
                url: "http://127.0.0.1:%d/%s"
                interval: 1s
                timeout: 1s
                failure_threshold: 1
                """.formatted(id, name, port, path);
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private static JsonNode monitor(NodeProcess node, String id) throws Exception {
        return JSON.readTree(send(node, "GET", "/api/v1/monitors/" + id, null).body());
    }

    private static JsonNode definitionOf(NodeProcess node, String id) throws Exception {
        return JSON.readTree(send(node, "GET", "/api/v1/monitors/" + id + "/definition", null).body());
    }

    private static List<String> managedIds(NodeProcess node) throws Exception {
        return JSON.readTree(send(node, "GET", "/api/v1/managed-monitors", null).body()).findValuesAsText("id");
    }

    /** A request with the admin token; a body is sent as YAML. */
    private static HttpResponse<String> send(NodeProcess node, String method, String path, String yaml) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ClusterNodes.TOKEN)
                .method(method, yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml));
        if (yaml != null) {
            request.header("Content-Type", "application/yaml");
        }
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void eventually(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
    }
}
