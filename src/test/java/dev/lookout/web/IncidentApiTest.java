package dev.lookout.web;

import static dev.lookout.web.IncidentServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/incidents} against a real server and store. */
class IncidentApiTest {
    private static final String OUTAGE = """
            {"name": "Checkout errors", "status": "investigating", "impact": "major",
             "body": "Payments **fail** for some users.", "components": {"web": "partial_outage"}}""";

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

    private long create() throws Exception {
        var response = server.send("POST", "/api/v1/incidents", OUTAGE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asLong();
    }

    @Test
    void an_incident_is_created_updated_resolved_and_written_up() throws Exception {
        var created = server.send("POST", "/api/v1/incidents", OUTAGE);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode incident = json(created);
        long id = incident.path("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/incidents/" + id);
        assertThat(incident.path("status").asText()).isEqualTo("investigating");
        assertThat(incident.path("impact").asText()).isEqualTo("major");
        assertThat(incident.path("created_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(incident.path("components").path("web").asText()).isEqualTo("partial_outage");
        JsonNode first = incident.path("updates").get(0);
        assertThat(first.path("body").asText()).isEqualTo("Payments **fail** for some users.");
        assertThat(first.path("body_html").asText()).isEqualTo("<p>Payments <strong>fail</strong> for some users.</p>\n");
        assertThat(first.path("components").get(0).path("old_status").asText()).isEqualTo("operational");

        server.clock.advance(Duration.ofMinutes(5));
        var updated = server.send("POST", "/api/v1/incidents/" + id + "/updates",
                "{\"status\": \"monitoring\", \"body\": \"Fix deployed.\", \"components\": {\"web\": \"degraded_performance\"}}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("monitoring_at").asText()).isEqualTo("2026-03-10T12:05:00Z");
        assertThat(json(updated).path("updates").get(0).path("status").asText()).isEqualTo("monitoring");

        var resolved = server.send("POST", "/api/v1/incidents/" + id + "/resolve", "");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json(resolved).path("status").asText()).isEqualTo("resolved");
        assertThat(json(resolved).path("components").path("web").asText()).isEqualTo("operational");

        var postmortem = server.send("PUT", "/api/v1/incidents/" + id + "/postmortem", "{\"body\": \"# Cause\\nA full disk.\"}");
        assertThat(postmortem.statusCode()).isEqualTo(200);
        assertThat(json(postmortem).path("status").asText()).isEqualTo("postmortem");
        assertThat(json(postmortem).path("postmortem").path("body_html").asText()).contains("<h1>Cause</h1>");
        assertThat(json(postmortem).path("postmortem_published_at").asText()).isEqualTo("2026-03-10T12:05:00Z");

        JsonNode shown = server.get("/api/v1/incidents/" + id);
        assertThat(shown.path("updates")).hasSize(3);
    }

    @Test
    void lists_newest_first_and_filters_by_status_for_anyone() throws Exception {
        long first = create();
        server.clock.advance(Duration.ofMinutes(1));
        long second = create();
        server.send("POST", "/api/v1/incidents/" + first + "/resolve", "{\"body\": \"Done.\"}");
        assertThat(server.get("/api/v1/incidents").path("incidents").findValuesAsText("name")).hasSize(2);
        assertThat(server.get("/api/v1/incidents?status=all").path("incidents").get(0).path("id").asLong()).isEqualTo(second);
        assertThat(server.get("/api/v1/incidents?status=open").path("incidents")).singleElement()
                .satisfies(i -> assertThat(i.path("id").asLong()).isEqualTo(second));
        assertThat(server.get("/api/v1/incidents?status=resolved").path("incidents")).singleElement()
                .satisfies(i -> assertThat(i.path("id").asLong()).isEqualTo(first));
        var bad = server.send("GET", "/api/v1/incidents?status=closed", null, false);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("unknown status filter 'closed' (expected one of open, resolved, all)");
    }

    @Test
    void writes_need_the_admin_token() throws Exception {
        long id = create();
        for (var request : new String[][] {{"POST", "/api/v1/incidents"}, {"POST", "/api/v1/incidents/" + id + "/updates"},
                {"POST", "/api/v1/incidents/" + id + "/resolve"}, {"PUT", "/api/v1/incidents/" + id + "/postmortem"},
                {"POST", "/api/v1/maintenances"}, {"POST", "/api/v1/maintenances/1/updates"}}) {
            var response = server.send(request[0], request[1], "{}", false);
            assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(401);
        }
        assertThat(server.get("/api/v1/incidents/" + id).path("status").asText()).isEqualTo("investigating");
    }

    @Test
    void bad_input_is_a_400_that_says_what_is_wrong() throws Exception {
        assertError(server.send("POST", "/api/v1/incidents", OUTAGE.replace("\"web\"", "\"shop\"")), 400,
                "unknown component 'shop' (known: web, api, db)");
        assertError(server.send("POST", "/api/v1/incidents", OUTAGE.replace("partial_outage", "down")), 400,
                "component 'web': unknown component status 'down' (expected one of operational, under_maintenance,"
                        + " degraded_performance, partial_outage, major_outage)");
        assertError(server.send("POST", "/api/v1/incidents", OUTAGE.replace("\"investigating\"", "\"fixing\"")), 400,
                "unknown incident status 'fixing' (expected one of investigating, identified, monitoring, resolved, postmortem)");
        assertError(server.send("POST", "/api/v1/incidents", OUTAGE.replace("\"major\"", "\"huge\"")), 400,
                "unknown impact 'huge' (expected one of none, minor, major, critical)");
        assertError(server.send("POST", "/api/v1/incidents", "{\"status\": \"investigating\", \"body\": \"x\"}"), 400,
                "name is required");
        var unknownField = server.send("POST", "/api/v1/incidents", "{\"name\": \"x\", \"stauts\": \"y\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).path("error").asText()).startsWith("unknown field 'stauts'");
        assertError(server.send("POST", "/api/v1/incidents", ""), 400, "expected a JSON object in the request body");
    }

    @Test
    void an_unknown_incident_is_a_404() throws Exception {
        assertError(server.send("GET", "/api/v1/incidents/42", null, false), 404, "no incident with id 42");
        assertError(server.send("GET", "/api/v1/incidents/abc", null, false), 404, "no incident with id 'abc'");
        assertError(server.send("POST", "/api/v1/incidents/42/updates", "{\"body\": \"x\"}"), 404, "no incident with id 42");
    }

    @Test
    void an_update_after_resolution_is_a_409() throws Exception {
        long id = create();
        server.send("POST", "/api/v1/incidents/" + id + "/resolve", "");
        assertError(server.send("POST", "/api/v1/incidents/" + id + "/updates", "{\"status\": \"investigating\", \"body\": \"x\"}"),
                409, "incident " + id + " is resolved: no updates after resolution except a postmortem (PUT /api/v1/incidents/"
                        + id + "/postmortem)");
    }

    @Test
    void an_xss_attempt_in_an_update_comes_out_inert() throws Exception {
        var response = server.send("POST", "/api/v1/incidents", """
                {"name": "x", "body": "<script>alert(1)</script>\\n\\n<img src=x onerror=alert(2)>\\n\\n[x](javascript:alert(3))"}""");
        String html = json(response).path("updates").get(0).path("body_html").asText();
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=\"javascript");
        assertThat(json(response).path("updates").get(0).path("body").asText()).startsWith("<script>alert(1)</script>");
    }

    private static void assertError(java.net.http.HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("error").asText()).isEqualTo(message);
    }
}
