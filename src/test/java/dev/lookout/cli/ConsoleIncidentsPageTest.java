package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's incident and maintenance pages as a browser without script uses them: plain form
 * posts, answered with a redirect to the page (or the form again with the refusal's message), and
 * what they change is what the API and the status page show.
 */
class ConsoleIncidentsPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest("""
                incident_templates:
                  - id: db-down
                    name: "Database down"
                    title: "Database unreachable"
                    status: identified
                    impact: major
                    body: "The **database** does not answer; we are on it."
                """);



    private HttpResponse<String> post(String role, String path, Map<String, String> fields) throws Exception {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return NodeHttp.HTTP.send(lookout.request(role, path).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private JsonNode api(String path) throws Exception {
        return JSON.readTree(lookout.page("viewer", path).body());
    }

    private String opened(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/console/(incidents|maintenance)/\\d+\\?done=\\w+");
        return location.replaceAll("^/console/\\w+/(\\d+)\\?.*$", "$1");
    }

    @Test
    void an_editor_opens_updates_resolves_and_writes_the_postmortem_through_plain_forms() throws Exception {
        String id = opened(post("editor", "/console/incidents", fields("title", "Checkout fails", "status", "investigating",
                "impact", "major", "component.web", "major_outage", "component.api", "", "body", "Payments **fail**.")));
        String page = lookout.page("viewer", "/console/incidents/" + id + "?done=opened").body();
        assertThat(page).contains("<h1 id=\"incident-name\">Checkout fails</h1>", "The incident is open and on the status page.",
                "<li data-component=\"web\">web: <strong>major outage</strong></li>", "<p>Payments <strong>fail</strong>.</p>")
                .doesNotContain("data-component=\"api\"");
        JsonNode incident = api("/api/v1/incidents/" + id);
        assertThat(incident.path("components").path("web").asText()).isEqualTo("major_outage");
        assertThat(incident.path("impact").asText()).isEqualTo("major");
        NodeHttp.await("the incident on the status page", () -> lookout.page(null, "/").body().contains("Checkout fails"));
        assertThat(lookout.page("viewer", "/console/incidents").body()).contains("<a href=\"/console/incidents/" + id
                + "\">Checkout fails</a>");

        assertThat(opened(post("editor", "/console/incidents/" + id + "/updates", fields("status", "identified", "impact", "major",
                "component.web", "partial_outage", "component.api", "", "body", "Found the cause.")))).isEqualTo(id);
        incident = api("/api/v1/incidents/" + id);
        assertThat(incident.path("status").asText()).isEqualTo("identified");
        assertThat(incident.path("updates").get(0).path("components")).hasSize(1);
        assertThat(incident.path("updates").get(0).path("components").get(0).path("new_status").asText()).isEqualTo("partial_outage");

        // the same statuses again: the update lists no component change
        opened(post("editor", "/console/incidents/" + id + "/updates", fields("status", "monitoring", "impact", "major",
                "component.web", "partial_outage", "body", "A fix is out.")));
        assertThat(api("/api/v1/incidents/" + id).path("updates").get(0).path("components")).isEmpty();

        page = lookout.page("editor", "/console/incidents/" + id).body();
        assertThat(page).contains("id=\"update-form\"", "id=\"resolve-form\"").doesNotContain("id=\"postmortem-form\"");
        opened(post("editor", "/console/incidents/" + id + "/resolve", fields("body", "")));
        incident = api("/api/v1/incidents/" + id);
        assertThat(incident.path("status").asText()).isEqualTo("resolved");
        assertThat(incident.path("components").path("web").asText()).isEqualTo("operational");

        page = lookout.page("editor", "/console/incidents/" + id).body();
        assertThat(page).contains("id=\"postmortem-form\"", "# Timeline of incident " + id + ": Checkout fails",
                "monitors: shop.").doesNotContain("id=\"update-form\"", "id=\"resolve-form\"");
        opened(post("editor", "/console/incidents/" + id + "/postmortem", fields("body", "## What happened\n\nA bad deploy.")));
        incident = api("/api/v1/incidents/" + id);
        assertThat(incident.path("status").asText()).isEqualTo("postmortem");
        assertThat(incident.path("postmortem").path("body").asText()).isEqualTo("## What happened\n\nA bad deploy.");
        assertThat(lookout.page("editor", "/console/incidents/" + id).body()).contains("<h2>What happened</h2>",
                ">## What happened\n\nA bad deploy.</textarea>");
    }

    @Test
    void bad_input_shows_the_form_again_with_the_apis_message_and_what_was_typed() throws Exception {
        HttpResponse<String> untitled = post("editor", "/console/incidents", fields("title", " ", "status", "investigating",
                "impact", "none", "body", "Kept <text>"));
        assertThat(untitled.statusCode()).isEqualTo(400);
        assertThat(untitled.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(untitled.body()).contains("<p class=\"message\" role=\"alert\" id=\"message\">name is required</p>",
                ">Kept &lt;text&gt;</textarea>");

        HttpResponse<String> unknown = post("editor", "/console/incidents", fields("title", "Odd", "status", "investigating",
                "impact", "none", "component.nope", "major_outage", "body", "x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown component 'nope' (known: web, api)", "value=\"Odd\"");

        HttpResponse<String> badStatus = post("editor", "/console/incidents", fields("title", "Odd", "status", "sleeping",
                "body", "x"));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("unknown incident status 'sleeping'");
        HttpResponse<String> nul = post("editor", "/console/incidents", fields("title", "Odd\u0000", "body", "x"));
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nul.body()).path("error").asText()).isEqualTo("field 'title': contains a control character"
                + " (U+0000), which Lookout does not store");
        assertThat(api("/api/v1/incidents").path("incidents")).isEmpty();

        String id = opened(post("editor", "/console/incidents", fields("title", "Short", "status", "resolved", "body", "Done.")));
        HttpResponse<String> late = post("editor", "/console/incidents/" + id + "/updates", fields("status", "identified",
                "body", "Too late"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("is resolved: no updates after resolution");
        HttpResponse<String> empty = post("editor", "/console/incidents/" + id + "/postmortem", fields("body", ""));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("body is required: the postmortem");
        assertThat(lookout.page("viewer", "/console/incidents/999").statusCode()).isEqualTo(404);
        assertThat(lookout.page("viewer", "/console/incidents/abc").statusCode()).isEqualTo(404);
        assertThat(post("editor", "/console/incidents/999/updates", fields("body", "x")).statusCode()).isEqualTo(404);
    }

    @Test
    void a_viewer_reads_the_pages_without_any_form_and_a_viewers_post_is_refused() throws Exception {
        String id = opened(post("editor", "/console/incidents", fields("title", "Slow API", "status", "investigating",
                "component.api", "degraded_performance", "body", "Slow.")));
        for (String path : new String[] {"/console/incidents", "/console/incidents/" + id, "/console/incidents/new",
                "/console/maintenance"}) {
            HttpResponse<String> page = lookout.page("viewer", path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("method=\"post\" action=\"/console/incidents",
                    "method=\"post\" action=\"/console/maintenance", "<textarea");
        }
        assertThat(lookout.page("viewer", "/console/incidents/new").body()).contains("Opening an incident needs the editor role");
        HttpResponse<String> refused = post("viewer", "/console/incidents/" + id + "/resolve", fields("body", ""));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isNotBlank();
        assertThat(post("viewer", "/console/incidents", fields("title", "x", "body", "y")).statusCode()).isEqualTo(403);
        assertThat(post("viewer", "/console/markdown", fields("body", "x")).statusCode()).isEqualTo(403);
        assertThat(api("/api/v1/incidents/" + id).path("status").asText()).isEqualTo("investigating");
    }

    @Test
    void a_saved_template_fills_the_new_incidents_form() throws Exception {
        String page = lookout.page("editor", "/console/incidents/new?template=db-down").body();
        assertThat(page).contains("<option value=\"db-down\">Database down</option>", "value=\"Database unreachable\"",
                "<option value=\"identified\" selected>", "<option value=\"major\" selected>",
                ">The **database** does not answer; we are on it.</textarea>");
        assertThat(lookout.page("editor", "/console/incidents/new?template=nope").body()).contains("value=\"\"");
    }

    @Test
    void the_preview_renders_markdown_as_the_status_page_does_and_leaves_no_script() throws Exception {
        HttpResponse<String> preview = post("editor", "/console/markdown", fields("body",
                "**bold** [x](javascript:alert(1))\n\n<script>alert(1)</script>"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).startsWith("<div class=\"markdown\">").contains("<strong>bold</strong>")
                .doesNotContain("<script", "javascript:");
        assertThat(post("editor", "/console/markdown", fields("body", "x".repeat(100_001))).statusCode()).isEqualTo(400);
    }

    @Test
    void an_editor_schedules_maintenance_and_posts_an_update_and_bad_times_are_explained() throws Exception {
        Instant from = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String id = opened(post("editor", "/console/maintenance", fields("name", "Database upgrade", "from", LOCAL.format(from),
                "until", LOCAL.format(from.plus(1, ChronoUnit.HOURS)), "components", "api", "body", "Read-only for an hour.")));
        JsonNode maintenance = api("/api/v1/maintenances/" + id);
        assertThat(maintenance.path("scheduled_for").asText()).isEqualTo(from.toString());
        assertThat(maintenance.path("components").get(0).asText()).isEqualTo("api");
        String list = lookout.page("viewer", "/console/maintenance").body();
        assertThat(list).contains("<span id=\"upcoming-count\">1</span>", "<a href=\"/console/maintenance/" + id
                + "\">Database upgrade</a>");

        opened(post("editor", "/console/maintenance/" + id + "/updates", fields("status", "", "body", "Moved by a day.")));
        assertThat(api("/api/v1/maintenances/" + id).path("updates").get(0).path("body").asText()).isEqualTo("Moved by a day.");
        opened(post("editor", "/console/maintenance/" + id + "/updates", fields("status", "in_progress", "body", "")));
        assertThat(api("/api/v1/maintenances/" + id).path("status").asText()).isEqualTo("in_progress");
        assertThat(lookout.page("viewer", "/console/maintenance").body()).contains("<span id=\"active-count\">1</span>");

        HttpResponse<String> badTime = post("editor", "/console/maintenance", fields("name", "Later", "from", "tomorrow",
                "until", LOCAL.format(from), "body", "x"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("the start 'tomorrow' is not a time", "value=\"Later\"");
        HttpResponse<String> backwards = post("editor", "/console/maintenance", fields("name", "Later",
                "from", LOCAL.format(from), "until", LOCAL.format(from.minus(1, ChronoUnit.HOURS)), "body", "x"));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("must be after scheduled_for");
        HttpResponse<String> unknown = post("editor", "/console/maintenance", fields("name", "Later", "from", LOCAL.format(from),
                "until", LOCAL.format(from.plus(1, ChronoUnit.HOURS)), "components", "nope", "body", "x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown component 'nope'");
        HttpResponse<String> backToScheduled = post("editor", "/console/maintenance/" + id + "/updates", fields("status",
                "scheduled", "body", "x"));
        assertThat(backToScheduled.statusCode()).isEqualTo(409);
    }
}
