package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.cluster.Ownership;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes in one process on one PostgreSQL schema: a pause, a resume and a check now given to
 * the node that does not check the monitor are carried out by the node that does.
 */
class ClusterMonitorControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "cluster-control-token-0123456789";
    private static final List<String> NODES = List.of("node-a", "node-b");

    @TempDir
    Path dir;
    private SharedPostgres postgres;
    private HttpServer target;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, LookoutNode> nodes = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        postgres = SharedPostgres.createDatabase();
        String store = postgres.newSchemaUrl();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            hits.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        int port = target.getAddress().getPort();
        CheckTypes types = CheckTypes.standard();
        for (String name : NODES) {
            Path config = dir.resolve(name + ".yaml");
            Files.writeString(config, """
                    server: { listen: "127.0.0.1:0", admin_token: "%s", node_name: %s }
                    storage: { url: "%s", state_file: "%s" }
                    monitors:
                      - { id: target, type: http, url: "http://127.0.0.1:%d/target", interval: 1s, timeout: 1s }
                      - { id: clock, type: http, url: "http://127.0.0.1:%d/clock", interval: 1s, timeout: 1s }
                      - { id: hourly, type: http, url: "http://127.0.0.1:%d/hourly", interval: 1h, timeout: 1s }
                    """.formatted(TOKEN, name, store, dir.resolve(name + ".state"), port, port, port));
            nodes.put(name, new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start());
        }
    }

    @AfterEach
    void stop() throws Exception {
        nodes.values().forEach(LookoutNode::close);
        target.stop(0);
        postgres.close();
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private URI base(String node) {
        return URI.create("http://127.0.0.1:" + nodes.get(node).port());
    }

    @Test
    void the_node_that_checks_a_monitor_carries_out_a_pause_a_resume_and_a_check_given_to_another_node() throws Exception {
        for (String node : NODES) {
            NodeHttp.await(node + " sees both nodes alive", () -> ClusterShares.owned(base(node), TOKEN).size() == 2);
        }
        String owner = Ownership.owner("target", NODES);
        String other = NODES.stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        NodeHttp.await("the target is checked", () -> hits("/target") >= 2);

        assertThat(send(other, "/api/v1/monitors/target/pause", "{\"reason\":\"elsewhere\"}").statusCode()).isEqualTo(200);
        NodeHttp.await("the owner applies the pause", () -> monitor(owner, "target").path("state").asText().equals("paused"));
        assertThat(monitor(owner, "target").path("pause").path("by").asText()).isEqualTo("admin token");
        int atPause = hits("/target");
        // The owner stopped its schedule when it applied the pause; one check may have been under way. The clock
        // monitor, checked every second by whichever node owns it, tells that time went by.
        int clock = hits("/clock");
        NodeHttp.await("the clock monitor is checked three more times", () -> hits("/clock") >= clock + 3);
        assertThat(hits("/target")).isLessThanOrEqualTo(atPause + 1);

        assertThat(send(other, "/api/v1/monitors/target/resume", "").statusCode()).isEqualTo(200);
        int atResume = hits("/target");
        NodeHttp.await("checked again after the resume", () -> hits("/target") >= atResume + 2);

        int hourly = hits("/hourly");
        assertThat(send(other, "/api/v1/monitors/hourly/check", "").statusCode()).isEqualTo(202);
        NodeHttp.await("the check asked for on the other node ran", () -> hits("/hourly") > hourly);
        NodeHttp.await("and its request was cleared", () -> monitor(other, "hourly").path("check_requested_at").isNull());
    }

    private JsonNode monitor(String node, String id) throws Exception {
        return JSON.readTree(NodeHttp.HTTP.send(HttpRequest.newBuilder(base(node).resolve("/api/v1/monitors/" + id))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> send(String node, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base(node).resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN);
        request.header("Content-Type", "application/json").POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
