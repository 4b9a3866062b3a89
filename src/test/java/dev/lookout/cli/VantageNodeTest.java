package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with monitors checked from probes too (issue 14): the server checks only those whose
 * vantage names it, and {@code /api/v1/monitors/{id}/vantage} shows each vantage point.
 */
class VantageNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LookoutNode node;
    private ServerSocket shared;
    private ServerSocket probesOnly;
    private final AtomicInteger probesOnlyConnections = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        shared.close();
        probesOnly.close();
    }

    private static void accept(ServerSocket socket, AtomicInteger count) {
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    count.incrementAndGet();
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        });
    }

    @Test
    void the_server_checks_only_monitors_whose_vantage_names_it_and_the_api_shows_each_point() throws Exception {
        shared = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        probesOnly = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger sharedConnections = new AtomicInteger();
        accept(shared, sharedConnections);
        accept(probesOnly, probesOnlyConnections);
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                probes:
                  - { name: probe-eu, region: eu }
                  - { name: probe-us, region: us }
                components:
                  - { id: shop, name: Shop }
                monitors:
                  - { id: shared, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms, component: shop,
                      vantage: { from: [server, eu, us], quorum: 2 } }
                  - { id: remote, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms,
                      vantage: { from: [eu, us], quorum: any, partial: up } }
                """.formatted(dir.resolve("data/lookout.db"), shared.getLocalPort(), probesOnly.getLocalPort()));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();

        Awaitility.await("the server's own checks of 'shared'").atMost(Duration.ofSeconds(30))
                .until(() -> sharedConnections.get() >= 3);
        JsonNode shared = JSON.readTree(NodeHttp.get(node, "/api/v1/monitors/shared/vantage").body());
        assertThat(shared.path("points")).extracting(JsonNode::asText).containsExactly("server", "probe-eu", "probe-us");
        assertThat(shared.path("quorum").asInt()).isEqualTo(2);
        assertThat(shared.path("partial").asText()).isEqualTo("degraded");
        JsonNode server = shared.path("vantage_points").get(0);
        assertThat(server.path("name").asText()).isEqualTo("server");
        assertThat(server.path("verdict").asText()).isEqualTo("up");
        assertThat(server.path("healthy").asBoolean()).isTrue();
        assertThat(server.path("last_result").path("outcome").asText()).isEqualTo("ok");
        assertThat(server.path("last_result").path("timings").path("connect_ms").isNumber()).isTrue();
        assertThat(shared.path("vantage_points").get(1).path("last_result").isNull()).as("probe-eu said nothing yet").isTrue();
        assertThat(shared.path("vantage_points").get(1).path("healthy").asBoolean()).isFalse();
        JsonNode monitor = JSON.readTree(NodeHttp.get(node, "/api/v1/monitors/shared").body());
        assertThat(monitor.path("state").asText()).as("the only healthy point is a quorum of one").isEqualTo("up");

        Awaitility.await("the component's page shows each vantage point").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String page = NodeHttp.get(node, "/components/shop").body();
            String points = page.substring(page.indexOf("vantage-title"));
            assertThat(points).contains("Checked from").contains("<span>server").contains("Up</span>")
                    .containsPattern("connect \\d+(\\.\\d)? ms, total \\d+(\\.\\d)? ms")
                    .contains("probe-eu <span class=\"meta-inline\">(region eu)</span>").contains("No verdict yet")
                    .contains("not counted now: no recent result");
        });

        assertThat(probesOnlyConnections.get()).as("a monitor checked only from probes is not checked by the server")
                .isZero();
        JsonNode remote = JSON.readTree(NodeHttp.get(node, "/api/v1/monitors/remote").body());
        assertThat(remote.path("state").asText()).isEqualTo("unknown");
        assertThat(JSON.readTree(NodeHttp.get(node, "/api/v1/monitors/remote/vantage").body()).path("quorum").asText())
                .isEqualTo("any");
        var missing = NodeHttp.get(node, "/api/v1/monitors/nope/vantage");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("no monitor with id 'nope'");
    }
}
