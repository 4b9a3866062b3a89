package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /console/channels} and {@code /api/v1/channels}: each channel with its type and where it
 * sends, never its token; its recent notifications and failures; editors send a test message that
 * reaches a local HTTP receiver through the real webhook channel. {@code hook} answers 200,
 * {@code broken} 404; the {@code db} monitor is down from the start and alerts both.
 */
class ConsoleChannelsPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH_SECRET = "T000/B000/path-secret-xyz";
    private static final String SIGNING_SECRET = "signing-secret-abc";

    @TempDir
    Path dir;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private ConsoleNode lookout;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean broken = exchange.getRequestURI().getPath().startsWith("/broken");
            if (!broken) {
                received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("X-Lookout-Event")
                        + " " + body);
            }
            exchange.sendResponseHeaders(broken ? 404 : 200, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
        lookout = new ConsoleNode(dir, """
                alerting:
                  group_window: 0s
                  retry: { max_attempts: 1 }
                  routes:
                    - { monitors: [db], channels: [hook, broken], on: [down] }
                channels:
                  - { id: hook, name: "Ops hook", type: webhook, url: "%s/%s?token=query-secret", secret: "%s" }
                  - { id: broken, type: webhook, url: "%s/broken/%s" }
                """.formatted(url, PATH_SECRET, SIGNING_SECRET, url, PATH_SECRET));
    }

    @AfterEach
    void stop() throws Exception {
        lookout.close();
        receiver.stop(0);
    }

    private HttpResponse<String> post(String role, String path) throws Exception {
        return NodeHttp.HTTP.send(lookout.request(role, path).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_viewer_sees_each_channel_where_it_sends_and_its_failures_but_no_secret_and_no_test_button() throws Exception {
        String port = String.valueOf(receiver.getAddress().getPort());
        String[] page = {null};
        NodeHttp.await("the db alert written to both channels, broken's given up", () -> {
            page[0] = lookout.page("viewer", "/console/channels").body();
            return page[0].contains("webhook channel &#39;broken&#39;: 127.0.0.1 answered 404")
                    || page[0].contains("webhook channel 'broken': 127.0.0.1 answered 404");
        });
        assertThat(page[0]).contains("<h2 id=\"channel-hook\">Ops hook</h2>", "<dd class=\"type\">webhook</dd>",
                "<dd class=\"target\">POST http://127.0.0.1:" + port + "/…</dd>", "<h2 id=\"channel-broken\">broken</h2>",
                "<dd class=\"failures\">1 of the last 1 notifications</dd>", "<td>down</td>");
        assertThat(page[0]).doesNotContain("path-secret", "query-secret", SIGNING_SECRET, "form class=\"test\"");
        assertThat(post("viewer", "/console/channels/hook/test").statusCode()).isEqualTo(403);
        assertThat(received).noneMatch(r -> r.contains(" test "));
    }

    @Test
    void an_editor_sends_a_test_message_that_reaches_the_receiver_and_the_page_says_so() throws Exception {
        assertThat(lookout.page("editor", "/console/channels").body()).contains("<form class=\"test\" method=\"post\""
                + " action=\"/console/channels/hook/test\">");
        HttpResponse<String> sent = post("editor", "/console/channels/hook/test");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("<p class=\"notice\" role=\"status\" id=\"tested\">Test message delivered to hook in ");
        assertThat(received).anyMatch(r -> r.startsWith("/" + PATH_SECRET + " test ") && r.contains("channel hook works"));

        HttpResponse<String> failed = post("editor", "/console/channels/broken/test");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("<p class=\"message\" role=\"alert\" id=\"tested\">Test message not delivered to broken after ")
                .contains("127.0.0.1 answered 404").doesNotContain("path-secret");
        assertThat(post("editor", "/console/channels/nope/test").statusCode()).isEqualTo(404);
    }

    @Test
    void the_api_lists_the_channels_without_secrets_and_sends_a_test_for_an_editor_only() throws Exception {
        HttpResponse<String> listed = NodeHttp.HTTP.send(lookout.request("viewer", "/api/v1/channels?recent=0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("path-secret", "query-secret", SIGNING_SECRET);
        JsonNode hook = JSON.readTree(listed.body()).path("channels").get(0);
        assertThat(hook.path("id").asText()).isEqualTo("hook");
        assertThat(hook.path("type").asText()).isEqualTo("webhook");
        assertThat(hook.path("target").asText()).isEqualTo("POST http://127.0.0.1:" + receiver.getAddress().getPort() + "/…");
        assertThat(hook.path("recent")).isEmpty();
        assertThat(NodeHttp.HTTP.send(lookout.request("viewer", "/api/v1/channels?recent=lots").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

        HttpRequest.Builder test = lookout.request("viewer", "/api/v1/channels/hook/test").POST(HttpRequest.BodyPublishers.noBody());
        assertThat(NodeHttp.HTTP.send(test.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> sent = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/channels/hook/test")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(sent.body());
        assertThat(outcome.path("delivered").asBoolean()).as(sent.body()).isTrue();
        assertThat(outcome.path("error").isNull()).isTrue();
        assertThat(received).anyMatch(r -> r.contains(" test ") && r.contains("channel hook works"));
        HttpResponse<String> unknown = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/channels/nope/test")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("no channel with id 'nope'");
    }
}
