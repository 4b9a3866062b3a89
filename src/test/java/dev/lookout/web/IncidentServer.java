package dev.lookout.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.status.Pages;
import dev.lookout.status.StatusReadModel;
import dev.lookout.status.StatuspageDocuments;
import dev.lookout.status.StatuspagePage;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real web server on a random port with the incident, maintenance, Statuspage, feed and badge APIs over a
 * real SQLite store, components {@code web} (group Public), {@code api} (group Public) and
 * {@code db}, and a clock the test moves.
 */
final class IncidentServer implements AutoCloseable {
    static final String TOKEN = "incident-test-token-0123456789";
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ManualTime clock = new ManualTime(START);
    final Store store;
    final Incidents incidents;
    final Maintenances maintenances;
    final WebServer web;
    /** What the pages show, as they show it. */
    final StatusReadModel status;
    private final HttpClient http = HttpClient.newHttpClient();

    IncidentServer(Path dir) throws Exception {
        this(dir, null);
    }

    /**
     * @param pages a {@code pages:} section (with {@code server.public_url} https://status.example.com),
     *              served as Lookout serves it; null for one HTML page titled "T", with the API
     *              documents and feeds of a page "Example status"
     */
    IncidentServer(Path dir, String pages) throws Exception {
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse(dir.resolve("t.yaml").toString(), """
                components:
                  - { id: web, name: "Web Shop", group: Public, description: "www.example.com" }
                  - { id: api, name: API, group: Public }
                  - { id: db, name: Database }
                monitors:
                  - { id: w, type: tcp, host: 127.0.0.1, port: 1, component: web }
                  - { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api }
                """ + (pages == null ? "" : "server: { public_url: \"https://status.example.com\" }\n" + pages));
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        store.syncMonitors(List.of(new dev.lookout.store.MonitorRecord("w", "w", "tcp", "web", "{}"),
                new dev.lookout.store.MonitorRecord("a", "a", "tcp", "api", "{}")));
        MonitorStates states = new MonitorStates(clock, c -> { });
        states.configure(config.monitors(), Map.of("w", MonitorState.UP, "a", MonitorState.UP));
        List<String> components = config.components().stream().map(c -> c.id()).toList();
        incidents = new Incidents(store.incidents(), () -> components, clock);
        maintenances = new Maintenances(store.incidents(), () -> components, clock);
        status = new StatusReadModel(() -> config, states, store, new LatestResults(), clock,
                Duration.ofSeconds(5), IncidentBoard.of(incidents, maintenances));
        var charts = new dev.lookout.status.ComponentCharts(() -> config, new dev.lookout.status.ResponseTimes(store, clock),
                status::monitor);
        BadgeApi badges = new BadgeApi(new dev.lookout.status.Badges(() -> config, states, status::snapshot, store, clock,
                Duration.ofSeconds(30)), Duration.ofSeconds(30));
        if (pages == null) {
            StatuspageDocuments v2 = new StatuspageDocuments(status,
                    new StatuspagePage("lookout", "Example status", "https://status.example.com", "Etc/UTC"));
            web = new WebServer(status, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), PingIngest.NONE,
                    TOKEN, List.of(new StatusPages(Pages.single(status, "T", "https://status.example.com"), clock, charts),
                    new IncidentApi(incidents), new MaintenanceApi(maintenances, clock), badges,
                    new StatuspageApi(v2, clock), new FeedApi(new dev.lookout.status.Feeds(status::snapshot,
                            new StatuspagePage("lookout", "Example status", "https://status.example.com", "Etc/UTC")))))
                    .start("127.0.0.1", 0);
        } else {
            Pages all = Pages.of(() -> config, status);
            web = new WebServer(status, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), PingIngest.NONE,
                    TOKEN, List.of(new StatusPages(all, clock, charts), new IncidentApi(incidents), new MaintenanceApi(maintenances, clock),
                    new StatuspageApi(all, clock), new FeedApi(all), badges))
                    .start("127.0.0.1", 0);
        }
    }

    HttpResponse<String> send(String method, String path, String body, boolean withToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As admin. */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, true);
    }

    /** Opens an incident as admin from its JSON body; returns its id. */
    long openIncident(String json) throws Exception {
        HttpResponse<String> opened = send("POST", "/api/v1/incidents", json);
        if (opened.statusCode() != 201) {
            throw new AssertionError("POST /api/v1/incidents: " + opened.statusCode() + " " + opened.body());
        }
        return JSON.readTree(opened.body()).path("id").asLong();
    }

    /** Anonymous GET, parsed. */
    JsonNode get(String path) throws Exception {
        return JSON.readTree(send("GET", path, null, false).body());
    }

    /**
     * An anonymous GET with the given Host header (Java's HttpClient will not send another host
     * than the URL's), over a plain socket to this server; chunked bodies are joined.
     */
    RawHttp.Response getAs(String host, String path) throws Exception {
        return raw("GET", path, "Host: " + host);
    }

    /**
     * An anonymous request over a plain socket, as sent: {@code headerLines} ("Name: value") are
     * added, with a Host of 127.0.0.1 unless one is given. The body is what came after the
     * headers (chunks joined), read until the server closes; for HEAD it is whatever the server
     * sent after the headers, which should be nothing.
     */
    RawHttp.Response raw(String method, String path, String... headerLines) throws Exception {
        return RawHttp.exchange(web.port(), method, path, headerLines);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        web.close();
        store.close();
    }
}
