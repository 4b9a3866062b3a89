package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.heartbeat.Ping;
import dev.lookout.store.StoredPings;
import java.net.URI;
import java.net.Socket;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every ping URL form against a running node over real HTTP, answered as Healthchecks.io and Uptime Kuma answer. */
class HeartbeatPingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_AGENT = "5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";
    private static final String UUID_REPORT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String PING_KEY = "abcdefgh12345678";
    private static final String RID = "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    @TempDir
    Path dir;
    private LookoutNode node;

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (node != null) {
            node.close();
        }
    }

    private void start(String monitors) throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", node_name: test-node }
                storage: { url: "sqlite:%s" }
                heartbeat: { ping_key: %s }
                monitors:
                %s""".formatted(dir.resolve("data/lookout.db"), PING_KEY, monitors));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
    }

    private void startStandard() throws Exception {
        start("""
                  - id: agent
                    type: heartbeat
                    uuid: %s
                    schedule: { every: 1h, grace: 1h }
                  - id: report
                    type: heartbeat
                    uuid: %s
                    schedule: { every: 1h, grace: 1h }
                    conditions: [ "duration < 10m" ]
                  - id: backup
                    type: heartbeat
                    slug: nightly-backup
                    push_token: kuma-token-123
                    schedule: { cron: "0 3 * * *", timezone: Europe/Paris, grace: 1h }
                """.formatted(UUID_AGENT, UUID_REPORT));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("User-Agent", "curl/8.5.0").method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private JsonNode monitor(String id) throws Exception {
        return JSON.readTree(get("/api/v1/monitors/" + id).body());
    }

    private List<Ping> pings(String monitorId) {
        return StoredPings.sqlite(dir.resolve("data/lookout.db")).last(monitorId, 100);
    }

    @Test
    void answers_every_healthchecks_url_form_with_ok_and_stores_each_ping() throws Exception {
        startStandard();
        for (String path : List.of("/ping/" + UUID_AGENT + "/start", "/ping/" + UUID_AGENT, "/ping/" + UUID_AGENT + "/log",
                "/ping/" + UUID_AGENT + "/0", "/ping/" + PING_KEY + "/nightly-backup/start",
                "/ping/" + PING_KEY + "/nightly-backup")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("OK");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(response.headers().firstValue("Ping-Body-Limit")).hasValue("100000");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
        assertThat(send("HEAD", "/ping/" + UUID_AGENT, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/ping/" + UUID_AGENT + "/log", "disk 93% full").body()).isEqualTo("OK");

        List<Ping> agent = pings("agent");
        assertThat(agent).extracting(p -> p.kind().code() + " " + p.method())
                .containsExactly("log POST", "success HEAD", "success GET", "log GET", "success GET", "start GET");
        assertThat(new String(agent.getFirst().body(), StandardCharsets.UTF_8)).isEqualTo("disk 93% full");
        assertThat(agent.getFirst().userAgent()).isEqualTo("curl/8.5.0");
        assertThat(agent.getFirst().remoteAddr()).isEqualTo("127.0.0.1");
        assertThat(agent.get(2).exitCode()).isZero();
        assertThat(agent.get(4).durationMs()).isNotNull();
        assertThat(pings("backup")).extracting(p -> p.kind().code()).containsExactly("success", "start");
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
        assertThat(monitor("agent").path("heartbeat").path("state").asText()).isEqualTo("up");
        assertThat(monitor("agent").path("heartbeat").path("last_ping_kind").asText()).isEqualTo("log");
        assertThat(monitor("agent").path("interval").isNull()).as("a push monitor has no interval").isTrue();
        assertThat(monitor("agent").path("timeout").isNull()).isTrue();
    }

    @Test
    void fail_and_non_zero_exit_codes_take_the_monitor_down_and_a_success_brings_it_back() throws Exception {
        startStandard();
        assertThat(get("/ping/" + UUID_AGENT + "/fail").body()).isEqualTo("OK");
        assertThat(monitor("agent").path("state").asText()).isEqualTo("down");
        assertThat(monitor("agent").path("last_result").path("message").asText()).isEqualTo("fail ping received");
        get("/ping/" + UUID_AGENT);
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
        assertThat(get("/ping/" + UUID_AGENT + "/3").statusCode()).isEqualTo(200);
        JsonNode agent = monitor("agent");
        assertThat(agent.path("state").asText()).isEqualTo("down");
        assertThat(agent.path("heartbeat").path("state").asText()).isEqualTo("down");
        assertThat(agent.path("last_result").path("message").asText()).isEqualTo("exit code 3");
        assertThat(pings("agent").getFirst().exitCode()).isEqualTo(3);
        assertThat(pings("agent").getFirst().kind()).isEqualTo(Ping.Kind.FAIL);
    }

    @Test
    void refuses_what_healthchecks_refuses_and_answers_404_for_unknown_ids_without_logging_an_error() throws Exception {
        startStandard();
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/ping/" + unknown, "/ping/" + unknown + "/start", "/ping/" + PING_KEY + "/no-such-slug",
                "/ping/wrong-key-123/nightly-backup", "/ping/" + UUID_AGENT + "/restart", "/ping/not-a-uuid")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("not found");
        }
        HttpResponse<String> exit = get("/ping/" + UUID_AGENT + "/256");
        assertThat(exit.statusCode()).isEqualTo(400);
        assertThat(exit.body()).isEqualTo("invalid url format");
        HttpResponse<String> rid = get("/ping/" + UUID_AGENT + "?rid=123");
        assertThat(rid.statusCode()).isEqualTo(400);
        assertThat(rid.body()).isEqualTo("invalid uuid format");
        assertThat(pings("agent")).isEmpty();
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    @Test
    void stores_at_most_100_kb_of_a_body_and_flags_the_rest_as_truncated() throws Exception {
        startStandard();
        String big = "x".repeat(150_000);
        assertThat(send("POST", "/ping/" + UUID_AGENT + "/log", big).statusCode()).isEqualTo(200);
        Ping ping = pings("agent").getFirst();
        assertThat(ping.body()).hasSize(100_000);
        assertThat(ping.bodyTruncated()).isTrue();
        assertThat(send("POST", "/ping/" + UUID_AGENT + "/log", "x".repeat(100_000)).statusCode()).isEqualTo(200);
        assertThat(pings("agent").getFirst().bodyTruncated()).isFalse();
    }

    @Test
    void a_ping_whose_body_trickles_in_holds_up_no_other_request() throws Exception {
        startStandard();
        try (Socket slow = new Socket("127.0.0.1", node.port())) {
            OutputStream out = slow.getOutputStream();
            // Headers and half the body, then nothing: reading it must not stall the server's selector.
            out.write(("POST /ping/" + UUID_REPORT + "/log HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                    + "/ping/" + UUID_AGENT)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(get("/healthz").statusCode()).isEqualTo(200);

            out.write("world".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(slow.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(new String(pings("report").getFirst().body(), StandardCharsets.UTF_8)).isEqualTo("helloworld");
    }

    @Test
    void matches_start_and_end_by_run_id_and_records_the_duration() throws Exception {
        startStandard();
        String other = UUID.randomUUID().toString();
        get("/ping/" + UUID_REPORT + "/start?rid=" + RID);
        get("/ping/" + UUID_REPORT + "/start?rid=" + other);
        assertThat(monitor("report").path("heartbeat").path("running_since").isNull()).isFalse();
        get("/ping/" + UUID_REPORT + "?rid=" + RID);
        Ping success = pings("report").getFirst();
        assertThat(success.runId()).isEqualTo(RID);
        assertThat(success.durationMs()).isNotNull().isGreaterThanOrEqualTo(0L);
        JsonNode last = monitor("report").path("last_result");
        assertThat(last.path("outcome").asText()).isEqualTo("ok");
        assertThat(last.path("conditions").get(0).path("condition").asText()).isEqualTo("duration < 10m");
        assertThat(last.path("conditions").get(0).path("passed").asBoolean()).isTrue();
    }

    @Test
    void answers_uptime_kuma_push_urls() throws Exception {
        startStandard();
        HttpResponse<String> up = get("/api/push/kuma-token-123?status=up&msg=OK&ping=12");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).path("ok").asBoolean()).isTrue();
        assertThat(monitor("backup").path("state").asText()).isEqualTo("up");
        assertThat(get("/api/push/kuma-token-123?status=down&msg=disk%20full").statusCode()).isEqualTo(200);
        assertThat(monitor("backup").path("state").asText()).isEqualTo("down");
        assertThat(pings("backup").getFirst().message()).isEqualTo("disk full");
        assertThat(pings("backup").getFirst().body()).as("a push carries no body").isEmpty();
        HttpResponse<String> unknown = get("/api/push/nope-nope-nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("msg").asText()).isEqualTo("Monitor not found or not active.");
    }

    @Test
    void keeps_uptime_kuma_ping_as_the_response_time_and_msg_as_the_result_message() throws Exception {
        startStandard();
        // The push URL as a Kuma push script calls it: status, msg and the response time it measured in ms.
        assertThat(get("/api/push/kuma-token-123?status=up&msg=backup%20took%2012s&ping=12.4").statusCode()).isEqualTo(200);
        JsonNode last = monitor("backup").path("last_result");
        assertThat(last.path("outcome").asText()).isEqualTo("ok");
        assertThat(last.path("message").asText()).isEqualTo("backup took 12s");
        assertThat(last.path("timings").path("total_ms").asDouble()).isEqualTo(12.0);
        assertThat(pings("backup").getFirst().durationMs()).isEqualTo(12L);

        // Kuma's own template ends in "ping=" with no value: no response time, and no error.
        assertThat(get("/api/push/kuma-token-123?status=down&msg=disk%20full&ping=").statusCode()).isEqualTo(200);
        last = monitor("backup").path("last_result");
        assertThat(last.path("outcome").asText()).isEqualTo("failed");
        assertThat(last.path("message").asText()).isEqualTo("disk full");
        assertThat(last.path("timings").path("total_ms").isNull()).isTrue();
        assertThat(pings("backup").getFirst().durationMs()).isNull();

        assertThat(get("/api/push/kuma-token-123?status=up&ping=not-a-number").statusCode()).isEqualTo(200);
        assertThat(monitor("backup").path("last_result").path("message").asText()).isEqualTo("success ping received");
    }

    @Test
    void a_push_monitor_without_response_times_shows_no_data_on_its_response_time_badge() throws Exception {
        startStandard();
        assertThat(get("/api/push/kuma-token-123?status=up&msg=OK&ping=").statusCode()).isEqualTo(200);
        assertThat(get("/ping/" + UUID_AGENT).statusCode()).isEqualTo(200);
        // Once the results are in the rollups the badges are computed from (the store writes them asynchronously):
        org.awaitility.Awaitility.await().atMost(NodeHttp.NOTICE).until(() -> !monitor("backup").path("uptime").path("24h").isNull()
                && !monitor("agent").path("uptime").path("24h").isNull());
        for (String id : List.of("backup", "agent")) {
            assertThat(get("/badge/monitor/" + id + "/uptime/24h.svg").body()).as(id).contains("100%");
            String badge = get("/badge/monitor/" + id + "/response-time/24h.svg").body();
            assertThat(badge).as(id).contains("no data").doesNotContain("0.0 ms");
        }
    }

    @Test
    void a_reconnect_storm_of_2000_monitors_from_64_clients_loses_no_ping() throws Exception {
        int monitors = 2_000;
        List<String> uuids = new ArrayList<>();
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < monitors; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            yaml.append("  - { id: agent-").append(i).append(", type: heartbeat, uuid: ").append(uuid)
                    .append(", schedule: { every: 30s, grace: 15s } }\n");
        }
        start(yaml.toString());
        Semaphore clients = new Semaphore(64);
        long started = System.nanoTime();
        List<Future<Integer>> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String uuid : uuids) {
                answers.add(threads.submit(() -> {
                    clients.acquire();
                    try {
                        return get("/ping/" + uuid).statusCode();
                    } finally {
                        clients.release();
                    }
                }));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int[] codes = answers.stream().mapToInt(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                return -1;
            }
        }).toArray();
        assertThat(Arrays.stream(codes).filter(c -> c == 200).count()).as("200 answers in %s", took).isEqualTo(monitors);
        StoredPings stored = StoredPings.sqlite(dir.resolve("data/lookout.db"));
        assertThat(stored.count()).isEqualTo(monitors);
        assertThat(stored.count("agent-1999")).isEqualTo(1);
        assertThat(monitor("agent-7").path("state").asText()).isEqualTo("up");
    }
}
