package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component's page: its uptime bar, the incident affecting it, and its monitors with their state
 * and their response times as charts and in figures, drawn from stored results.
 */
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

    private void results(String monitor, int hours) {
        Instant now = server.clock.instant();
        for (int h = hours; h >= 1; h--) {
            for (int i = 0; i < 3; i++) {
                server.store.append(new CheckResult(monitor, now.minus(Duration.ofHours(h)).plusSeconds(60L * i), Outcome.OK, "ok",
                        Timings.totalOnly((80 + 20L * h) * 1000), List.of()));
            }
        }
        server.store.flush();
    }

    @Test
    void the_page_draws_each_window_of_the_monitors_response_times_and_says_it_in_words() throws Exception {
        results("a", 6); // 100 to 200 ms, three results an hour

        assertThat(server.send("GET", "/", null, false).body()).contains("href=\"/components/api\"");
        HttpResponse<String> page = server.send("GET", "/components/api", null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1 id=\"component-title\">API</h1>", "Monitors and response times");
        assertThat(Pattern.compile("<svg class=\"rt-chart\"").matcher(html).results().count())
                .as("24 hours and 7 days; the 30 days have one daily point").isEqualTo(2);
        assertThat(html).contains("<p class=\"rt-empty\">Not enough data yet for a chart");
        assertThat(html).contains("<title id=\"rt-a-day-t\">Response time of a, Last 24 hours</title>")
                .containsPattern("<desc id=\"rt-a-day-d\">Average 150 ms, median \\(p50\\) 1(39|40|41) ms, p95 (19\\d|20\\d) ms.</desc>")
                .containsPattern("<p class=\"rt-figures\">Average 150 ms, median \\(p50\\) 1(39|40|41) ms, p95 (19\\d|20\\d) ms.</p>")
                .contains("<polyline class=\"rt-avg\"", "<span>200 ms</span><span>0 ms</span>");
        assertThat(html.split("<script", -1)).as("one script: the uptime bar's tooltips").hasSize(2);

        HttpResponse<String> web = server.send("GET", "/components/web", null, false);
        assertThat(web.body()).contains("No response times recorded in this period.").doesNotContain("<svg class=\"rt-chart\"");
        HttpResponse<String> unknown = server.send("GET", "/components/nope", null, false);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    void one_hour_of_results_is_not_enough_for_a_chart_and_draws_no_frame_with_a_dot() throws Exception {
        results("a", 1); // a new install: one hourly point

        String html = server.send("GET", "/components/api", null, false).body();
        assertThat(html).doesNotContain("<svg class=\"rt-chart\"", "rt-dot\"");
        assertThat(Pattern.compile("<p class=\"rt-empty\">Not enough data yet for a chart").matcher(html).results().count())
                .as("the 24-hour and 7-day windows have one hourly point each, the 30-day window one daily point").isEqualTo(3);
        assertThat(html).containsPattern("<p class=\"rt-figures\">Average 100 ms, median \\(p50\\) (99|100|101) ms, p95 (99|100|101) ms.</p>");
    }

    @Test
    void the_page_shows_each_monitors_state_and_the_incident_affecting_the_component() throws Exception {
        results("a", 2);
        server.incidents.open("Search is slow", IncidentStatus.IDENTIFIED, Impact.MINOR, "A slow replica.",
                Map.of("api", AffectedStatus.DEGRADED_PERFORMANCE));
        server.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE));

        String html = server.send("GET", "/components/api", null, false).body();
        assertThat(html).contains("<span class=\"status degraded_performance\" id=\"component-status\">Degraded performance</span>",
                "<h2 id=\"component-incidents\">Incidents affecting this component</h2>", ">Search is slow</a>",
                "<p class=\"affected\">API: Degraded performance</p>", "A slow replica.")
                .doesNotContain("Checkout errors");
        assertThat(html).contains("<h3>a</h3>", "<span class=\"status operational\">Up</span>",
                "Last check <time datetime=\"2026-03-10T11:02:00Z\">");
        assertThat(server.send("GET", "/components/db", null, false).body())
                .contains("No monitor checks this component.").doesNotContain("component-incidents");
    }
}
