package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitor page's actions ({@code /console/monitors/{id}/pause|resume|check|silence|unsilence}):
 * plain forms that post and come back (post, redirect, get), for editors only; a refusal shows
 * the page with its reason. The {@code db} monitor is down from the start, {@code batch} is paused
 * in the file.
 */
class ConsoleMonitorActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();



    private HttpResponse<String> post(String role, String path, String form, boolean htmx) throws Exception {
        HttpRequest.Builder request = lookout.request(role, path).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(out.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void a_viewer_sees_no_action_and_may_not_post_one() throws Exception {
        String page = lookout.page("viewer", "/console/monitors/db").body();
        assertThat(page).doesNotContain("id=\"actions\"", "<form class=\"pause\"");
        assertThat(post("viewer", "/console/monitors/db/pause", form("reason", "x"), false).statusCode()).isEqualTo(403);
        assertThat(post("viewer", "/console/monitors/db/check", "", false).statusCode()).isEqualTo(403);
    }

    @Test
    void an_editor_pauses_a_down_monitor_the_page_and_the_api_say_who_and_why_and_resume_brings_it_back()
            throws Exception {
        NodeHttp.await("db is down", () -> lookout.page("viewer", "/console/monitors/db").body().contains("id=\"state\">down<"));
        assertThat(lookout.page("editor", "/console/monitors/db").body()).contains("<form class=\"pause\"",
                "<form class=\"check\"", "<form class=\"silence\"");

        HttpResponse<String> paused = post("editor", "/console/monitors/db/pause", form("reason", "rack <move>", "until", "2h"),
                false);
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(paused.headers().firstValue("Location")).contains("/console/monitors/db?done=paused");
        String page = lookout.page("viewer", "/console/monitors/db?done=paused").body();
        assertThat(page).contains("id=\"state\">paused<", "Paused by <strong>api key 'console editor'</strong>",
                ": rack &lt;move&gt;</p>", "<p class=\"notice\" role=\"status\" id=\"done\">Paused: it is not checked until resumed.</p>");
        JsonNode api = JSON.readTree(lookout.page("viewer", "/api/v1/monitors/db").body());
        assertThat(api.path("state").asText()).isEqualTo("paused");
        assertThat(api.path("pause").path("by").asText()).isEqualTo("api key 'console editor'");
        assertThat(api.path("pause").path("until").isNull()).isFalse();
        assertThat(lookout.page("editor", "/console/monitors/db").body()).contains("<form class=\"resume\"")
                .doesNotContain("<form class=\"pause\"", "<form class=\"check\"");
        assertThat(lookout.page("viewer", "/console?state=paused").body()).contains("/console/monitors/db\"");

        assertThat(post("editor", "/console/monitors/db/resume", "", false).statusCode()).isEqualTo(303);
        assertThat(JSON.readTree(lookout.page("viewer", "/api/v1/monitors/db").body()).path("pause").isNull()).isTrue();
        NodeHttp.await("db is checked again and down", () -> lookout.page("viewer", "/console/monitors/db").body()
                .contains("id=\"state\">down<"));
    }

    @Test
    void a_refused_action_shows_the_page_with_the_reason() throws Exception {
        HttpResponse<String> plain = post("editor", "/console/monitors/db/pause", form("reason", "x", "until", "soon"), false);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("<p class=\"problem\" role=\"alert\" id=\"problem\">until: 'soon' is neither",
                "<form class=\"pause\"");
        HttpResponse<String> boosted = post("editor", "/console/monitors/db/silence", form("until", ""), true);
        assertThat(boosted.statusCode()).as("htmx swaps in no 4xx answer").isEqualTo(200);
        assertThat(boosted.body()).contains("id=\"problem\">a silence needs an end");
        assertThat(post("editor", "/console/monitors/nope/check", "", false).statusCode()).isEqualTo(404);
        assertThat(lookout.page("editor", "/console/monitors/batch").body()).as("paused in the file: nothing to pause or resume")
                .doesNotContain("<form class=\"pause\"", "<form class=\"resume\"", "<form class=\"check\"");
        assertThat(post("editor", "/console/monitors/batch/resume", "", false).body())
                .contains("is paused in the configuration file (paused: true): change it there");
    }

    @Test
    void an_editor_silences_ends_the_silence_and_asks_for_a_check() throws Exception {
        HttpResponse<String> silenced = post("editor", "/console/monitors/shop/silence",
                form("until", "2099-01-01T00:00:00Z", "reason", "vendor"), false);
        assertThat(silenced.statusCode()).isEqualTo(303);
        assertThat(lookout.page("viewer", "/console/monitors/shop").body())
                .contains("Alerts silenced by <strong>api key 'console editor'</strong> until", "2099-01-01T00:00:00Z", ": vendor</p>");
        assertThat(lookout.page("editor", "/console/monitors/shop").body()).contains("<form class=\"unsilence\"");
        assertThat(post("editor", "/console/monitors/shop/unsilence", "", false).statusCode()).isEqualTo(303);
        assertThat(lookout.page("viewer", "/console/monitors/shop").body()).doesNotContain("Alerts silenced by");

        HttpResponse<String> check = post("editor", "/console/monitors/shop/check", "", false);
        assertThat(check.statusCode()).isEqualTo(303);
        assertThat(check.headers().firstValue("Location")).contains("/console/monitors/shop?done=check");
    }
}
