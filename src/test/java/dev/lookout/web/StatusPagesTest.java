package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Maintenance;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML pages {@code /}, {@code /history}, {@code /incidents/{id}} and {@code /maintenances/{id}} as served. */
class StatusPagesTest {
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

    private HttpResponse<String> page(String path) throws Exception {
        return server.send("GET", path, null, false);
    }

    private String html(String path) throws Exception {
        HttpResponse<String> response = page(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=10");
        return response.body();
    }

    /** An incident of 10 March 2026 from 12:00 to 14:30, with a postmortem. */
    private Incident resolvedInMarch() {
        Incident i = server.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR,
                "Payments fail.", Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
        server.clock.advance(Duration.ofMinutes(30));
        server.incidents.update(i.id(), IncidentStatus.IDENTIFIED, "A full disk.", Map.of(), null);
        server.clock.advance(Duration.ofHours(2));
        server.incidents.resolve(i.id(), null, Map.of());
        return server.incidents.publishPostmortem(i.id(), "## Cause\n\nLogs were **never** rotated.");
    }

    @Test
    void the_status_page_shows_active_incidents_and_maintenance_before_the_components() throws Exception {
        server.incidents.open("API errors", IncidentStatus.IDENTIFIED, Impact.CRITICAL, "Requests **fail**.",
                Map.of("api", AffectedStatus.MAJOR_OUTAGE));
        Instant now = server.clock.instant();
        server.maintenances.schedule("Database upgrade", "Writes pause.", now.minusSeconds(60), now.plus(Duration.ofHours(1)),
                List.of("db"));
        server.maintenances.schedule("Network change", "Short blips.", Instant.parse("2026-03-12T22:00:00Z"),
                Instant.parse("2026-03-12T23:30:00Z"), List.of("web", "api"));

        String page = html("/");
        assertThat(page).contains("<p class=\"banner major_outage\" role=\"status\" id=\"overall\">Major outage</p>",
                "<h2 id=\"active-incidents\">Active incidents</h2>", "<a href=\"/incidents/1\">API errors</a>",
                "<span class=\"impact\">Critical impact</span><span class=\"state\">Identified</span>",
                "<p class=\"affected\">Affected: API: Major outage</p>", "<p>Requests <strong>fail</strong>.</p>",
                "<h2 id=\"active-maintenance\">Maintenance in progress</h2>", "<a href=\"/maintenances/2\">Database upgrade</a>",
                "<p class=\"affected\">Under maintenance: Database</p>",
                "<h2 id=\"upcoming-maintenance\">Upcoming maintenance</h2>",
                "Scheduled: <a href=\"/maintenances/3\">Network change</a> from <time datetime=\"2026-03-12T22:00:00Z\">"
                        + "12 Mar 2026, 22:00 UTC</time> to <time datetime=\"2026-03-12T23:30:00Z\">23:30 UTC</time>",
                "Under maintenance: Web Shop, API", "<h2>Public</h2>", "<span class=\"status major_outage\">Major outage</span>",
                "<a href=\"/history\">");
        assertThat(page.indexOf("active-incidents")).isLessThan(page.indexOf("active-maintenance"));
        assertThat(page.indexOf("active-maintenance")).isLessThan(page.indexOf("upcoming-maintenance"));
        assertThat(page.indexOf("upcoming-maintenance")).isLessThan(page.indexOf("id=\"component-web\""));
    }

    @Test
    void without_incidents_the_status_page_shows_the_banner_and_components_only() throws Exception {
        String page = html("/");
        assertThat(page).contains("<html lang=\"en\">", "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                "<meta http-equiv=\"refresh\" content=\"60\">", "<header>", "<main id=\"main\">", "All systems operational",
                "<a href=\"/\" aria-current=\"page\">Current status</a>", "<a href=\"/history\">Incident history</a>",
                "Updated <time datetime=\"2026-03-10T12:00:00Z\">10 Mar 2026, 12:00 UTC</time>. Powered by Lookout.");
        assertThat(page).doesNotContain("active-incidents", "active-maintenance", "upcoming-maintenance");
        assertThat(page.split("<script", -1)).as("one script: the uptime bars' tooltips").hasSize(2);
    }

    @Test
    void without_email_subscriptions_the_page_offers_its_feeds_but_no_form() throws Exception {
        String page = html("/");
        assertThat(page).contains("<h2 id=\"subscribe-title\">Subscribe to updates</h2>",
                "<a href=\"/feeds/incidents.rss\" type=\"application/rss+xml\">Incidents (RSS)</a>",
                "<link rel=\"alternate\" type=\"text/calendar\" href=\"/feeds/maintenances.ics\"",
                "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
        assertThat(page).doesNotContain("<form", "name=\"email\"");
        assertThat(server.raw("POST", "/subscribe", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 0").status())
                .as("no form route without subscriptions wired").isEqualTo(405);
    }

    @Test
    void an_incident_page_lists_every_update_newest_first_and_the_postmortem() throws Exception {
        Incident incident = resolvedInMarch();
        String page = html("/incidents/" + incident.id());
        assertThat(page).contains("<title>Checkout errors - T</title>", "<h1 id=\"incident-title\">Checkout errors</h1>",
                "<span class=\"impact\">Major impact</span><span class=\"state\">Postmortem published</span>",
                "From <time datetime=\"2026-03-10T12:00:00Z\">10 Mar 2026, 12:00 UTC</time> to "
                        + "<time datetime=\"2026-03-10T14:30:00Z\">14:30 UTC</time>",
                "<h2 id=\"components-title\">Affected components</h2>", "<li>Web Shop</li>",
                "<h2 id=\"postmortem-title\">Postmortem</h2>", "<h2>Cause</h2>", "<p>Logs were <strong>never</strong> rotated.</p>",
                "<p class=\"changes\">Web Shop: Partial outage</p>", "<p class=\"changes\">Web Shop: Operational</p>");
        assertThat(page.indexOf("This incident has been resolved.")).isLessThan(page.indexOf("A full disk."));
        assertThat(page.indexOf("A full disk.")).isLessThan(page.indexOf("Payments fail."));
        assertThat(page).containsSubsequence("<strong>Resolved</strong><time datetime=\"2026-03-10T14:30:00Z\">",
                "<strong>Identified</strong><time datetime=\"2026-03-10T12:30:00Z\">",
                "<strong>Investigating</strong><time datetime=\"2026-03-10T12:00:00Z\">");
    }

    @Test
    void a_maintenance_page_lists_its_window_components_and_updates() throws Exception {
        Instant now = server.clock.instant();
        Maintenance m = server.maintenances.schedule("Database upgrade", "Writes pause.", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), List.of("db", "api"));
        String page = html("/maintenances/" + m.id());
        assertThat(page).contains("<h1 id=\"maintenance-title\">Database upgrade</h1>", "<span class=\"state\">Scheduled</span>",
                "From <time datetime=\"2026-03-11T12:00:00Z\">11 Mar 2026, 12:00 UTC</time> to "
                        + "<time datetime=\"2026-03-12T12:00:00Z\">12 Mar 2026, 12:00 UTC</time>",
                "<li>Database</li>", "<li>API</li>", "<p>Writes pause.</p>");
    }

    @Test
    void the_history_groups_incidents_by_month_newest_first_three_months_a_page() throws Exception {
        Incident march = resolvedInMarch();
        server.clock.advance(Duration.ofDays(60)); // 9 May
        Incident may = server.incidents.open("Login loop", IncidentStatus.INVESTIGATING, Impact.MINOR, "Looking.", Map.of());

        String first = html("/history");
        assertThat(first).contains("<h1>Incident history</h1>", "<a href=\"/history\" aria-current=\"page\">Incident history</a>",
                "Page 1 of 1").doesNotContain("rel=\"next\"", "rel=\"prev\"");
        assertThat(first).containsSubsequence("<time datetime=\"2026-05\">May 2026</time>", "<a href=\"/incidents/" + may.id() + "\">Login loop</a>",
                "Since <time datetime=\"2026-05-09T14:30:00Z\">",
                "<time datetime=\"2026-04\">April 2026</time>", "No incidents reported this month.",
                "<time datetime=\"2026-03\">March 2026</time>", "<a href=\"/incidents/" + march.id() + "\">Checkout errors</a>",
                "From <time datetime=\"2026-03-10T12:00:00Z\">");

        server.clock.advance(Duration.ofDays(120)); // 6 September: September to July, June to April, March
        String newest = html("/history?page=1");
        assertThat(newest).contains("September 2026", "August 2026", "July 2026", "Page 1 of 3",
                "<a rel=\"next\" href=\"/history?page=2\">Older</a>").doesNotContain("Login loop", "rel=\"prev\"");
        String middle = html("/history?page=2");
        assertThat(middle).contains("June 2026", "May 2026", "Login loop", "April 2026", "Page 2 of 3",
                "<a rel=\"prev\" href=\"/history?page=1\">Newer</a>", "<a rel=\"next\" href=\"/history?page=3\">Older</a>");
        String last = html("/history?page=3");
        assertThat(last).contains("March 2026", "Checkout errors", "Page 3 of 3").doesNotContain("February 2026", "rel=\"next\"");
    }

    @Test
    void the_history_lists_maintenance_that_has_started_under_its_month() throws Exception {
        Instant now = server.clock.instant();
        server.maintenances.schedule("Disk swap", "Brief.", now.minusSeconds(60), now.plus(Duration.ofHours(1)), List.of("db"));
        server.maintenances.schedule("Future work", "Later.", now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)), List.of());
        String page = html("/history");
        assertThat(page).contains("No incidents reported this month.", "<h3>Scheduled maintenance</h3>",
                "<a href=\"/maintenances/1\">Disk swap</a>").doesNotContain("Future work");
    }

    @Test
    void unknown_pages_are_an_html_404_page() throws Exception {
        resolvedInMarch();
        for (String path : List.of("/incidents/999", "/incidents/abc", "/incidents/-1", "/maintenances/1", "/history?page=2",
                "/history?page=0", "/history?page=x", "/history?page=99999999999999999999")) {
            HttpResponse<String> response = page(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(response.body()).as(path).contains("<title>Page not found - T</title>", "<h1>Page not found</h1>",
                    "<a href=\"/\">Go to the current status</a>").doesNotContain("Exception", "\"error\"");
        }
        assertThat(page("/no/such/route").headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void names_and_texts_from_operators_are_escaped() throws Exception {
        server.incidents.open("<b>Bold</b> & \"quoted\"", IncidentStatus.INVESTIGATING, Impact.MINOR,
                "<script>window.xss=1</script> [x](javascript:alert(1))", Map.of());
        String page = html("/");
        assertThat(page).contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"quoted\"", "&lt;script&gt;window.xss")
                .doesNotContain("<script>window", "href=\"javascript:", "<b>Bold");
        assertThat(html("/incidents/1")).contains("<title>&lt;b&gt;Bold&lt;/b&gt; &amp; \"quoted\" - T</title>")
                .doesNotContain("<script>window", "href=\"javascript:", "<b>Bold");
    }
}
