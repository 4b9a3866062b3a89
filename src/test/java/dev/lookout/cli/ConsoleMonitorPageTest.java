package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /console/monitors/{id}}: one monitor's state, last result, timings, conditions and state history. */
class ConsoleMonitorPageTest {
    @TempDir
    Path dir;
    private ConsoleNode lookout;

    @BeforeEach
    void start() throws Exception {
        lookout = new ConsoleNode(dir);
    }

    @AfterEach
    void stop() throws Exception {
        lookout.close();
    }

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
    void an_unknown_monitor_is_a_404_and_a_browser_without_a_session_goes_to_the_login_page() throws Exception {
        HttpResponse<String> unknown = lookout.page("viewer", "/console/monitors/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(unknown.body()).path("error").asText()).isEqualTo("no monitor with id 'nope'");
        HttpResponse<String> anonymous = lookout.page(null, "/console/monitors/shop");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login?next=%2Fconsole%2Fmonitors%2Fshop");
    }
}
