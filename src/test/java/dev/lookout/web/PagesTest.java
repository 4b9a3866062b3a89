package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.config.PageConfig;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Maintenance;
import dev.lookout.status.Pages;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several status pages served by one Lookout: chosen by Host header, then path prefix, else the
 * default page; each shows only its components and the incidents and maintenances that touch
 * them, in its language and time zone, with its own /api/v2 documents and feeds.
 */
class PagesTest {
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    private static final String PAGES = """
            pages:
              - { id: shop, title: "Shop status", description: "The shop and its API", components: [web, api], host: shop.example.com, logo: logo.svg }
              - { id: internal, title: Intern, components: [db], path: /internal, language: de, timezone: Europe/Berlin }
              - { id: everything, title: Everything }
            """;

    @TempDir
    Path dir;
    private IncidentServer server;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("logo.svg"), SVG);
        server = new IncidentServer(dir, PAGES);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String html(String host, String path) throws Exception {
        RawHttp.Response response = server.getAs(host, path);
        assertThat(response.status()).as(host + path + ": " + response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        return response.body();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void a_request_is_routed_by_host_then_by_path_prefix_else_to_the_default_page() throws Exception {
        assertThat(html("shop.example.com", "/")).contains("<title>Shop status</title>");
        assertThat(html("Shop.Example.com:8443", "/")).as("case and port do not matter").contains("<title>Shop status</title>");
        assertThat(html("127.0.0.1", "/internal")).contains("<title>Intern</title>", "<html lang=\"de\">");
        assertThat(html("127.0.0.1", "/internal/")).contains("<title>Intern</title>");
        assertThat(html("shop.example.com", "/internal/history")).as("a path page under any host")
                .contains("<title>Störungsverlauf - Intern</title>");
        assertThat(html("127.0.0.1", "/")).contains("<title>Everything</title>", "<html lang=\"en\">");
        assertThat(html("status.example.org", "/history")).contains("<title>Incident history - Everything</title>");

        RawHttp.Response unknown = server.getAs("127.0.0.1", "/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).as("a prefix that is no page's is an unknown route, as before")
                .isEqualTo("{\"error\":\"no such route: GET /nope\",\"status\":404}");
        assertThat(server.getAs("127.0.0.1", "/nope/history").status()).isEqualTo(404);
        assertThat(server.getAs("127.0.0.1", "/healthz").body()).as("fixed routes come first").contains("alive");
    }

    @Test
    void each_page_shows_its_components_and_only_the_incidents_and_maintenance_that_touch_them() throws Exception {
        Incident both = server.incidents.open("Checkout and database", IncidentStatus.IDENTIFIED, Impact.MAJOR, "Slow writes.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE, "db", AffectedStatus.MAJOR_OUTAGE));
        Incident dbOnly = server.incidents.open("Replica lag", IncidentStatus.INVESTIGATING, Impact.MINOR, "Lagging.",
                Map.of("db", AffectedStatus.DEGRADED_PERFORMANCE));
        Incident none = server.incidents.open("Mail delays", IncidentStatus.INVESTIGATING, Impact.MINOR, "Queued.", Map.of());
        Instant now = server.clock.instant();
        Maintenance upgrade = server.maintenances.schedule("Database upgrade", "Writes pause.", now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)), List.of("db"));

        String shop = html("shop.example.com", "/");
        assertThat(shop).contains("id=\"component-web\"", "id=\"component-api\"", "Checkout and database",
                "<p class=\"affected\">Affected: Web Shop: Partial outage</p>", "<p class=\"desc\" id=\"description\">The shop and its API</p>",
                "<p class=\"banner partial_outage\" role=\"status\" id=\"overall\">Partial outage</p>")
                .doesNotContain("id=\"component-db\"", "Database", "Replica lag", "Mail delays", "Database upgrade");
        assertThat(html("shop.example.com", "/incidents/" + both.id())).contains("<li>Web Shop: Partial outage</li>")
                .doesNotContain("Database", "Major outage");
        assertThat(server.getAs("shop.example.com", "/incidents/" + dbOnly.id()).status()).isEqualTo(404);
        assertThat(server.getAs("shop.example.com", "/incidents/" + none.id()).status()).isEqualTo(404);
        assertThat(server.getAs("shop.example.com", "/maintenances/" + upgrade.id()).status()).isEqualTo(404);
        assertThat(html("shop.example.com", "/history")).contains("Checkout and database").doesNotContain("Replica lag", "Mail delays");

        String internal = html("127.0.0.1", "/internal");
        assertThat(internal).contains("id=\"component-db\"", "Checkout and database", "Replica lag", "Database upgrade",
                "Betroffen: Database: Schwerer Ausfall", "<p class=\"banner major_outage\" role=\"status\" id=\"overall\">Schwerer Ausfall</p>")
                .doesNotContain("id=\"component-web\"", "Web Shop", "Mail delays");
        assertThat(html("127.0.0.1", "/internal/maintenances/" + upgrade.id())).contains("<h1 id=\"maintenance-title\">Database upgrade</h1>");

        String everything = html("127.0.0.1", "/");
        assertThat(everything).as("a page without components: everything, incidents without components too")
                .contains("id=\"component-web\"", "id=\"component-db\"", "Checkout and database", "Replica lag", "Mail delays",
                        "Database upgrade");
    }

    @Test
    void links_on_a_page_under_a_prefix_stay_under_it_and_times_are_in_its_zone_and_language() throws Exception {
        Incident incident = server.incidents.open("Replica lag", IncidentStatus.INVESTIGATING, Impact.MINOR, "Lagging.",
                Map.of("db", AffectedStatus.DEGRADED_PERFORMANCE));
        String page = html("127.0.0.1", "/internal");
        assertThat(page).contains("<a class=\"site\" href=\"/internal\">Intern</a>", "<a href=\"/internal\" aria-current=\"page\">",
                "<a href=\"/internal/history\">", "<a href=\"/internal/incidents/" + incident.id() + "\">Replica lag</a>",
                "<time datetime=\"2026-03-10T12:00:00Z\">10.03.2026, 13:00 MEZ</time>")
                .doesNotContain("href=\"/history\"", "href=\"/incidents/");
        assertThat(html("127.0.0.1", "/internal/history")).contains("<time datetime=\"2026-03\">März 2026</time>",
                "<a href=\"/internal/incidents/" + incident.id() + "\">");
        RawHttp.Response missing = server.getAs("127.0.0.1", "/internal/incidents/999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("<h1>Seite nicht gefunden</h1>", "<a href=\"/internal\">Zum aktuellen Zustand</a>");
    }

    @Test
    void the_api_documents_and_feeds_follow_the_page() throws Exception {
        server.incidents.open("Replica lag", IncidentStatus.INVESTIGATING, Impact.MINOR, "Lagging.",
                Map.of("db", AffectedStatus.DEGRADED_PERFORMANCE));
        JsonNode internal = server.getAs("127.0.0.1", "/internal/api/v2/summary.json").json();
        assertThat(internal.path("page").path("id").asText()).isEqualTo("internal");
        assertThat(internal.path("page").path("name").asText()).isEqualTo("Intern");
        assertThat(internal.path("page").path("url").asText()).isEqualTo("https://status.example.com/internal");
        assertThat(internal.path("page").path("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(ids(internal.path("components"))).containsExactly("db");
        assertThat(internal.path("incidents").get(0).path("shortlink").asText())
                .as("the incident's page, under the prefix").startsWith("https://status.example.com/internal/incidents/");

        JsonNode shop = server.getAs("shop.example.com", "/api/v2/components.json").json();
        assertThat(shop.path("page").path("name").asText()).isEqualTo("Shop status");
        assertThat(shop.path("page").path("url").asText()).isEqualTo("https://shop.example.com");
        assertThat(ids(shop.path("components"))).containsExactly("group-public", "web", "api");
        assertThat(server.getAs("shop.example.com", "/api/v2/incidents.json").json().path("incidents")).isEmpty();

        JsonNode everything = server.getAs("127.0.0.1", "/api/v2/summary.json").json();
        assertThat(everything.path("page").path("name").asText()).isEqualTo("Everything");
        assertThat(everything.path("page").path("time_zone").asText()).isEqualTo("Etc/UTC");
        assertThat(ids(everything.path("components"))).containsExactly("group-public", "web", "api", "db");

        assertThat(server.getAs("127.0.0.1", "/internal/feeds/incidents.rss").body()).contains("Replica lag",
                "<link>https://status.example.com/internal/</link>", "<link>https://status.example.com/internal/incidents/");
        assertThat(server.getAs("shop.example.com", "/feeds/incidents.atom").body()).doesNotContain("Replica lag");
    }

    @Test
    void a_logo_file_is_served_for_its_page_and_shown_in_the_header() throws Exception {
        assertThat(html("shop.example.com", "/")).contains("<a class=\"site\" href=\"/\"><img src=\"/pages/shop/logo\" alt=\"\">Shop status</a>");
        RawHttp.Response logo = server.getAs("127.0.0.1", "/pages/shop/logo");
        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(logo.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
        assertThat(logo.header("ETag")).isNotBlank();
        assertThat(logo.body()).isEqualTo(SVG);
        assertThat(server.getAs("127.0.0.1", "/pages/internal/logo").status()).isEqualTo(404);
        assertThat(html("127.0.0.1", "/internal")).doesNotContain("<img");
    }

    @Test
    void no_page_path_can_take_the_first_segment_of_a_fixed_route() {
        WebServer all = new WebServer(null, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                PingIngest.NONE, (String) null, List.of(new StatusPages(null, server.clock), new AlertApi(null, null, null, server.clock),
                new BadgeApi(null, Duration.ofSeconds(30)), new IncidentApi(null), new MaintenanceApi(null, server.clock),
                new StatuspageApi((Pages) null, server.clock), new TimelineApi(null, null), new FeedApi((Pages) null),
                new SubscriberApi(null)));
        List<String> firsts = all.routes().stream().map(Route::path).filter(p -> !p.equals("/"))
                .map(p -> p.substring(1).split("/")[0]).distinct().toList();
        assertThat(firsts).contains(PageRequests.PREFIX.substring(1));
        assertThat(firsts.stream().filter(f -> !f.equals(PageRequests.PREFIX.substring(1))))
                .allSatisfy(first -> assertThat(PageConfig.RESERVED_PATHS).contains(first));
        assertThat(all.routes().getLast().path()).as("prefixed routes are matched last").startsWith(PageRequests.PREFIX);
    }

    @Test
    void a_host_header_is_read_without_port_and_trailing_dot() {
        assertThat(PageRequests.host("Status.Example.com:8443")).isEqualTo("Status.Example.com");
        assertThat(PageRequests.host("status.example.com.")).isEqualTo("status.example.com");
        assertThat(PageRequests.host("[::1]:8080")).isEqualTo("[::1]");
        assertThat(PageRequests.host(null)).isNull();
        assertThat(PageRequests.host(" ")).isNull();
    }
}
