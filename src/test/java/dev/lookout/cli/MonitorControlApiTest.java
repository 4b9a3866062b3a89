package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause, resume, check now and silence through {@code /api/v1/monitors/{id}/...} of a real node
 * over SQLite, with real HTTP targets that count the checks they receive and a webhook receiver
 * as the alert channel.
 */
class MonitorControlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "monitor-control-token-0123456789";

    @TempDir
    Path dir;
    private HttpServer target;
    /** Checks received per path: /paused, /busy (never paused, the clock of the test), /hourly, /failing. */
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger failingStatus = new AtomicInteger(200);
    private RecordingReceiver receiver;
    private Path config;
    private LookoutNode node;

    @BeforeEach
    void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = path.equals("/failing") ? failingStatus.get() : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        target.start();
        receiver = new RecordingReceiver();
        int port = target.getAddress().getPort();
        config = dir.resolve("lookout.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components: [ { id: web, name: Web } ]
                monitors:
                  - { id: paused, type: http, url: "http://127.0.0.1:%d/paused", interval: 1s, timeout: 1s, component: web }
                  - { id: busy, type: http, url: "http://127.0.0.1:%d/busy", interval: 1s, timeout: 1s }
                  - { id: hourly, type: http, url: "http://127.0.0.1:%d/hourly", interval: 1h, timeout: 1s }
                  - { id: failing, type: http, url: "http://127.0.0.1:%d/failing", interval: 1s, timeout: 1s,
                      failure_threshold: 1, success_threshold: 1 }
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: 0s
                  routes: [ { monitors: [failing], channels: [hook], on: [down, recovered] } ]
                """.formatted(TOKEN, dir.resolve("lookout.db"), port, port, port, port, receiver.url("/hook")));
        node = startNode();
    }

    private LookoutNode startNode() throws Exception {
        CheckTypes types = CheckTypes.standard();
        return new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        receiver.close();
        target.stop(0);
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    @Test
    void a_paused_monitor_is_not_checked_shows_who_paused_it_and_why_and_is_checked_again_once_resumed() throws Exception {
        NodeHttp.await("the monitor is checked", () -> hits("/paused") >= 2);

        HttpResponse<String> paused = send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"moving the database\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).path("pause").path("reason").asText()).isEqualTo("moving the database");
        int atPause = hits("/paused");
        int busyAtPause = hits("/busy");

        JsonNode monitor = monitor("paused");
        assertThat(monitor.path("state").asText()).isEqualTo("paused");
        assertThat(monitor.path("paused").asBoolean()).isTrue();
        assertThat(monitor.path("pause").path("reason").asText()).isEqualTo("moving the database");
        assertThat(monitor.path("pause").path("by").asText()).isEqualTo("admin token");
        assertThat(monitor.path("pause").path("until").isNull()).isTrue();
        for (String authorization : new String[] {null, "Bearer not-a-key"}) {
            JsonNode shown = JSON.readTree(NodeHttp.HTTP.send(authorized(HttpRequest.newBuilder(NodeHttp.uri(node,
                    "/api/v1/monitors/paused")), authorization).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(shown.path("paused").asBoolean()).as("anyone sees that it is paused").isTrue();
            assertThat(shown.path("pause").path("at").asText()).isEqualTo(monitor.path("pause").path("at").asText());
            assertThat(shown.path("pause").path("reason").isNull()).as("the reason is the operators'").isTrue();
            assertThat(shown.path("pause").path("by").isNull()).as("and who paused it").isTrue();
        }
        JsonNode all = JSON.readTree(NodeHttp.get(node, "/api/v1/monitors").body()).path("monitors");
        assertThat(all.findValues("id").stream().map(JsonNode::asText)).contains("paused");
        JsonNode listed = java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(m -> m.path("id").asText().equals("paused")).findFirst().orElseThrow();
        assertThat(listed.path("pause").path("at").isTextual()).as("the list has the pause too").isTrue();
        assertThat(listed.path("pause").path("reason").isNull()).as("without the reason, anonymously").isTrue();
        JsonNode listedForOperator = java.util.stream.StreamSupport.stream(JSON.readTree(send("GET", "/api/v1/monitors", null)
                .body()).path("monitors").spliterator(), false).filter(m -> m.path("id").asText().equals("paused")).findFirst()
                .orElseThrow();
        assertThat(listedForOperator.path("pause").path("reason").asText()).isEqualTo("moving the database");

        // Another monitor checked every second is the clock: three of its checks later, the paused one had at most
        // the one check that may have been under way when it was paused.
        NodeHttp.await("the busy monitor is checked three more times", () -> hits("/busy") >= busyAtPause + 3);
        assertThat(hits("/paused")).as("checks of the paused monitor").isLessThanOrEqualTo(atPause + 1);

        HttpResponse<String> resumed = send("POST", "/api/v1/monitors/paused/resume", "");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(JSON.readTree(resumed.body()).path("result").asText()).isEqualTo("resumed");
        int atResume = hits("/paused");
        NodeHttp.await("checked again after the resume", () -> hits("/paused") >= atResume + 2);
        NodeHttp.await("up again", () -> monitor("paused").path("state").asText().equals("up"));
        assertThat(monitor("paused").path("pause").isNull()).isTrue();
    }

    @Test
    void a_pause_with_an_end_resumes_by_itself() throws Exception {
        NodeHttp.await("the monitor is checked", () -> hits("/paused") >= 1);
        Instant until = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        HttpResponse<String> paused = send("POST", "/api/v1/monitors/paused/pause",
                "{\"reason\":\"short window\",\"until\":\"" + until + "\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(monitor("paused").path("pause").path("until").asText()).isEqualTo(until.toString());
        int atPause = hits("/paused");

        NodeHttp.await("resumed by itself", () -> !monitor("paused").path("paused").asBoolean());
        NodeHttp.await("checked again", () -> hits("/paused") >= atPause + 2);
        assertThat(monitor("paused").path("pause").isNull()).isTrue();
    }

    @Test
    void check_now_runs_a_monitor_with_an_hourly_interval_at_once_and_the_request_is_then_cleared() throws Exception {
        // First runs are spread over at most a minute: the hourly monitor runs once on its own, then not for an hour.
        // Two checks asked for, each seen by the target, cannot both be that one run.
        for (int asked = 1; asked <= 2; asked++) {
            int before = hits("/hourly");
            HttpResponse<String> check = send("POST", "/api/v1/monitors/hourly/check", "");
            assertThat(check.statusCode()).as(check.body()).isEqualTo(202);
            NodeHttp.await("the check asked for ran", () -> hits("/hourly") > before);
        }
        NodeHttp.await("the request is cleared once the check started",
                () -> monitor("hourly").path("check_requested_at").isNull());
        NodeHttp.await("its result is shown", () -> monitor("hourly").path("state").asText().equals("up"));
    }

    @Test
    void a_silenced_monitor_records_its_outage_but_alerts_nobody_until_the_silence_ends() throws Exception {
        NodeHttp.await("up", () -> monitor("failing").path("state").asText().equals("up"));
        HttpResponse<String> silenced = send("POST", "/api/v1/monitors/failing/silence",
                "{\"until\":\"" + Instant.now().plus(Duration.ofHours(2)) + "\",\"reason\":\"vendor maintenance\"}");
        assertThat(silenced.statusCode()).as(silenced.body()).isEqualTo(200);
        assertThat(monitor("failing").path("silence").path("reason").asText()).isEqualTo("vendor maintenance");

        failingStatus.set(500);
        NodeHttp.await("the outage is recorded", () -> monitor("failing").path("state").asText().equals("down"));
        NodeHttp.await("the episode is stored", () -> JSON.readTree(send("GET", "/api/v1/alerts?monitor=failing", null).body())
                .path("episodes").size() == 1);
        JsonNode episode = JSON.readTree(send("GET", "/api/v1/alerts?monitor=failing", null).body()).path("episodes").path(0);
        assertThat(episode.path("state").asText()).isEqualTo("down");
        assertThat(episode.path("silenced").asText()).startsWith("silenced until ").contains("by admin token: vendor maintenance");
        JsonNode notifications = JSON.readTree(send("GET", "/api/v1/alerts/" + episode.path("id").asText(), null).body())
                .path("notifications");
        assertThat(notifications).as("no notification written while silenced").isEmpty();

        HttpResponse<String> ended = send("DELETE", "/api/v1/monitors/failing/silence", null);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(JSON.readTree(ended.body()).path("result").asText()).isEqualTo("unsilenced");
        NodeHttp.await("the held alert goes out once the silence ends", () -> receiver.requests().size() == 1);
        assertThat(receiver.requests().getFirst().json().path("kind").asText()).isEqualTo("down");
        assertThat(receiver.requests()).as("the silence let nothing else through").hasSize(1);
    }

    @Test
    void pausing_a_down_monitor_ends_its_episode_without_a_recovery_message() throws Exception {
        failingStatus.set(500);
        NodeHttp.await("the down alert is delivered", () -> receiver.requests().size() == 1);
        String episode = receiver.requests().getFirst().json().path("alerts").path(0).path("episode").asText();

        assertThat(send("POST", "/api/v1/monitors/failing/pause", "{\"reason\":\"known broken\"}").statusCode()).isEqualTo(200);
        assertThat(monitor("failing").path("state").asText()).isEqualTo("paused");
        // The episode is closed in the same write as any notification its end causes: once it reads resolved, there is none.
        NodeHttp.await("the episode is resolved", () -> !JSON.readTree(send("GET", "/api/v1/alerts/" + episode, null).body())
                .path("resolved_at").isNull());
        JsonNode notifications = JSON.readTree(send("GET", "/api/v1/alerts/" + episode, null).body()).path("notifications");
        assertThat(notifications.findValues("kind").stream().map(JsonNode::asText)).containsExactly("down");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void a_pause_survives_a_restart() throws Exception {
        HttpResponse<String> paused = send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"decommissioning\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        node.close();
        node = null;
        int atRestart = hits("/paused");
        int busyAtRestart = hits("/busy");

        node = startNode();
        JsonNode monitor = monitor("paused");
        assertThat(monitor.path("state").asText()).isEqualTo("paused");
        assertThat(monitor.path("pause").path("reason").asText()).isEqualTo("decommissioning");
        NodeHttp.await("the busy monitor is checked three times after the restart", () -> hits("/busy") >= busyAtRestart + 3);
        assertThat(hits("/paused")).as("checks of the paused monitor after the restart").isEqualTo(atRestart);
    }

    @Test
    void bad_requests_are_refused_in_plain_words() throws Exception {
        assertRefused(send("POST", "/api/v1/monitors/nope/pause", "{\"reason\":\"x\"}"), 404, "no monitor with id 'nope'");
        assertRefused(send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"x\",\"until\":\"2020-01-01T00:00:00Z\"}"),
                400, "is not in the future");
        assertRefused(send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"x\",\"until\":\"tomorrow\"}"), 400,
                "ISO-8601");
        assertRefused(send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"  \"}"), 400, "a pause needs a reason");
        assertRefused(send("POST", "/api/v1/monitors/paused/pause", ""), 400, "expected a JSON object");
        assertRefused(send("POST", "/api/v1/monitors/paused/silence", "{\"reason\":\"x\"}"), 400, "a silence needs an end");
        assertRefused(send("POST", "/api/v1/monitors/paused/silence", "{\"until\":\"2020-01-01T00:00:00Z\"}"), 400,
                "is not in the future");
        assertRefused(send("DELETE", "/api/v1/monitors/nope/silence", null), 404, "no monitor with id 'nope'");
        assertRefused(send("POST", "/api/v1/monitors/nope/check", null), 404, "no monitor with id 'nope'");
        assertThat(send("POST", "/api/v1/monitors/paused/pause", "{\"reason\":\"x\"}").statusCode()).isEqualTo(200);
        assertRefused(send("POST", "/api/v1/monitors/paused/check", null), 409, "is paused: resume it");
        HttpResponse<String> anonymous = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node,
                "/api/v1/monitors/paused/resume")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(monitor("paused").path("paused").asBoolean()).as("still paused").isTrue();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String words) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains(words);
    }

    /** The monitor as an operator sees it. */
    private JsonNode monitor(String id) throws Exception {
        return JSON.readTree(send("GET", "/api/v1/monitors/" + id, null).body());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(NodeHttp.uri(node, path)).timeout(Duration.ofSeconds(10)),
                "Bearer " + TOKEN);
        if (body == null || body.isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
