package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /console/monitors/{id}}: one monitor's state, last result, timings, conditions and state history. */
class ConsoleMonitorPageTest {
    private static final String BACKUP = "5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278";
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest("""
                  - { id: backup, name: Backup, type: heartbeat, uuid: %s, schedule: { every: 1h, grace: 1h } }
                """.formatted(BACKUP), "");



    @Test
    void a_viewer_sees_the_state_the_last_results_timings_and_the_stored_state_changes() throws Exception {
        NodeHttp.await("the shop up", () -> lookout.page("viewer", "/console/monitors/shop").body()
                .contains("<span class=\"badge up\" id=\"state\">up</span>"));
        lookout.stopShop();
        NodeHttp.await("the shop down, and its change from up stored", () -> {
            String page = lookout.page("viewer", "/console/monitors/shop").body();
            return page.contains("<span class=\"badge down\" id=\"state\">down</span>")
                    && page.matches("(?s).*<td>up</td><td><span class=\"badge down\">down</span></td>.*");
        });
        HttpResponse<String> response = lookout.page("viewer", "/console/monitors/shop");
        assertThat(response.statusCode()).isEqualTo(200);
        String page = response.body();
        assertThat(page).contains("<h1>Shop &lt;front&gt; ", "component Web Shop", "tags prod web", "<table id=\"timings\">",
                "<table id=\"history\">", "<span class=\"badge\">failed</span>");
        assertThat(page).matches("(?s).*<caption>Time per phase</caption>.*<td>[0-9.]+ ms</td></tr></tbody>.*");
        assertThat(page).contains("<ul class=\"cards\" id=\"uptime\">");
    }

    @Test
    void the_page_has_uptime_and_latency_percentiles_per_window_from_the_rollups() throws Exception {
        NodeHttp.await("the shop's results in the 24-hour rollups", () -> lookout.page("viewer", "/console/monitors/shop").body()
                .matches("(?s).*<tr><th scope=\"row\">24 hours</th><td>[0-9.]+ %</td><td>[1-9][0-9]*</td><td>[0-9.]+ ms</td>"
                        + "<td>[0-9.]+ ms</td><td>[0-9.]+ ms</td></tr>.*"));
        String page = lookout.page("viewer", "/console/monitors/shop").body();
        assertThat(page).contains("<table id=\"latency\">", "<th scope=\"col\">p99</th>", "<th scope=\"row\">7 days</th>",
                "<th scope=\"row\">30 days</th>", "Each phase's own duration, as on the status page");
        assertThat(page).as("not a heartbeat monitor").doesNotContain("<h2>Pings</h2>");
    }

    @Test
    void a_heartbeat_monitors_page_lists_its_newest_pings_with_their_bodies() throws Exception {
        assertThat(lookout.page("viewer", "/console/monitors/backup").body()).contains("No ping stored yet.");
        for (String body : new String[] {"first run", "backup done: 42 files <ok>"}) {
            HttpResponse<String> ping = NodeHttp.HTTP.send(java.net.http.HttpRequest.newBuilder(lookout.uri("/ping/" + BACKUP))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
        }
        NodeHttp.await("both pings in the log (indexed after their answers)", () -> {
            String shown = lookout.page("viewer", "/console/monitors/backup").body();
            return shown.contains("first run") && shown.contains("backup done");
        });
        String page = lookout.page("viewer", "/console/monitors/backup").body();
        assertThat(page).contains("<table id=\"pings\">", "<pre>backup done: 42 files &lt;ok&gt;</pre>", "<td>success</td>");
        assertThat(page.indexOf("backup done")).as("newest first").isLessThan(page.indexOf("first run"));
    }

    @Test
    void an_unknown_monitor_is_a_404_and_a_browser_without_a_session_goes_to_the_login_page() throws Exception {
        HttpResponse<String> unknown = lookout.page("viewer", "/console/monitors/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(unknown.body()).path("error").asText()).isEqualTo("no monitor with id 'nope'");
        HttpResponse<String> anonymous = lookout.page(null, "/console/monitors/shop");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login?next=%2Fconsole%2Fmonitors%2Fshop");
    }
}
