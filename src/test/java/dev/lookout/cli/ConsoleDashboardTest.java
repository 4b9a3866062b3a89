package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /console}, the live dashboard, and its event stream, over HTTP against a real node. */
class ConsoleDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();



    /** The row of monitor {@code id} on the page, from {@code <tr} to {@code </tr>}. */
    private static String row(String page, String id) {
        Matcher row = Pattern.compile("<tr data-id=\"" + id + "\".*?</tr>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("a row for " + id).isTrue();
        return row.group();
    }

    private void awaitStates() throws Exception {
        NodeHttp.await("shop up and db down on the dashboard", () -> {
            String page = lookout.page("viewer", "/console").body();
            return row(page, "shop").contains("data-state=\"up\"") && row(page, "db").contains("data-state=\"down\"");
        });
    }

    @Test
    void a_viewer_sees_every_monitor_with_its_state_last_check_latency_component_type_and_tags() throws Exception {
        awaitStates();
        HttpResponse<String> response = lookout.page("viewer", "/console");
        assertThat(response.statusCode()).isEqualTo(200);
        String page = response.body();
        assertThat(row(page, "shop")).contains("data-state=\"up\"", "data-tags=\"prod web\"", "data-component=\"web\"",
                "data-type=\"tcp\"", "href=\"/console/monitors/shop\"", "Shop &lt;front&gt;", "Web Shop", " ms</td>");
        assertThat(row(page, "shop")).matches("(?s).*<td class=\"age\">\\d+ s</td>.*");
        assertThat(row(page, "db")).contains("data-state=\"down\"", "data-tags=\"prod db\"", "API");
        assertThat(row(page, "batch")).contains("data-state=\"paused\"", "<td class=\"age\">–</td>");
        assertThat(page).contains("id=\"count-up\">1<", "id=\"count-down\">1<", "id=\"count-paused\">1<",
                "id=\"count-all\">3<", "<span id=\"shown\">3</span> of 3");
        assertThat(page).as("who is signed in").contains("<strong id=\"user\">api key 'console viewer'</strong>");
    }

    @Test
    void the_query_string_filters_by_state_tag_component_type_and_text_and_counts_stay_whole() throws Exception {
        awaitStates();
        assertThat(ids("/console?state=down")).containsExactly("db");
        assertThat(ids("/console?tag=prod")).containsExactly("db", "shop");
        assertThat(ids("/console?component=web")).containsExactly("shop");
        assertThat(ids("/console?type=tcp&tag=batch")).containsExactly("batch");
        assertThat(ids("/console?q=NIGHTLY")).containsExactly("batch");
        assertThat(ids("/console?q=web+shop")).as("the component's name").containsExactly("shop");
        assertThat(ids("/console?tag=prod&state=paused")).isEmpty();
        String page = lookout.page("viewer", "/console?state=down").body();
        assertThat(page).contains("id=\"count-all\">3<", "<span id=\"shown\">1</span> of 3",
                "<option value=\"down\" selected>down</option>", "href=\"/console?state=up\"");
    }

    private java.util.List<String> ids(String path) throws Exception {
        HttpResponse<String> response = lookout.page("viewer", path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Pattern.compile("<tr data-id=\"([^\"]+)\"").matcher(response.body()).results().map(m -> m.group(1)).toList();
    }

    @Test
    void a_filter_for_an_unknown_state_or_a_huge_text_is_a_400_in_json() throws Exception {
        HttpResponse<String> unknown = lookout.page("viewer", "/console?state=sideways");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("error").asText())
                .isEqualTo("unknown state 'sideways' (use unknown, up, degraded, down or paused)");
        HttpResponse<String> huge = lookout.page("viewer", "/console?q=" + "x".repeat(201));
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(huge.body()).path("error").asText()).isEqualTo("query parameter 'q' is longer than 200 characters");
    }

    @Test
    void a_browser_without_a_session_is_sent_to_the_login_page_and_a_program_gets_a_401() throws Exception {
        HttpResponse<String> browser = lookout.page(null, "/console?state=down");
        assertThat(browser.statusCode()).isEqualTo(303);
        assertThat(browser.headers().firstValue("Location")).contains("/login?next=%2Fconsole");
        HttpResponse<String> program = NodeHttp.HTTP.send(lookout.request(null, "/console/events")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(program.statusCode()).isEqualTo(401);
    }

    @Test
    void each_state_change_is_pushed_to_an_open_event_stream() throws Exception {
        awaitStates();
        CompletableFuture<HttpResponse<Stream<String>>> opened = NodeHttp.HTTP.sendAsync(lookout.request("viewer", "/console/events")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = opened.get(20, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).isEqualTo("retry: 5000");
        assertThat(lines.next()).isEqualTo("event: hello");
        assertThat(lines.next()).isEqualTo("data: {}");
        lookout.stopShop();
        String data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("\"id\":\"shop\"")) {
                data = line.substring(6);
                break;
            }
            assertThat(line).as("nothing but the change, keep-alives and blank lines").matches("|event: state|: keep-alive");
        }
        var change = JSON.readTree(data);
        assertThat(change.path("from").asText()).isEqualTo("up");
        assertThat(change.path("state").asText()).isEqualTo("down");
        assertThat(change.path("checked_at").asText()).isNotBlank();
        stream.body().close();
    }

    @Test
    void the_event_stream_is_only_for_clients_that_accept_event_streams() throws Exception {
        HttpResponse<String> json = NodeHttp.HTTP.send(lookout.request("viewer", "/console/events")
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(json.body()).path("error").asText()).contains("text/event-stream");
    }

    @Test
    void the_console_runs_only_its_own_scripts_allowed_by_their_hashes() throws Exception {
        HttpResponse<String> page = lookout.page("viewer", "/console");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String scripts = policy.substring(policy.indexOf("script-src"), policy.indexOf(';', policy.indexOf("script-src")));
        assertThat(scripts).doesNotContain("'self'", "unsafe", "*");
        assertThat(page.body()).doesNotContain("<script>", " on", "javascript:");
        Matcher tags = Pattern.compile("<script src=\"([^\"]+)\" integrity=\"([^\"]+)\"").matcher(page.body());
        int count = 0;
        while (tags.find()) {
            count++;
            HttpResponse<byte[]> file = NodeHttp.HTTP.send(lookout.request(null, tags.group(1)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).as(tags.group(1)).isEqualTo(200);
            String hash = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(file.body()));
            assertThat(tags.group(2)).as(tags.group(1)).isEqualTo(hash);
            assertThat(scripts).contains("'" + hash + "'");
        }
        assertThat(count).as("htmx and console.js").isEqualTo(2);
        assertThat(new String(NodeHttp.HTTP.send(lookout.request(null, "/console/assets/htmx.min.js").build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8)).contains("htmx");
    }
}
