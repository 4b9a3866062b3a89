package dev.lookout.web;

import static dev.lookout.web.IncidentServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.status.Feeds;
import dev.lookout.status.RealParsers;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /feeds/...} on a real server: content types, validators, 304, and what feedparser and icalendar read. */
class FeedApiTest {
    private static final Map<String, String> TYPES = Map.of(
            "incidents.rss", "application/rss+xml; charset=utf-8",
            "incidents.atom", "application/atom+xml; charset=utf-8",
            "maintenances.rss", "application/rss+xml; charset=utf-8",
            "maintenances.atom", "application/atom+xml; charset=utf-8",
            "maintenances.ics", "text/calendar; charset=utf-8");

    @TempDir
    Path dir;
    private IncidentServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.web.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long openIncident() throws Exception {
        var created = server.send("POST", "/api/v1/incidents", """
                {"name": "Checkout errors", "status": "investigating", "impact": "major",
                 "body": "Payments **fail** for some users.", "components": {"web": "partial_outage"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asLong();
    }

    @Test
    void every_feed_is_public_with_its_content_type_and_validators() throws Exception {
        openIncident();
        for (var feed : TYPES.entrySet()) {
            HttpResponse<byte[]> response = get("/feeds/" + feed.getKey());
            assertThat(response.statusCode()).as(feed.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(feed.getKey()).contains(feed.getValue());
            assertThat(response.headers().firstValue("ETag")).as(feed.getKey()).hasValueSatisfying(
                    etag -> assertThat(etag).matches("\"[0-9a-f]{24}\""));
            assertThat(response.headers().firstValue("Last-Modified")).as(feed.getKey()).isPresent();
            assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=60");
        }
        assertThat(get("/feeds/incidents.rss").headers().firstValue("Last-Modified"))
                .contains("Tue, 10 Mar 2026 12:00:00 GMT");
        assertThat(server.web.routes()).filteredOn(r -> r.path().startsWith("/feeds/") && r.method() == HandlerType.GET)
                .extracting(Route::path).containsExactlyInAnyOrderElementsOf(Feeds.NAMES.stream().map(n -> "/feeds/" + n).toList());
        assertThat(server.web.routes()).filteredOn(r -> r.path().startsWith("/feeds/")).allMatch(r -> r.role() == Role.PUBLIC);
    }

    @Test
    void a_reader_that_has_the_feed_gets_304_until_an_incident_changes() throws Exception {
        long id = openIncident();
        HttpResponse<byte[]> first = get("/feeds/incidents.atom");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byEtag = get("/feeds/incidents.atom", "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.headers().firstValue("ETag")).contains(etag);
        assertThat(get("/feeds/incidents.atom", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        assertThat(get("/feeds/incidents.atom", "If-Modified-Since", "Tue, 10 Mar 2026 11:59:59 GMT").statusCode())
                .isEqualTo(200);
        assertThat(get("/feeds/incidents.atom", "If-None-Match", "\"other\"", "If-Modified-Since", modified).statusCode())
                .as("If-None-Match decides when present").isEqualTo(200);
        assertThat(get("/feeds/incidents.atom", "If-Modified-Since", "yesterday").statusCode()).isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(5));
        var updated = server.send("POST", "/api/v1/incidents/" + id + "/updates",
                "{\"status\": \"identified\", \"body\": \"A full disk.\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        HttpResponse<byte[]> after = get("/feeds/incidents.atom", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(after.headers().firstValue("Last-Modified")).contains("Tue, 10 Mar 2026 12:05:00 GMT");
        assertThat(get("/feeds/incidents.atom", "If-Modified-Since", modified).statusCode()).isEqualTo(200);
    }

    @Test
    void what_is_served_parses_in_feedparser_and_icalendar_with_the_incident_and_the_maintenance() throws Exception {
        long incident = openIncident();
        var scheduled = server.send("POST", "/api/v1/maintenances", """
                {"name": "Database upgrade", "body": "Writes pause for a few minutes.",
                 "scheduled_for": "2026-03-10T22:00:00Z", "scheduled_until": "2026-03-10T23:30:00Z", "components": ["db"]}""");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        long maintenance = json(scheduled).path("id").asLong();

        for (String name : new String[] {"incidents.rss", "incidents.atom"}) {
            HttpResponse<byte[]> response = get("/feeds/" + name);
            JsonNode parsed = RealParsers.feedparser(response.body(), response.headers().firstValue("Content-Type").orElseThrow());
            assertThat(parsed.path("bozo").asInt()).as(name + ": " + parsed.path("bozo_exception").asText()).isZero();
            assertThat(parsed.path("encoding").asText()).isEqualToIgnoringCase("utf-8");
            JsonNode entry = parsed.path("entries").get(0);
            assertThat(entry.path("title").asText()).isEqualTo("Checkout errors");
            assertThat(entry.path("link").asText()).isEqualTo("https://status.example.com/incidents/" + incident);
            assertThat(page(entry.path("link").asText())).contains(">Checkout errors</h1>");
            assertThat(entry.path("published").asText()).isEqualTo("2026-03-10T12:00:00Z");
            assertThat(entry.path("summary").asText()).contains("Payments <strong>fail</strong> for some users.",
                    "Affected: Web Shop (partial outage)");
        }
        for (String name : new String[] {"maintenances.rss", "maintenances.atom"}) {
            HttpResponse<byte[]> response = get("/feeds/" + name);
            JsonNode parsed = RealParsers.feedparser(response.body(), response.headers().firstValue("Content-Type").orElseThrow());
            assertThat(parsed.path("bozo").asInt()).as(name + ": " + parsed.path("bozo_exception").asText()).isZero();
            assertThat(parsed.path("entries")).singleElement().satisfies(e -> {
                assertThat(e.path("title").asText()).isEqualTo("Database upgrade");
                assertThat(e.path("link").asText()).isEqualTo("https://status.example.com/maintenances/" + maintenance);
                assertThat(e.path("summary").asText()).contains("2026-03-10 22:00 UTC to 2026-03-10 23:30 UTC",
                        "Components: Database");
            });
        }
        JsonNode calendar = RealParsers.icalendar(get("/feeds/maintenances.ics").body());
        assertThat(calendar.path("errors")).isEmpty();
        assertThat(calendar.path("events")).singleElement().satisfies(e -> {
            assertThat(e.path("uid").asText()).isEqualTo("maintenance-" + maintenance + "@status.example.com");
            assertThat(e.path("summary").asText()).isEqualTo("Database upgrade");
            assertThat(e.path("dtstart").asText()).isEqualTo("2026-03-10T22:00:00+00:00");
            assertThat(e.path("dtend").asText()).isEqualTo("2026-03-10T23:30:00+00:00");
            assertThat(e.path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(e.path("url").asText()).isEqualTo("https://status.example.com/maintenances/" + maintenance);
        });
        String maintenancePage = page(calendar.path("events").get(0).path("url").asText());
        assertThat(maintenancePage).contains(">Database upgrade</h1>");
        JsonNode v2 = server.get("/api/v2/summary.json");
        assertThat(page(v2.path("incidents").get(0).path("shortlink").asText())).contains(">Checkout errors</h1>");
        assertThat(page(v2.path("scheduled_maintenances").get(0).path("shortlink").asText())).contains(">Database upgrade</h1>");
    }

    /** Follows a link as a reader would, to this server in place of the public address: an HTML page. */
    private String page(String link) throws Exception {
        assertThat(link).startsWith("https://status.example.com/");
        RawHttp.Response response = server.raw("GET", link.substring("https://status.example.com".length()),
                "Accept: " + UnknownUrlTest.CHROMIUM);
        assertThat(response.status()).as(link).isEqualTo(200);
        assertThat(response.header("content-type")).as(link).startsWith("text/html");
        return response.body();
    }
}
