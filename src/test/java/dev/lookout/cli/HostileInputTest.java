package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs an attacker or a careless script sends (issue 15, item 6): ping URLs with {@code ..}
 * segments, a NUL in a title, a maintenance in the year 999999999, dates and numbers Java cannot
 * hold. Each gets a 4xx with a JSON message in the API's words, nothing is stored, and the log
 * has no stack trace.
 */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "hostile-input-test-token-0123456789";

    @TempDir
    Path dir;
    private LookoutNode node;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components: [ { id: web, name: Web } ]
                monitors:
                  - { id: web, type: tcp, host: 127.0.0.1, port: 9, interval: 1h, timeout: 1s, component: web, paused: true }
                """.formatted(TOKEN, dir.resolve("data/lookout.db")));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** A request exactly as written, path and all (no client normalises it): status line and body. */
    private String raw(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", NodeHttp.uri(node, "/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        return body.path("error").asText();
    }

    @Test
    void ping_urls_with_dot_segments_are_a_404_not_a_500() throws Exception {
        for (String path : new String[] {"/ping/../healthz", "/ping/%2e%2e", "/ping/%2e%2e/healthz", "/ping/./x"}) {
            String answer = raw(path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 5").doesNotContain("internal error");
            assertThat(answer.substring(0, 12)).as(path).matches("HTTP/1\\.1 4\\d\\d");
        }
    }

    @Test
    void text_with_a_control_character_is_refused_and_nothing_is_stored() throws Exception {
        assertThat(error(post("/api/v1/incidents", "{\"name\":\"a\\u0000b\",\"status\":\"investigating\",\"body\":\"x\"}")))
                .isEqualTo("field 'name': contains a control character (U+0000), which Lookout does not store");
        assertThat(error(post("/api/v1/incidents", "{\"name\":\"a\",\"status\":\"investigating\",\"body\":\"x\\u001b[31m\"}")))
                .startsWith("field 'body': contains a control character (U+001B)");
        assertThat(JSON.readTree(NodeHttp.get(node, "/api/v1/incidents").body()).path("incidents").isArray()).isTrue();
        assertThat(JSON.readTree(NodeHttp.get(node, "/api/v1/incidents").body()).path("incidents")).isEmpty();
        assertThat(post("/api/v1/incidents", "{\"name\":\"Tabs\\tand\\nlines\",\"status\":\"investigating\",\"body\":\"ok\"}")
                .statusCode()).as("tab and line feed are text").isEqualTo(201);
    }

    @Test
    void times_and_numbers_java_cannot_hold_are_a_400_in_the_apis_words() throws Exception {
        String far = error(post("/api/v1/maintenances", "{\"name\":\"m\",\"body\":\"b\",\"scheduled_for\":\"+999999999-01-01T00:00:00Z\","
                + "\"scheduled_until\":\"+999999999-01-02T00:00:00Z\"}"));
        assertThat(far).startsWith("field 'scheduled_for': '+999999999-01-01T00:00:00Z' is not between 1970-01-01T00:00:00Z and"
                + " 9999-12-31T23:59:59Z");
        String words = error(post("/api/v1/maintenances", "{\"name\":\"m\",\"body\":\"b\",\"scheduled_for\":\"tomorrow\","
                + "\"scheduled_until\":\"2027-01-01T00:00:00Z\"}"));
        assertThat(words).startsWith("field 'scheduled_for': 'tomorrow' is not a time in ISO-8601 with a zone, e.g."
                + " 2026-12-01T02:00:00Z");
        String huge = error(post("/api/v1/maintenances", "{\"name\":\"m\",\"body\":\"b\",\"scheduled_for\":99999999999999999999}"));
        assertThat(huge).startsWith("field 'scheduled_for': ");
        for (String message : new String[] {far, words, huge}) {
            assertThat(message).doesNotContain("java.", "Exception", "`", "long");
        }
        assertThat(JSON.readTree(NodeHttp.get(node, "/api/v1/maintenances").body()).path("maintenances").isArray()).isTrue();
        assertThat(JSON.readTree(NodeHttp.get(node, "/api/v1/maintenances").body()).path("maintenances")).isEmpty();
    }

    @Test
    void pages_and_answers_carry_the_security_headers_and_no_script_but_the_pages_own() throws Exception {
        for (String path : new String[] {"/", "/components/web", "/login", "/api/v1/monitors", "/nowhere"}) {
            HttpResponse<String> response = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, path))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValueSatisfying(v ->
                    assertThat(v).isIn("strict-origin-when-cross-origin", "same-origin", "no-referrer"));
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).startsWith("default-src 'none'; script-src 'sha256-")
                    .contains("frame-ancestors 'none'", "form-action 'self'");
            String scripts = policy.substring(policy.indexOf("script-src"), policy.indexOf(';', policy.indexOf("script-src")));
            assertThat(scripts).as(path + ": only the page's own script, by hash").doesNotContain("unsafe", "'self'", "*");
        }
        String page = NodeHttp.get(node, "/").body();
        String script = page.substring(page.indexOf("<script>") + "<script>".length(), page.indexOf("</script>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(NodeHttp.get(node, "/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the policy allows exactly the script the page has").contains("script-src 'sha256-" + hash + "';");
        assertThat(page.split("<script").length).as("one script").isEqualTo(2);
    }
}
