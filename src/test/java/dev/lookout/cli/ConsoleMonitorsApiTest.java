package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitors managed through {@code /api/v1/monitors} on a real node: they run like the file's, change
 * and stop with their writes, outlive a restart, and never take the place of a file monitor.
 */
class ConsoleMonitorsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private ConsoleNode lookout;
    private ServerSocket target;

    @BeforeEach
    void start() throws Exception {
        target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        lookout = new ConsoleNode(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (lookout != null) {
            lookout.close();
        }
        target.close();
    }

    private String extra(String interval) {
        return """
                id: extra
                name: Extra service   # written in the console
                type: tcp
                host: 127.0.0.1
                port: %d
                interval: %s
                timeout: 1s
                failure_threshold: 1
                component: web
                """.formatted(target.getLocalPort(), interval);
    }

    private HttpResponse<String> send(String role, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = lookout.request(role, path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(send("admin", "GET", path, null, null).body());
    }

    private int status(String path) throws Exception {
        return send("admin", "GET", path, null, null).statusCode();
    }

    @Test
    void a_monitor_created_through_the_api_runs_changes_with_an_edit_and_stops_when_deleted() throws Exception {
        HttpResponse<String> created = send("admin", "POST", "/api/v1/monitors", "application/yaml", extra("1s"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("version").asLong()).isEqualTo(1);
        NodeHttp.await("the console's monitor checked and up",
                () -> get("/api/v1/monitors/extra").path("state").asText().equals("up"));
        assertThat(get("/api/v1/monitors/extra").path("interval").asText()).isEqualTo("1s");

        HttpResponse<String> edited = send("admin", "PUT", "/api/v1/monitors/extra?version=1", "application/yaml",
                extra("2s"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(JSON.readTree(edited.body()).path("version").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/monitors/extra").path("interval").asText()).isEqualTo("2s");
        HttpResponse<String> stale = send("admin", "PUT", "/api/v1/monitors/extra?version=1", "application/yaml",
                extra("5s"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).path("error").asText()).contains("no longer at version 1");

        HttpResponse<String> deleted = send("admin", "DELETE", "/api/v1/monitors/extra", null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(status("/api/v1/monitors/extra")).isEqualTo(404);

        JsonNode audit = get("/api/v1/audit?object_type=monitor&object_id=extra");
        assertThat(audit.path("entries").findValuesAsText("action")).containsExactly("DELETE /api/v1/monitors/{id}",
                "PUT /api/v1/monitors/{id}", "POST /api/v1/monitors");
        JsonNode edit = audit.path("entries").get(1);
        assertThat(edit.path("before").path("interval").asText()).isEqualTo("1s");
        assertThat(edit.path("after").path("interval").asText()).isEqualTo("2s");
        assertThat(audit.path("entries").get(0).path("after").isNull()).isTrue();
    }

    @Test
    void a_console_monitor_outlives_a_restart() throws Exception {
        assertThat(send("admin", "POST", "/api/v1/monitors", "application/json", JSON.writeValueAsString(
                java.util.Map.of("id", "extra", "type", "tcp", "host", "127.0.0.1", "port", target.getLocalPort(),
                        "interval", "1s", "timeout", "1s"))).statusCode()).isEqualTo(201);
        lookout.close();
        lookout = null;
        lookout = new ConsoleNode(dir);
        assertThat(status("/api/v1/monitors/extra")).isEqualTo(200);
        assertThat(get("/api/v1/monitors/extra/definition").path("source").asText()).isEqualTo("console");
        NodeHttp.await("the console's monitor checked after the restart",
                () -> get("/api/v1/monitors/extra").path("state").asText().equals("up"));
    }

    @Test
    void an_invalid_definition_is_a_400_naming_the_field_and_its_line() throws Exception {
        HttpResponse<String> refused = send("admin", "POST", "/api/v1/monitors", "application/yaml",
                extra("1s").replace("interval: 1s", "interval: 5x").replace("component: web", "component: nope"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode errors = JSON.readTree(refused.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("interval", "component");
        assertThat(errors.get(0).path("line").asInt()).isEqualTo(6);
        assertThat(errors.get(0).path("message").asText()).contains("'5x' is not a duration");
        assertThat(errors.get(1).path("message").asText()).contains("no component with id 'nope'");
        assertThat(status("/api/v1/monitors/extra")).isEqualTo(404);

        HttpResponse<String> noType = send("admin", "POST", "/api/v1/monitors", "application/yaml", "id: x\n");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noType.body()).path("errors").findValuesAsText("field")).contains("type");
        assertThat(send("admin", "POST", "/api/v1/monitors", "application/yaml", "- not a monitor").statusCode())
                .isEqualTo(400);
        assertThat(send("admin", "POST", "/api/v1/monitors", "application/json", "{\"id\": ").statusCode())
                .isEqualTo(400);
        HttpResponse<String> secret = send("admin", "POST", "/api/v1/monitors", "application/yaml",
                extra("1s").replace("host: 127.0.0.1", "host: ${HOME}"));
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(secret.body()).contains("environment variables");
    }

    @Test
    void a_file_monitor_is_read_only_and_copies_as_written() throws Exception {
        HttpResponse<String> changed = send("admin", "PUT", "/api/v1/monitors/shop", "application/yaml",
                "id: shop\ntype: tcp\nhost: 127.0.0.1\nport: 1\n");
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(changed.body()).path("error").asText()).endsWith("lookout.yaml line 7: change it there");
        assertThat(send("admin", "DELETE", "/api/v1/monitors/shop", null, null).statusCode()).isEqualTo(409);
        assertThat(send("admin", "POST", "/api/v1/monitors", "application/yaml",
                "id: shop\ntype: tcp\nhost: 127.0.0.1\nport: 1\n").statusCode()).isEqualTo(409);

        HttpResponse<String> yaml = send("admin", "GET", "/api/v1/monitors/shop/yaml", null, null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(yaml.body()).startsWith("{ id: shop, name: \"Shop <front>\", type: tcp").contains("tags: [prod, web] }");
        JsonNode definition = get("/api/v1/monitors/shop/definition");
        assertThat(definition.path("source").asText()).isEqualTo("file");
        assertThat(definition.path("line").asInt()).isEqualTo(7);
        assertThat(send("viewer", "GET", "/api/v1/monitors/shop/yaml", null, null).statusCode()).isEqualTo(403);
    }

    @Test
    void an_id_the_file_gains_too_is_an_error_shown_for_the_console_monitor_and_the_file_one_runs() throws Exception {
        assertThat(send("admin", "POST", "/api/v1/monitors", "application/yaml", extra("1s")).statusCode()).isEqualTo(201);
        Files.writeString(lookout.config, Files.readString(lookout.config)
                + "  - { id: extra, name: \"Extra in the file\", type: tcp, host: 127.0.0.1, port: 1, interval: 1h }\n");
        lookout.reloadFile();
        assertThat(get("/api/v1/monitors/extra").path("name").asText()).isEqualTo("Extra in the file");
        JsonNode managed = get("/api/v1/managed-monitors").path("monitors").get(0);
        assertThat(managed.path("id").asText()).isEqualTo("extra");
        assertThat(managed.path("errors").get(0).path("message").asText())
                .contains("'extra' is also defined in " + lookout.config + " line 13", "the file's definition runs");
        JsonNode definition = get("/api/v1/monitors/extra/definition");
        assertThat(definition.path("source").asText()).isEqualTo("file");
        assertThat(definition.path("errors").get(0).path("message").asText()).contains("also defined in");
    }

    private HttpResponse<String> form(String role, String path, String fields) throws Exception {
        return NodeHttp.HTTP.send(lookout.request(role, path).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String definition(String yaml) {
        return "definition=" + java.net.URLEncoder.encode(yaml, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void the_console_creates_edits_and_deletes_a_monitor_with_forms_and_shows_a_file_monitor_read_only() throws Exception {
        assertThat(lookout.page("admin", "/console/new-monitor?type=http").body())
                .contains("<textarea id=\"definition\" name=\"definition\"", "type: http");
        assertThat(lookout.page("editor", "/console/new-monitor").statusCode()).isEqualTo(403);

        HttpResponse<String> refused = form("admin", "/console/new-monitor", definition(extra("5x")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 6, interval: '5x' is not a duration", "interval: 5x");

        HttpResponse<String> created = form("admin", "/console/new-monitor", definition(extra("1s")));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).contains("/console/monitors/extra");
        String page = lookout.page("admin", "/console/monitors/extra").body();
        assertThat(page).contains("Managed in the console (version 1", "href=\"/console/monitors/extra/edit\"",
                "# written in the console");

        HttpResponse<String> edited = form("admin", "/console/monitors/extra/edit", "version=1&" + definition(extra("2s")));
        assertThat(edited.statusCode()).isEqualTo(303);
        assertThat(get("/api/v1/monitors/extra").path("interval").asText()).isEqualTo("2s");
        assertThat(form("admin", "/console/monitors/extra/delete", "version=1").statusCode()).isEqualTo(409);
        assertThat(form("admin", "/console/monitors/extra/delete", "version=2").statusCode()).isEqualTo(303);
        assertThat(status("/api/v1/monitors/extra")).isEqualTo(404);

        String shop = lookout.page("admin", "/console/monitors/shop").body();
        assertThat(shop).contains("Defined in <code>" + lookout.config + ":7</code>", "<pre id=\"yaml\">{ id: shop,",
                "Copy as YAML").doesNotContain("/console/monitors/shop/edit");
        assertThat(lookout.page("viewer", "/console/monitors/shop").body()).contains("Defined in")
                .doesNotContain("<pre id=\"yaml\">");
        assertThat(lookout.page("admin", "/console/monitors/shop/edit").statusCode()).isEqualTo(409);
    }
}
