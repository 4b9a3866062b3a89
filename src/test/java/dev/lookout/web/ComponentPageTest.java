package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component's page: its uptime bar and its monitors' response-time charts, drawn from stored results. */
class ComponentPageTest {
    @TempDir
    Path dir;
    private IncidentServer server;

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_page_draws_each_window_of_the_monitors_response_times_and_says_it_in_words() throws Exception {
        Instant now = server.clock.instant();
        for (int h = 6; h >= 1; h--) {
            for (int i = 0; i < 3; i++) {
                server.store.append(new CheckResult("a", now.minus(Duration.ofHours(h)).plusSeconds(60L * i), Outcome.OK, "ok",
                        Timings.totalOnly((80 + 20L * h) * 1000), List.of()));
            }
        }
        server.store.flush();

        assertThat(server.send("GET", "/", null, false).body()).contains("href=\"/components/api\"");
        HttpResponse<String> page = server.send("GET", "/components/api", null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1 id=\"component-title\">API</h1>", "Response times");
        assertThat(Pattern.compile("<svg class=\"rt-chart\"").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains("<title id=\"rt-a-day-t\">Response time of a, Last 24 hours</title>")
                .containsPattern("<desc id=\"rt-a-day-d\">Average 150 ms; highest hourly or daily p95 (19\\d|20\\d) ms.</desc>")
                .contains("<polyline class=\"rt-avg\"");
        assertThat(html).doesNotContain("<script");

        HttpResponse<String> web = server.send("GET", "/components/web", null, false);
        assertThat(web.body()).contains("No response times recorded in this period.");
        HttpResponse<String> unknown = server.send("GET", "/components/nope", null, false);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }
}
