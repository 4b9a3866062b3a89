package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /console/alerts}: the open episodes with their notifications and the dead letters; editors
 * acknowledge, take it back and retry, viewers only read. The {@code db} monitor is down from the
 * start; its alert goes to {@code hook} (answers 200) and to {@code pager} (answers 404 until told
 * otherwise: a dead letter).
 */
class ConsoleAlertsPageTest {
    private static final Pattern DEAD_ROW = Pattern.compile("<tr data-notification=\"(\\d+)\"><td>pager</td>");

    @TempDir
    Path dir;
    private HttpServer receiver;
    private final AtomicBoolean pagerBack = new AtomicBoolean();
    private ConsoleNode lookout;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals("/pager") && !pagerBack.get() ? 404 : 200;
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
        lookout = new ConsoleNode(dir, """
                alerting:
                  group_window: 0s
                  retry: { max_attempts: 1 }
                  routes:
                    - { monitors: [db], channels: [hook, pager], on: [down] }
                channels:
                  - { id: hook, type: webhook, url: "%s/hook" }
                  - { id: pager, type: webhook, url: "%s/pager" }
                """.formatted(url, url));
    }

    @AfterEach
    void stop() throws Exception {
        lookout.close();
        receiver.stop(0);
    }

    private String awaitPage(String role, String what, String... parts) throws Exception {
        String[] page = {null};
        NodeHttp.await(what, () -> {
            page[0] = lookout.page(role, "/console/alerts").body();
            for (String part : parts) {
                if (!page[0].contains(part)) {
                    return false;
                }
            }
            return true;
        });
        return page[0];
    }

    private HttpResponse<String> post(String role, String path) throws Exception {
        return NodeHttp.HTTP.send(lookout.request(role, path).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String episodeId(String page) {
        Matcher matcher = Pattern.compile("data-episode=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("an open episode on the page").isTrue();
        return matcher.group(1);
    }

    @Test
    void a_viewer_sees_the_episode_its_notifications_and_dead_letters_without_any_action() throws Exception {
        String page = awaitPage("viewer", "the db episode open, its pager notification dead",
                "<td>hook</td><td>down</td><td>delivered</td><td>1</td>", "<td>pager</td><td>down</td><td>dead</td>");
        assertThat(page).contains(">Database</a> <span class=\"badge down\">down</span>", "<dd class=\"acked\">no</dd>",
                "<dd class=\"step\">first alert</dd>",
                "webhook channel 'pager': 127.0.0.1 answered 404", "<h2 id=\"dead-title\">Dead letters (<span id=\"dead-count\">1</span>)</h2>");
        assertThat(page).doesNotContain("<form class=\"ack\"", "<form class=\"unack\"", "<form class=\"retry\"", ">Retry<");

        String episode = episodeId(page);
        HttpResponse<String> refused = post("viewer", "/console/alerts/" + episode + "/ack");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(refused.body()).path("error").asText()).isNotBlank();
        Matcher dead = DEAD_ROW.matcher(page);
        assertThat(dead.find()).isTrue();
        assertThat(post("viewer", "/console/alerts/dead/" + dead.group(1) + "/retry").statusCode()).isEqualTo(403);
        assertThat(page).as("one page of dead letters").doesNotContain("id=\"older-dead\"");
        JsonNode letter = new ObjectMapper().readTree(lookout.page("viewer", "/api/v1/alerts?status=dead").body())
                .path("notifications").get(0);
        String cursor = java.time.Instant.parse(letter.path("created_at").asText()).toEpochMilli() + "_" + letter.path("id").asLong();
        assertThat(lookout.page("viewer", "/console/alerts?cursor=" + cursor).body()).as("the page after the last dead letter")
                .contains("No notification was given up.");
        assertThat(lookout.page("viewer", "/console/alerts?cursor=yesterday").statusCode()).isEqualTo(400);
        assertThat(lookout.page("viewer", "/console/alerts").body()).contains("<dd class=\"acked\">no</dd>",
                "<td>pager</td><td>down</td><td>dead</td>");
    }

    @Test
    void the_api_pages_episodes_and_notifications_each_with_one_cursor_and_the_link_header() throws Exception {
        // The pager's notification is given up after its one attempt: the status filter below looks for it dead.
        String episode = episodeId(awaitPage("viewer", "both notifications written, the pager's dead", "<td>hook</td><td>down</td>",
                "<td>pager</td><td>down</td><td>dead</td>"));
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> first = lookout.page("viewer", "/api/v1/alerts?limit=1&monitor=db");
        JsonNode page = json.readTree(first.body());
        assertThat(page.path("episodes")).extracting(e -> e.path("id").asText()).containsExactly(episode);
        assertThat(page.path("notifications")).hasSize(1);
        String next = page.path("next").asText();
        assertThat(next).as("the notifications go on; the episodes ended").endsWith(".-");
        Matcher link = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(first.headers().firstValue("Link").orElse(""));
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo("/api/v1/alerts?limit=1&monitor=db&cursor="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> second = lookout.page("viewer", link.group(1));
        JsonNode after = json.readTree(second.body());
        assertThat(after.path("episodes")).as("an ended list stays empty").isEmpty();
        assertThat(after.path("notifications")).hasSize(1);
        assertThat(after.path("notifications").get(0).path("id").asLong())
                .isLessThan(page.path("notifications").get(0).path("id").asLong());
        assertThat(after.path("next").isNull()).isTrue();
        assertThat(second.headers().firstValue("Link")).isEmpty();

        assertThat(json.readTree(lookout.page("viewer", "/api/v1/alerts?status=dead").body()).path("notifications"))
                .extracting(n -> n.path("channel").asText()).as("the filters stay").containsExactly("pager");
        for (String cursor : new String[] {"x", "-.-", "1_2", "1_x.-", "-.1_"}) {
            HttpResponse<String> refused = lookout.page("viewer", "/api/v1/alerts?cursor=" + cursor);
            assertThat(refused.statusCode()).as(cursor).isEqualTo(400);
            assertThat(json.readTree(refused.body()).path("error").asText()).contains("cursor");
        }
    }

    @Test
    void an_editor_acknowledges_and_unacknowledges_and_the_api_records_the_same() throws Exception {
        String page = awaitPage("editor", "the db episode open", "data-episode=");
        assertThat(page).contains("<form class=\"ack\"");
        String episode = episodeId(page);

        HttpResponse<String> acked = post("editor", "/console/alerts/" + episode + "/ack");
        assertThat(acked.statusCode()).isEqualTo(303);
        assertThat(acked.headers().firstValue("Location")).contains("/console/alerts?done=acknowledged+" + episode.replace("@", "%40"));
        page = lookout.page("viewer", "/console/alerts?done=acknowledged+" + episode).body();
        assertThat(page).contains("<dd class=\"acked\"> by api key 'console editor' at ",
                "<p class=\"notice\" role=\"status\" id=\"done\">Alert " + episode + " is acknowledged.</p>");
        String api = lookout.page("viewer", "/api/v1/alerts/" + episode).body();
        assertThat(new ObjectMapper().readTree(api).path("acknowledged_by").asText()).isEqualTo("api key 'console editor'");
        assertThat(lookout.page("editor", "/console/alerts").body()).contains("<form class=\"unack\"")
                .doesNotContain("<form class=\"ack\"");

        assertThat(post("editor", "/console/alerts/" + episode + "/unack").statusCode()).isEqualTo(303);
        assertThat(lookout.page("editor", "/console/alerts").body()).contains("<dd class=\"acked\">no</dd>", "<form class=\"ack\"");
        assertThat(new ObjectMapper().readTree(lookout.page("viewer", "/api/v1/alerts/" + episode).body())
                .path("acknowledged_at").isNull()).isTrue();
        assertThat(post("editor", "/console/alerts/nope@1/ack").statusCode()).isEqualTo(404);
    }

    @Test
    void an_editor_retries_a_dead_letter_and_it_is_delivered_with_one_attempt_counted() throws Exception {
        String page = awaitPage("editor", "the pager notification dead", "<form class=\"retry\"");
        Matcher dead = DEAD_ROW.matcher(page);
        assertThat(dead.find()).isTrue();
        pagerBack.set(true);

        assertThat(post("editor", "/console/alerts/dead/" + dead.group(1) + "/retry").statusCode()).isEqualTo(303);
        page = awaitPage("viewer", "the retried notification delivered", "<td>pager</td><td>down</td><td>delivered</td><td>1</td>");
        assertThat(page).contains("<h2 id=\"dead-title\">Dead letters (<span id=\"dead-count\">0</span>)</h2>");
        HttpResponse<String> again = post("editor", "/console/alerts/dead/" + dead.group(1) + "/retry");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(post("editor", "/console/alerts/dead/x/retry").statusCode()).isEqualTo(400);
    }

    @Test
    void the_api_acknowledges_unacknowledges_and_retries_as_the_console_does() throws Exception {
        String page = awaitPage("editor", "the pager notification dead", "<form class=\"retry\"");
        String episode = episodeId(page);
        Matcher dead = DEAD_ROW.matcher(page);
        assertThat(dead.find()).isTrue();

        HttpResponse<String> acked = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/alerts/" + episode + "/ack")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"bob\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(acked.body()).path("acknowledged_by").asText())
                .as("the caller is recorded; the body only says for whom").isEqualTo("bob via api key 'console editor'");
        assertThat(post("viewer", "/api/v1/alerts/" + episode + "/unack").statusCode()).isEqualTo(403);
        HttpResponse<String> unacked = post("editor", "/api/v1/alerts/" + episode + "/unack");
        assertThat(unacked.statusCode()).as(unacked.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(unacked.body()).path("acknowledged_at").isNull()).isTrue();
        assertThat(post("editor", "/api/v1/alerts/nope@1/unack").statusCode()).isEqualTo(404);

        pagerBack.set(true);
        assertThat(post("viewer", "/api/v1/alerts/notifications/" + dead.group(1) + "/retry").statusCode()).isEqualTo(403);
        HttpResponse<String> retried = post("editor", "/api/v1/alerts/notifications/" + dead.group(1) + "/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        awaitPage("viewer", "the retried notification delivered", "<td>pager</td><td>down</td><td>delivered</td><td>1</td>");
        assertThat(post("editor", "/api/v1/alerts/notifications/" + dead.group(1) + "/retry").statusCode()).isEqualTo(409);
        assertThat(post("editor", "/api/v1/alerts/notifications/x/retry").statusCode()).isEqualTo(400);
    }

    @Test
    void a_browser_without_a_session_goes_to_the_login_page() throws Exception {
        HttpResponse<String> anonymous = lookout.page(null, "/console/alerts");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login?next=%2Fconsole%2Falerts");
        assertThat(post(null, "/console/alerts/db@1/ack").statusCode()).isEqualTo(401);
    }
}
