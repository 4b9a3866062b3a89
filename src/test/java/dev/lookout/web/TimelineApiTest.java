package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.incident.Incident;
import dev.lookout.incident.RecordedOutage;
import dev.lookout.incident.TimelineMarkdown;
import dev.lookout.status.StatusReadModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/incidents/{id}/timeline} and {@code .../timeline.md} on a real server over a recorded outage. */
class TimelineApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private RecordedOutage outage;
    private WebServer web;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        outage = new RecordedOutage(dir);
        StatusReadModel status = new StatusReadModel(() -> outage.config, new MonitorStates(outage.clock, c -> { }),
                outage.store, new LatestResults(), outage.clock, Duration.ofSeconds(5));
        web = new WebServer(status, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "T",
                PingIngest.NONE, "timeline-test-token-0123456789",
                List.of(new IncidentApi(outage.incidents), new TimelineApi(outage.incidents, outage.timelines)))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        outage.close();
    }

    /** As the operator: the timeline names channels, delivery errors and who acknowledged, so it is admin-only. */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .header("Authorization", "Bearer timeline-test-token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_operator_gets_the_timeline_as_json_with_its_entries_in_order_and_the_three_durations() throws Exception {
        long id = outage.play().id();

        HttpResponse<String> response = get("/api/v1/incidents/" + id + "/timeline");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("incident_id").asLong()).isEqualTo(id);
        assertThat(body.path("incident_name").asText()).isEqualTo("Checkout down");
        assertThat(body.path("from").asText()).isEqualTo("2026-03-10T11:10:00Z");
        assertThat(body.path("to").asText()).isEqualTo("2026-03-10T12:40:00Z");
        assertThat(body.path("monitors").toString()).isEqualTo("[\"shop\",\"shop-dns\"]");
        List<String> kinds = body.path("entries").valueStream().map(e -> e.path("kind").asText()).toList();
        assertThat(kinds).containsExactly("first_degraded_result", "state_change", "notification", "first_failed_result",
                "state_change", "notification", "notification", "acknowledgement", "notification", "notification",
                "incident_update", "incident_update", "recovery", "notification", "notification", "incident_update");
        JsonNode page = body.path("entries").get(6);
        assertThat(page.path("at").asText()).isEqualTo("2026-03-10T12:01:00Z");
        assertThat(page.path("source").asText()).isEqualTo("oncall");
        assertThat(page.path("text").asText()).isEqualTo("down notification about shop: delivered at 12:01:20 UTC after 2 attempts");
        assertThat(body.path("time_to_detect").path("seconds").asDouble()).isEqualTo(60.0);
        assertThat(body.path("time_to_detect").path("from_event").asText()).isEqualTo("first degraded result of shop");
        assertThat(body.path("time_to_detect").path("to_event").asText()).isEqualTo("shop UP → DEGRADED");
        assertThat(body.path("time_to_acknowledge").path("seconds").asDouble()).isEqualTo(360.0);
        assertThat(body.path("time_to_acknowledge").path("to").asText()).isEqualTo("2026-03-10T12:05:00Z");
        assertThat(body.path("time_to_recover").path("seconds").asDouble()).isEqualTo(1920.0);
        assertThat(body.path("time_to_recover").path("to_event").asText()).isEqualTo("shop back up");
        assertThat(body.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void an_open_incident_has_null_for_what_cannot_be_measured_yet() throws Exception {
        long id = outage.playUntilIdentified().id();

        JsonNode body = JSON.readTree(get("/api/v1/incidents/" + id + "/timeline").body());

        assertThat(body.path("time_to_detect").path("seconds").asDouble()).isEqualTo(60.0);
        assertThat(body.has("time_to_recover")).isTrue();
        assertThat(body.path("time_to_recover").isNull()).isTrue();
    }

    @Test
    void the_operator_gets_the_markdown_export_as_text_markdown() throws Exception {
        Incident incident = outage.play();

        HttpResponse<String> response = get("/api/v1/incidents/" + incident.id() + "/timeline.md");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/markdown; charset=utf-8");
        assertThat(response.body()).isEqualTo(TimelineMarkdown.render(outage.timelines.build(incident)))
                .startsWith("# Timeline of incident " + incident.id() + ": Checkout down\n")
                .contains("| Time to recover | 32m 0s |");
    }

    @Test
    void an_unknown_incident_is_a_json_404_on_both_routes() throws Exception {
        for (String path : List.of("/api/v1/incidents/999/timeline", "/api/v1/incidents/999/timeline.md")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"error\":\"no incident with id 999\",\"status\":404}");
        }
        assertThat(get("/api/v1/incidents/abc/timeline").body())
                .isEqualTo("{\"error\":\"no incident with id 'abc'\",\"status\":404}");
    }

    @Test
    void both_routes_are_for_the_operator_only() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
                + "/api/v1/incidents/1/timeline")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(web.routes()).filteredOn(r -> r.path().contains("timeline") && r.method() == io.javalin.http.HandlerType.GET)
                .extracting(Route::path, Route::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/api/v1/incidents/{id}/timeline", Role.VIEWER),
                        org.assertj.core.groups.Tuple.tuple("/api/v1/incidents/{id}/timeline.md", Role.VIEWER));
    }
}
