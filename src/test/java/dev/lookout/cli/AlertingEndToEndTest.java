package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.schedule.Watchdog;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting through a whole node: a real HTTP target that starts failing, a webhook channel to a
 * recording receiver, acknowledgement through the API, recovery. One notification of each kind,
 * each with what a person on call needs.
 */
class AlertingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private final CheckTypes types = CheckTypes.standard();

    @TempDir
    Path dir;
    private final AtomicInteger targetStatus = new AtomicInteger(200);
    private HttpServer target;
    private RecordingReceiver receiver;
    private LookoutNode node;
    private int port;

    @BeforeEach
    void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(targetStatus.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        receiver = new RecordingReceiver();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // public_url must name the real port for the links to work
        }
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server:
                  listen: "127.0.0.1:%d"
                  public_url: "http://127.0.0.1:%d"
                  node_name: e2e-node
                  admin_token: "%s"
                storage: { url: "sqlite:%s" }
                components:
                  - { id: web, name: "Web Shop" }
                monitors:
                  - id: shop
                    name: Shop API
                    type: http
                    url: "http://127.0.0.1:%d/health"
                    interval: 1s
                    timeout: 1s
                    component: web
                    failure_threshold: 2
                    success_threshold: 1
                    conditions: [ "status == 200", "body.$.status == ok" ]
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: 0s
                  routes: [ { monitors: [shop], channels: [hook], on: [down, recovered] } ]
                """.formatted(port, port, ADMIN_TOKEN, dir.resolve("data/lookout.db"), target.getAddress().getPort(),
                receiver.url("/hook")));
        node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(file)).start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        receiver.close();
        target.stop(0);
    }

    @Test
    void down_acknowledged_and_recovered_each_reach_the_webhook_once_with_the_whole_story() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("up"));
        assertThat(receiver.requests()).as("UP from UNKNOWN is not an alert").isEmpty();

        Instant failedAt = Instant.now();
        targetStatus.set(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1);
        RecordingReceiver.Request downRequest = receiver.requests().getFirst();
        JsonNode down = downRequest.json();
        String episode = down.path("alerts").path(0).path("episode").asText();

        assertThat(downRequest.method()).isEqualTo("POST");
        assertThat(downRequest.path()).isEqualTo("/hook");
        assertThat(downRequest.header("Content-Type")).isEqualTo("application/json");
        assertThat(downRequest.header("X-Lookout-Event")).isEqualTo("down");
        assertThat(downRequest.header("X-Lookout-Delivery")).isNotBlank().isEqualTo(down.path("id").asText());
        assertThat(fieldNames(down)).containsExactly("id", "kind", "at", "node", "title", "text", "alerts");
        assertThat(down.path("kind").asText()).isEqualTo("down");
        assertThat(Instant.parse(down.path("at").asText())).isAfterOrEqualTo(failedAt.minusSeconds(1));
        assertThat(down.path("node").asText()).isEqualTo("e2e-node");
        assertThat(down.path("title").asText()).isEqualTo("Down: Shop API (shop)");
        assertThat(down.path("alerts")).hasSize(1);
        JsonNode alert = down.path("alerts").path(0);
        assertThat(fieldNames(alert)).containsExactly("episode", "kind", "monitor_id", "monitor_name", "monitor_type",
                "component", "state", "since", "down_for", "cause", "failed_conditions", "dependents", "monitor_url", "ack_url");
        assertThat(episode).startsWith("shop@");
        assertThat(alert.path("kind").asText()).isEqualTo("down");
        assertThat(alert.path("monitor_id").asText()).isEqualTo("shop");
        assertThat(alert.path("monitor_name").asText()).isEqualTo("Shop API");
        assertThat(alert.path("monitor_type").asText()).isEqualTo("http");
        assertThat(alert.path("component").asText()).isEqualTo("Web Shop");
        assertThat(alert.path("state").asText()).isEqualTo("DOWN");
        // Since the start of the first failed check: it got its 500 after failedAt, so it started at most its 1 s
        // timeout before (and the watchdog's grace, which a busy machine may use).
        assertThat(Instant.parse(alert.path("since").asText())).isBetween(failedAt.minusSeconds(1).minus(Watchdog.OVERRUN_GRACE),
                Instant.parse(down.path("at").asText()));
        assertThat(alert.path("down_for").isNull()).isTrue();
        assertThat(alert.path("cause").asText()).isEqualTo("status == 200 failed (actual: 500)");
        assertThat(alert.path("failed_conditions")).hasSize(1);
        assertThat(alert.path("failed_conditions").path(0).path("condition").asText()).isEqualTo("status == 200");
        assertThat(alert.path("failed_conditions").path(0).path("actual").asText()).isEqualTo("500");
        assertThat(alert.path("dependents")).isEmpty();
        assertThat(alert.path("monitor_url").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/v1/monitors/shop");
        String ackUrl = alert.path("ack_url").asText();
        assertThat(ackUrl).startsWith("http://127.0.0.1:" + port + "/alerts/ack/");
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
        assertThat(down.path("text").asText()).matches(Pattern.quote("""
                Down: Shop API (shop)
                Monitor: Shop API (shop)
                Type: http
                Component: Web Shop
                State: DOWN
                Since: %s""".formatted(utc.format(Instant.parse(alert.path("since").asText())))) + "( \\(\\d+s ago\\))?"
                + Pattern.quote("""

                Cause: status == 200 failed (actual: 500)
                Failed conditions: status == 200 (actual: 500)
                Open monitor: http://127.0.0.1:%d/api/v1/monitors/shop · Acknowledge: %s

                Seen from e2e-node at %s""".formatted(port, ackUrl, utc.format(Instant.parse(down.path("at").asText())))));
        HttpResponse<String> ackPage = http.send(HttpRequest.newBuilder(URI.create(ackUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ackPage.statusCode()).as("the link works; opening it only asks").isEqualTo(200);
        assertThat(ackPage.body()).contains("Acknowledge " + episode + "?", "<form method=\"post\">");

        HttpResponse<String> ack = http.send(HttpRequest.newBuilder(api("/api/v1/alerts/" + episode + "/ack"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"alice\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).path("acknowledged_by").asText()).as("who called, for whom")
                .isEqualTo("alice via admin token");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 2);
        JsonNode acknowledged = receiver.requests().get(1).json();
        assertThat(acknowledged.path("kind").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("alerts")).hasSize(1);
        assertThat(acknowledged.path("alerts").path(0).path("episode").asText()).isEqualTo(episode);
        assertThat(acknowledged.path("alerts").path(0).path("kind").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("alerts").path(0).path("ack_url").isNull()).as("nothing left to acknowledge").isTrue();

        targetStatus.set(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 3);
        JsonNode recovered = receiver.requests().get(2).json();
        assertThat(recovered.path("kind").asText()).isEqualTo("recovered");
        assertThat(recovered.path("title").asText()).isEqualTo("Recovered: Shop API (shop)");
        JsonNode recovery = recovered.path("alerts").path(0);
        assertThat(recovery.path("episode").asText()).isEqualTo(episode);
        assertThat(recovery.path("state").asText()).isEqualTo("UP");
        assertThat(recovery.path("since").asText()).as("a recovery says since when it was down").isEqualTo(alert.path("since").asText());
        assertThat(recovery.path("down_for").asText()).matches("\\d+s");
        assertThat(recovery.path("ack_url").isNull()).isTrue();

        // Exactly one of each: nothing more arrives while the monitor stays up.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).until(() -> receiver.requests().size() == 3);
        List<RecordingReceiver.Request> all = receiver.requests();
        assertThat(all).extracting(r -> r.json().path("kind").asText()).containsExactly("down", "acknowledged", "recovered");
        assertThat(all).extracting(r -> r.header("X-Lookout-Delivery")).doesNotHaveDuplicates();
        JsonNode stored = adminGet("/api/v1/alerts/" + episode);
        assertThat(Instant.parse(stored.path("resolved_at").asText())).isAfter(Instant.parse(stored.path("acknowledged_at").asText()));
        assertThat(stored.path("acknowledged_by").asText()).isEqualTo("alice via admin token");
        assertThat(stored.path("notifications")).extracting(n -> n.path("kind").asText() + " " + n.path("status").asText())
                .containsExactlyInAnyOrder("down delivered", "acknowledged delivered", "recovered delivered");
        assertThat(stored.path("notifications")).as("the id each one was sent with")
                .extracting(n -> n.path("delivery_id").asText())
                .containsExactlyInAnyOrderElementsOf(all.stream().map(r -> r.header("X-Lookout-Delivery")).toList());
        assertThat(adminGet("/api/v1/alerts?status=delivered").path("notifications")).hasSize(3);
    }

    private JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String state() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(api("/api/v1/monitors/shop")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("state").asText();
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
