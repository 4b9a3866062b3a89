package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heartbeat monitor's stored pings read back through {@code GET /api/v1/monitors/{id}/pings},
 * after real clients sent them: runitor's wire protocol for Healthchecks pings (a start with a
 * run id, the command's output posted to the exit-code URL, a log line) and Uptime Kuma's push URL.
 */
class PingLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ping-log-test-token-0123456789";
    private static final String UUID = "3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    private static final String RID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String RUNITOR = "runitor/v1.3.0 (+https://bdd.fi/x/runitor)";

    @TempDir
    Path dir;
    private LookoutNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                monitors:
                  - id: backup
                    type: heartbeat
                    uuid: %s
                    push_token: kuma-backup-token
                    schedule: { every: 1h, grace: 1h }
                  - { id: api, type: tcp, host: 127.0.0.1, port: 9, interval: 1h, timeout: 1s, paused: true }
                """.formatted(TOKEN, dir.resolve("data/lookout.db"), UUID));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
    }

    /** As runitor sends it: POST, text/plain, its User-Agent; an empty body has Content-Length 0. */
    private int runitor(String path, String body) throws Exception {
        return NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, "/ping/" + UUID + path)).header("User-Agent", RUNITOR)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> log(String query, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(NodeHttp.uri(node, "/api/v1/monitors/backup/pings" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode page(String query) throws Exception {
        HttpResponse<String> response = log(query, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The log shows a ping about a second after its answer (the index is written in the background). */
    private void awaitLogged(int pings) {
        Awaitility.await().atMost(NodeHttp.NOTICE).until(() -> page("?limit=500").path("pings").size() == pings);
    }

    @Test
    void reads_back_every_ping_newest_first_with_bodies_exit_codes_log_lines_durations_and_messages() throws Exception {
        start();
        assertThat(runitor("/start?rid=" + RID, "")).isEqualTo(200);
        assertThat(runitor("/log?rid=" + RID, "copied 1,204 files\n")).isEqualTo(200);
        assertThat(runitor("/0?rid=" + RID, "backup done\nsnapshot 2026-12-07\n")).isEqualTo(200);
        assertThat(runitor("/3", "rsync: connection refused\n")).isEqualTo(200);
        assertThat(NodeHttp.get(node, "/api/push/kuma-backup-token?status=up&msg=restored%20ok&ping=42").statusCode()).isEqualTo(200);
        awaitLogged(5);

        JsonNode pings = page("").path("pings");

        assertThat(pings).extracting(p -> p.path("kind").asText()).containsExactly("success", "fail", "success", "log", "start");
        JsonNode kuma = pings.get(0);
        assertThat(kuma.path("message").asText()).isEqualTo("restored ok");
        assertThat(kuma.path("duration_ms").asLong()).isEqualTo(42);
        assertThat(kuma.path("method").asText()).isEqualTo("GET");
        JsonNode failed = pings.get(1);
        assertThat(failed.path("exit_code").asInt()).isEqualTo(3);
        assertThat(failed.path("body").asText()).isEqualTo("rsync: connection refused\n");
        assertThat(failed.path("user_agent").asText()).isEqualTo(RUNITOR);
        JsonNode done = pings.get(2);
        assertThat(done.path("exit_code").asInt()).isZero();
        assertThat(done.path("run_id").asText()).isEqualTo(RID);
        assertThat(done.path("duration_ms").isNumber()).as("the run's duration, from its start ping").isTrue();
        assertThat(done.path("body").asText()).isEqualTo("backup done\nsnapshot 2026-12-07\n");
        assertThat(done.path("body_encoding").asText()).isEqualTo("utf-8");
        assertThat(done.path("body_truncated").asBoolean()).isFalse();
        assertThat(done.path("method").asText()).isEqualTo("POST");
        assertThat(done.path("remote_addr").asText()).isEqualTo("127.0.0.1");
        assertThat(pings.get(3).path("body").asText()).isEqualTo("copied 1,204 files\n");
        assertThat(pings.get(4).path("exit_code").isNull()).isTrue();
        assertThat(pings.get(4).path("body").asText()).isEmpty();
        assertThat(page("").path("next").isNull()).isTrue();
    }

    @Test
    void pages_back_with_limit_and_before_without_losing_or_repeating_a_ping() throws Exception {
        start();
        for (int i = 0; i < 7; i++) {
            assertThat(runitor("/log", "line " + i)).isEqualTo(200);
        }
        awaitLogged(7);

        List<String> bodies = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = page("?limit=3" + (before == null ? "" : "&before=" + before));
            page.path("pings").forEach(p -> bodies.add(p.path("body").asText()));
            before = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (before != null);

        assertThat(pages).isEqualTo(3);
        assertThat(bodies).containsExactly("line 6", "line 5", "line 4", "line 3", "line 2", "line 1", "line 0");
    }

    @Test
    void a_body_that_is_not_text_comes_back_in_base64() throws Exception {
        start();
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
        assertThat(NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, "/ping/" + UUID + "/log"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        awaitLogged(1);

        JsonNode ping = page("").path("pings").get(0);

        assertThat(ping.path("body_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(ping.path("body").asText())).isEqualTo(binary);
    }

    @Test
    void is_for_the_admin_only_and_answers_bad_requests_with_json_errors() throws Exception {
        start();
        assertThat(log("", null).statusCode()).isEqualTo(401);
        assertThat(log("", "wrong-token").statusCode()).isEqualTo(401);
        for (var bad : List.of(Map.entry("?limit=0", 400), Map.entry("?limit=many", 400), Map.entry("?before=yesterday", 400),
                Map.entry("?before=12_x", 400))) {
            HttpResponse<String> response = log(bad.getKey(), TOKEN);
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(JSON.readTree(response.body()).path("status").asInt()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        HttpResponse<String> unknown = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, "/api/v1/monitors/nope/pings"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("no monitor with id 'nope'");
        HttpResponse<String> pulled = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, "/api/v1/monitors/api/pings"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pulled.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(pulled.body()).path("error").asText()).contains("not a heartbeat monitor");
    }

    @Test
    void pings_stored_but_not_yet_in_the_log_when_the_node_stopped_are_in_it_after_a_restart() throws Exception {
        start();
        assertThat(runitor("/0", "first")).isEqualTo(200);
        assertThat(runitor("/0", "second")).isEqualTo(200);
        awaitLogged(2);
        node.close();
        node = null;
        // As if the node had died between storing the pings and writing their index entries.
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/lookout.db"));
             var statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("DELETE FROM ping_log")).isPositive();
        }

        start();

        awaitLogged(2);
        assertThat(page("").path("pings")).extracting(p -> p.path("body").asText()).containsExactly("second", "first");
    }
}
