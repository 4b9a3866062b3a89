package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigWatcher;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredHistory;
import dev.lookout.store.Stores;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node against real sockets and a real SQLite file: checks run, states change, the API and page show them. */
class LookoutNodeTest {
    /** How long a test waits for what checks every second bring: a broken node never gets there, a busy one does. */
    private static final Duration OUTCOME = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CheckTypes types = CheckTypes.standard();
    private final ConfigLoader loader = new ConfigLoader(types, Map.of());

    @TempDir
    Path dir;
    private HttpServer target;
    private int closedPort;
    private Path configFile;
    private LookoutNode node;

    @BeforeEach
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        configFile = dir.resolve("lookout.yaml");
        Files.writeString(configFile, config(""));
    }

    private String config(String extraMonitors) {
        return """
                server: { listen: "127.0.0.1:0", node_name: test-node }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: web, name: "Web Shop", group: Public }
                  - { id: db, name: "Payments Database", group: Internal }
                monitors:
                  - id: shop
                    type: http
                    url: "http://127.0.0.1:%d/health"
                    interval: 1s
                    timeout: 900ms
                    component: web
                    failure_threshold: 1
                    conditions: [ "status == 200", "body.$.status == ok", "latency < 2s" ]
                  - { id: payments-db, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms, component: db, failure_threshold: 1 }
                %s""".formatted(dir.resolve("data/lookout.db"), target.getAddress().getPort(), closedPort, extraMonitors);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        target.stop(0);
    }

    private LookoutNode start() throws Exception {
        node = new LookoutNode(types, loader.load(configFile)).start();
        return node;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        return JSON.readTree(get(path).body());
    }

    @Test
    void checks_run_and_the_api_shows_state_last_result_timings_and_uptime() throws Exception {
        start();
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/shop").path("state").asText().equals("up"));
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/payments-db").path("state").asText().equals("down"));
        JsonNode shop = json("/api/v1/monitors/shop");
        assertThat(shop.path("type").asText()).isEqualTo("http");
        assertThat(shop.path("component").asText()).isEqualTo("web");
        JsonNode last = shop.path("last_result");
        assertThat(last.path("outcome").asText()).isEqualTo("ok");
        assertThat(last.path("timings").path("connect_ms").asDouble()).isPositive();
        assertThat(last.path("timings").path("total_ms").asDouble()).isGreaterThanOrEqualTo(last.path("timings").path("first_byte_ms").asDouble());
        assertThat(last.path("timings").path("tls_ms").isNull()).isTrue();
        assertThat(last.path("conditions")).hasSize(3);
        assertThat(last.path("conditions").get(1).path("actual").asText()).isEqualTo("ok");
        JsonNode db = json("/api/v1/monitors/payments-db");
        assertThat(db.path("last_result").path("outcome").asText()).isEqualTo("failed");
        assertThat(db.path("last_result").path("message").asText()).contains("refused");
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/shop").path("uptime").path("24h").asDouble() == 1.0);
        assertThat(json("/api/v1/monitors").path("monitors")).extracting(m -> m.path("id").asText())
                .containsExactly("payments-db", "shop");
        // the list reads the figures of its page after filtering from memory: the same uptime as the monitor's own
        assertThat(json("/api/v1/monitors?q=shop").path("monitors")).singleElement()
                .satisfies(m -> assertThat(m.path("uptime").path("24h").asDouble()).isEqualTo(1.0));
    }

    @Test
    void unknown_ids_and_routes_are_json_errors() throws Exception {
        start();
        HttpResponse<String> missing = get("/api/v1/monitors/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("no monitor with id 'nope'");
        HttpResponse<String> route = get("/api/v1/nothing-here");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(route.body()).path("error").asText()).contains("/api/v1/nothing-here");
    }

    @Test
    void the_status_page_shows_components_their_state_and_the_uptime_bar() throws Exception {
        start();
        // The page is a snapshot cached for 5 s: wait until it shows both monitors' first results.
        await().atMost(OUTCOME).until(() -> {
            String body = get("/").body();
            return body.contains("Major outage") && body.contains(">Operational<");
        });
        String page = get("/").body();
        assertThat(page).contains("Web Shop", "Payments Database", "Public", "Internal", "Major outage", "Operational");
        assertThat(page).doesNotContain("<script src", "http://", "https://");
        assertThat(page.split("<div class=\"bar\"", -1)).as("one uptime bar per component").hasSize(2 + 1);
    }

    @Test
    void health_readiness_and_metrics() throws Exception {
        start();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("ready");
        await().atMost(OUTCOME).until(() -> get("/metrics").body().contains("lookout_checks_total"));
        assertThat(get("/metrics").body()).contains("lookout_schedule_lag_seconds", "lookout_check_duration_seconds",
                "lookout_check_results_total{outcome=\"failed\"}", "lookout_store_results_written_total", "lookout_store_write_errors_total");
    }

    @Test
    void every_state_change_is_stored_with_its_cause_and_restored_after_a_restart() throws Exception {
        start();
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/payments-db").path("state").asText().equals("down"));
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/shop").path("state").asText().equals("up"));
        node.close();
        node = null;
        try (Store store = Stores.open("sqlite:" + dir.resolve("data/lookout.db"), StoreOptions.defaults())) {
            List<StateChange> changes = StoredHistory.stateChanges(store, "payments-db", 10);
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.from()).isEqualTo(MonitorState.UNKNOWN);
                assertThat(c.to()).isEqualTo(MonitorState.DOWN);
                assertThat(c.cause().message()).contains("refused");
            });
            assertThat(store.lastStates()).containsEntry("shop", MonitorState.UP);
        }
        start();
        assertThat(json("/api/v1/monitors/payments-db").path("state").asText()).isEqualTo("down");
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/payments-db").path("last_result")
                .path("started_at").asText().compareTo(java.time.Instant.now().minusSeconds(3).toString()) > 0);
        node.close();
        node = null;
        try (Store store = Stores.open("sqlite:" + dir.resolve("data/lookout.db"), StoreOptions.defaults())) {
            assertThat(StoredHistory.stateChanges(store, "payments-db", 10)).as("no second UNKNOWN -> DOWN after the restart").hasSize(1);
        }
    }

    @Test
    void a_changed_file_is_applied_without_restart_and_an_invalid_one_is_rejected() throws Exception {
        start();
        await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/shop").path("state").asText().equals("up"));
        try (ConfigWatcher watcher = new ConfigWatcher(configFile, loader, node::reload, Duration.ofMillis(100)).start()) {
            Files.writeString(configFile, config("""
                      - { id: second, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms }
                    """.formatted(target.getAddress().getPort())));
            await().atMost(OUTCOME).until(() -> get("/api/v1/monitors/second").statusCode() == 200);
            assertThat(json("/api/v1/monitors/shop").path("state").asText()).as("unchanged monitor keeps its state").isEqualTo("up");
            await().atMost(OUTCOME).until(() -> json("/api/v1/monitors/second").path("state").asText().equals("up"));

            Files.writeString(configFile, "monitors:\n  - { id: broken, type: http, interval: 5x }\n");
            assertThat(watcher.reload()).isFalse();
            assertThat(get("/api/v1/monitors/second").statusCode()).as("the running configuration stays").isEqualTo(200);
            assertThat(get("/api/v1/monitors/broken").statusCode()).isEqualTo(404);
        }
    }
}
