package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.web.Route;
import io.javalin.http.HandlerType;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every write route of a real node's route table with a request that does what the route is
 * for, and proves that each one that succeeds leaves exactly one audit entry naming the route, the
 * caller and the object, and that no secret sent or answered appears in the audit log. A write
 * route without an example here fails the test: a new route must show it is recorded.
 */
class AuditTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "audit-trail-test-token-0123456789";
    /** In a console monitor's URL: the audit log keeps the URL's scheme and host only. */
    private static final String MONITOR_SECRET = "walk-monitor-secret-123";
    private static final Set<String> INTAKE = Set.of("GET /ping/<segments>", "HEAD /ping/<segments>", "POST /ping/<segments>",
            "GET /api/push/{token}", "HEAD /api/push/{token}", "POST /api/push/{token}", "POST /api/v1/probe/results");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** The posts that change nothing (a preview): walked like the writes, and leaving no entry. */
    private static final Set<String> READ_ONLY = Set.of("POST /console/markdown");
    private static final Pattern CONSOLE_CREATED = Pattern.compile("^/console/(incidents|maintenance)/(\\d+)\\?.*");

    @TempDir
    Path dir;
    private LookoutNode node;
    private String adminKey;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    /** Ids that earlier steps created, for the paths of later ones. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    /** Every secret the walk sends or is given: none may be in the audit log. */
    private final List<String> secrets = new ArrayList<>(List.of(TOKEN, MONITOR_SECRET));

    /** One request of the walk, and the status it should get here (a 4xx where no real token or episode can exist). */
    private record Step(HandlerType method, String route, Function<Map<String, String>, String> path, String body, int expected,
                        boolean bySession) {
    }

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components: [ { id: web, name: Web } ]
                monitors: [ { id: walk, type: tcp, host: 127.0.0.1, port: 9, interval: 1h, component: web } ]
                """.formatted(TOKEN, dir.resolve("lookout.db")));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
        RunningLookout.Run created = RunningLookout.runWith(Map.of(), "", "api-key", "create", "--role", "admin", "--config",
                file.toString(), "walker");
        assertThat(created.exit()).as(created.err()).isZero();
        adminKey = created.out().strip();
        secrets.add(adminKey);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void every_write_route_that_succeeds_leaves_one_audit_entry_without_secrets() throws Exception {
        List<Step> walk = walk();
        Set<String> walked = new LinkedHashSet<>();
        walk.forEach(s -> walked.add(s.method() + " " + s.route()));
        List<String> writes = node.routes().stream()
                .filter(r -> !Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS).contains(r.method()) || r.ingest())
                .map(r -> r.method() + " " + r.path()).toList();
        assertThat(node.routes().stream().filter(Route::ingest).map(r -> r.method() + " " + r.path()))
                .as("only data intake goes unrecorded").containsExactlyInAnyOrderElementsOf(INTAKE);
        assertThat(node.routes().stream().filter(Route::readOnly).map(r -> r.method() + " " + r.path()))
                .as("and posts that change nothing").containsExactlyInAnyOrderElementsOf(READ_ONLY);
        assertThat(walked).as("every write route has a step in the walk")
                .containsExactlyInAnyOrderElementsOf(writes.stream().filter(w -> !INTAKE.contains(w)).toList());

        SoftAssertions softly = new SoftAssertions();
        int succeeded = 0;
        for (Step step : walk) {
            String action = step.method() + " " + step.route();
            long before = entries().size();
            HttpResponse<String> response = send(step);
            softly.assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(step.expected());
            List<JsonNode> after = entries();
            if (READ_ONLY.contains(action)) {
                softly.assertThat(after).as(action + " changes nothing: no entry").hasSize((int) before);
            } else if (response.statusCode() < 400) {
                succeeded++;
                softly.assertThat(after).as(action + " leaves one entry").hasSize((int) before + 1);
                JsonNode entry = after.get(0);
                softly.assertThat(entry.path("action").asText()).as(action).isEqualTo(action);
                softly.assertThat(entry.path("actor").asText()).as(action).isEqualTo(step.bySession() ? "walker-admin"
                        : step.route().equals("/login") ? "walker-admin" : "api key 'walker'");
                softly.assertThat(entry.path("address").asText()).as(action).isEqualTo("127.0.0.1");
                softly.assertThat(entry.path("object_type").isNull()).as(action + " names its object").isFalse();
            } else {
                softly.assertThat(after).as(action + " refused: no entry").hasSize((int) before);
            }
        }
        softly.assertAll();
        assertThat(succeeded).as("writes that succeeded").isGreaterThanOrEqualTo(16);
        String log = NodeHttpAdmin.get(node, "/api/v1/audit?limit=1000", adminKey).body();
        for (String secret : secrets) {
            assertThat(log).as("no secret in the audit log").doesNotContain(secret);
        }
    }

    @Test
    void configuration_like_objects_keep_their_state_before_and_after() throws Exception {
        JsonNode incident = JSON.readTree(post("/api/v1/incidents", "{\"name\":\"Checkout slow\",\"status\":\"investigating\","
                + "\"body\":\"Looking\",\"components\":{\"web\":\"degraded_performance\"}}").body());
        post("/api/v1/incidents/" + incident.path("id").asText() + "/updates", "{\"status\":\"identified\",\"body\":\"Found it\"}");
        JsonNode entry = entries().get(0);
        assertThat(entry.path("object_type").asText()).isEqualTo("incident");
        assertThat(entry.path("object_id").asText()).isEqualTo(incident.path("id").asText());
        assertThat(entry.path("before").path("status").asText()).isEqualTo("investigating");
        assertThat(entry.path("after").path("status").asText()).isEqualTo("identified");
        assertThat(entry.path("after").path("latest_update").asText()).isEqualTo("Found it");

        HttpResponse<String> filtered = NodeHttpAdmin.get(node, "/api/v1/audit?object_type=incident&object_id="
                + incident.path("id").asText() + "&actor=" + URLEncoder.encode("api key 'walker'", StandardCharsets.UTF_8)
                + "&limit=1", adminKey);
        JsonNode page = JSON.readTree(filtered.body());
        assertThat(page.path("entries")).hasSize(1);
        JsonNode next = JSON.readTree(NodeHttpAdmin.get(node, "/api/v1/audit?object_type=incident&limit=1&before="
                + page.path("next").asText(), adminKey).body());
        assertThat(next.path("entries").get(0).path("action").asText()).isEqualTo("POST /api/v1/incidents");
        assertThat(next.path("next").isNull()).as("the last page").isTrue();
        assertThat(NodeHttpAdmin.get(node, "/api/v1/audit?from=yesterday", adminKey).statusCode()).isEqualTo(400);
        assertThat(NodeHttpAdmin.get(node, "/api/v1/audit?limit=0", adminKey).statusCode()).isEqualTo(400);
    }

    @Test
    void the_audit_command_prints_the_newest_entries_and_what_the_account_commands_changed() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        RunningLookout.Run added = RunningLookout.runWith(Map.of(), "a-very-long-password-1\n", "user", "add", "ada", "--role",
                "editor", "--config", file.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        RunningLookout.Run tail = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", adminKey), "", "audit", "--url",
                "http://127.0.0.1:" + node.port(), "-n", "5");
        assertThat(tail.exit()).as(tail.err()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).contains(" cli ", "lookout user add", "user ada")
                .contains(System.getProperty("user.name") + "@");
        assertThat(lines.get(0)).as("oldest first, as tail prints").contains("lookout api-key create", "api_key");
        assertThat(tail.out()).doesNotContain("a-very-long-password-1");

        RunningLookout.Run refused = RunningLookout.runWith(Map.of(), "", "audit", "--url", "http://127.0.0.1:" + node.port(),
                "--token", "wrong");
        assertThat(refused.exit()).isEqualTo(AdminCommand.EXIT_REFUSED);
    }

    private List<Step> walk() {
        String hook = "https://93.184.216.34/hooks/T000/B000/XXXXsecretpath?token=hook-secret-1";
        secrets.addAll(List.of("a-long-password-123", "another-long-password-456", "XXXXsecretpath", "hook-secret-1",
                "a-long-password-789"));
        List<Step> steps = new ArrayList<>();
        steps.add(key(HandlerType.POST, "/api/v1/users", i -> "/api/v1/users",
                "{\"name\":\"walker-admin\",\"role\":\"admin\",\"password\":\"a-long-password-123\"}", 201));
        steps.add(key(HandlerType.PUT, "/api/v1/users/{name}/password", i -> "/api/v1/users/walker-admin/password",
                "{\"password\":\"another-long-password-456\"}", 204));
        steps.add(key(HandlerType.PUT, "/api/v1/users/{name}/role", i -> "/api/v1/users/walker-admin/role",
                "{\"role\":\"admin\"}", 200));
        // no channel is configured here: refused, not recorded (ConsoleChannelsTest sends real ones)
        steps.add(key(HandlerType.POST, "/api/v1/channels/{id}/test", i -> "/api/v1/channels/nope/test", null, 404));
        steps.add(key(HandlerType.POST, "/api/v1/api-keys", i -> "/api/v1/api-keys", "{\"name\":\"temp\",\"role\":\"viewer\"}",
                201));
        steps.add(key(HandlerType.DELETE, "/api/v1/api-keys/{id}", i -> "/api/v1/api-keys/" + i.get("api-key"), null, 204));
        steps.add(key(HandlerType.POST, "/api/v1/incidents", i -> "/api/v1/incidents",
                "{\"name\":\"Walk\",\"status\":\"investigating\",\"body\":\"Looking\"}", 201));
        steps.add(key(HandlerType.POST, "/api/v1/incidents/{id}/updates", i -> "/api/v1/incidents/" + i.get("incident")
                + "/updates", "{\"status\":\"identified\",\"body\":\"Found\"}", 200));
        steps.add(key(HandlerType.POST, "/api/v1/incidents/{id}/resolve", i -> "/api/v1/incidents/" + i.get("incident")
                + "/resolve", "{\"body\":\"Fixed\"}", 200));
        steps.add(key(HandlerType.PUT, "/api/v1/incidents/{id}/postmortem", i -> "/api/v1/incidents/" + i.get("incident")
                + "/postmortem", "{\"body\":\"What happened\"}", 200));
        steps.add(key(HandlerType.POST, "/api/v1/maintenances", i -> "/api/v1/maintenances",
                "{\"name\":\"Upgrade\",\"body\":\"b\",\"scheduled_for\":\"2099-01-01T00:00:00Z\","
                        + "\"scheduled_until\":\"2099-01-01T01:00:00Z\",\"components\":[\"web\"]}", 201));
        steps.add(key(HandlerType.POST, "/api/v1/maintenances/{id}/updates", i -> "/api/v1/maintenances/" + i.get("maintenance")
                + "/updates", "{\"body\":\"Moved\"}", 200));
        steps.add(key(HandlerType.POST, "/api/v1/subscribers/webhooks", i -> "/api/v1/subscribers/webhooks",
                "{\"webhook_url\":\"" + hook + "\"}", 201));
        steps.add(key(HandlerType.DELETE, "/api/v1/subscribers/{id}", i -> "/api/v1/subscribers/" + i.get("subscriber"), null,
                204));
        // one more, for the console to remove
        steps.add(key(HandlerType.POST, "/api/v1/subscribers/webhooks", i -> "/api/v1/subscribers/webhooks",
                "{\"webhook_url\":\"" + hook + "&again\"}", 201));
        steps.add(key(HandlerType.POST, "/api/v1/monitors/{id}/silence", i -> "/api/v1/monitors/walk/silence",
                "{\"until\":\"2099-01-01T00:00:00Z\",\"reason\":\"walk\"}", 200));
        steps.add(key(HandlerType.DELETE, "/api/v1/monitors/{id}/silence", i -> "/api/v1/monitors/walk/silence", null, 200));
        steps.add(key(HandlerType.POST, "/api/v1/monitors/{id}/check", i -> "/api/v1/monitors/walk/check", null, 202));
        steps.add(key(HandlerType.POST, "/api/v1/monitors/{id}/pause", i -> "/api/v1/monitors/walk/pause",
                "{\"reason\":\"walk\"}", 200));
        steps.add(key(HandlerType.POST, "/api/v1/monitors/{id}/resume", i -> "/api/v1/monitors/walk/resume", null, 200));
        String monitor = "{\"id\":\"walk-api\",\"type\":\"http\",\"url\":\"http://127.0.0.1:1/health?token=" + MONITOR_SECRET
                + "\",\"timeout\":\"1s\",\"component\":\"web\",\"interval\":\"%s\"}";
        steps.add(key(HandlerType.POST, "/api/v1/monitors", i -> "/api/v1/monitors", monitor.formatted("1h"), 201));
        steps.add(key(HandlerType.PUT, "/api/v1/monitors/{id}", i -> "/api/v1/monitors/" + i.get("monitor"),
                monitor.formatted("2h"), 200));
        steps.add(key(HandlerType.DELETE, "/api/v1/monitors/{id}", i -> "/api/v1/monitors/" + i.get("monitor"), null, 204));
        // no alert has fired, no database waits to be accepted, and no mail went out with a link: refused, not recorded
        steps.add(key(HandlerType.POST, "/api/v1/alerts/{episode}/ack", i -> "/api/v1/alerts/nope/ack", null, 404));
        steps.add(key(HandlerType.POST, "/api/v1/alerts/{episode}/unack", i -> "/api/v1/alerts/nope/unack", null, 404));
        steps.add(key(HandlerType.POST, "/api/v1/alerts/notifications/{id}/retry", i -> "/api/v1/alerts/notifications/999/retry",
                null, 409));
        steps.add(key(HandlerType.POST, "/api/v1/storage/accept-new", i -> "/api/v1/storage/accept-new", null, 409));
        steps.add(anonymous(HandlerType.POST, "/alerts/ack/{token}", "/alerts/ack/forged", 400));
        steps.add(anonymous(HandlerType.POST, "/subscribe/confirm/{token}", "/subscribe/confirm/forged", 404));
        steps.add(anonymous(HandlerType.POST, "/unsubscribe/{token}", "/unsubscribe/forged", 404));
        steps.add(anonymous(HandlerType.POST, "/api/v1/subscribers", "/api/v1/subscribers", 403));
        steps.add(anonymous(HandlerType.POST, "/subscribe", "/subscribe", 400));
        steps.add(anonymous(HandlerType.POST, "/{page}/subscribe", "/nopage/subscribe", 404));
        steps.add(new Step(HandlerType.POST, "/login", i -> "/login", "name=walker-admin&password=another-long-password-456",
                303, true));
        // no alert has fired and no notification was given up: refused, not recorded
        steps.add(new Step(HandlerType.POST, "/console/alerts/{episode}/ack", i -> "/console/alerts/nope/ack", "", 404, true));
        steps.add(new Step(HandlerType.POST, "/console/alerts/{episode}/unack", i -> "/console/alerts/nope/unack", "", 404,
                true));
        steps.add(new Step(HandlerType.POST, "/console/alerts/dead/{id}/retry", i -> "/console/alerts/dead/999/retry", "", 409,
                true));
        steps.add(new Step(HandlerType.POST, "/console/channels/{id}/test", i -> "/console/channels/nope/test", "", 404, true));
        steps.add(new Step(HandlerType.POST, "/console/subscribers/{id}/delete", i -> "/console/subscribers/" + i.get("subscriber")
                + "/delete", "", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/users", i -> "/console/users",
                "name=walker-editor&role=editor&password=a-long-password-789", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/users/{name}/role", i -> "/console/users/walker-editor/role", "role=viewer",
                303, true));
        steps.add(new Step(HandlerType.POST, "/console/users/{name}/2fa-reset", i -> "/console/users/walker-editor/2fa-reset", "",
                303, true));
        steps.add(new Step(HandlerType.POST, "/console/users/{name}/delete", i -> "/console/users/walker-editor/delete", "", 303,
                true));
        steps.add(new Step(HandlerType.POST, "/console/api-keys", i -> "/console/api-keys", "name=console-key&role=viewer", 201,
                true));
        steps.add(new Step(HandlerType.POST, "/console/api-keys/{id}/revoke", i -> "/console/api-keys/" + i.get("console-key")
                + "/revoke", "", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/silence", i -> "/console/monitors/walk/silence",
                "until=2h&reason=walk", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/unsilence", i -> "/console/monitors/walk/unsilence", "", 303,
                true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/check", i -> "/console/monitors/walk/check", "", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/pause", i -> "/console/monitors/walk/pause",
                "reason=walk", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/resume", i -> "/console/monitors/walk/resume", "", 303,
                true));
        steps.add(new Step(HandlerType.POST, "/console/incidents", i -> "/console/incidents",
                "title=Walk&status=investigating&impact=minor&component.web=major_outage&body=Looking", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/incidents/{id}/updates", i -> "/console/incidents/"
                + i.get("console-incidents") + "/updates", "status=identified&impact=minor&body=Found", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/incidents/{id}/resolve", i -> "/console/incidents/"
                + i.get("console-incidents") + "/resolve", "body=Fixed", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/incidents/{id}/postmortem", i -> "/console/incidents/"
                + i.get("console-incidents") + "/postmortem", "body=What+happened", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/maintenance", i -> "/console/maintenance",
                "name=Upgrade&from=2099-01-01T00:00&until=2099-01-01T01:00&components=web&body=b", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/maintenance/{id}/updates", i -> "/console/maintenance/"
                + i.get("console-maintenance") + "/updates", "body=Moved", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/markdown", i -> "/console/markdown", "body=**Preview**", 200, true));
        java.util.function.Function<String, String> form = interval -> "definition=" + java.net.URLEncoder.encode(
                "id: walk-console\ntype: http\ntimeout: 1s\nurl: http://127.0.0.1:1/health?token=" + MONITOR_SECRET
                        + "\ninterval: " + interval + "\n", java.nio.charset.StandardCharsets.UTF_8);
        steps.add(new Step(HandlerType.POST, "/console/new-monitor", i -> "/console/new-monitor", form.apply("1h"), 303,
                true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/edit", i -> "/console/monitors/walk-console/edit",
                "version=1&" + form.apply("2h"), 303, true));
        steps.add(new Step(HandlerType.POST, "/console/monitors/{id}/delete", i -> "/console/monitors/walk-console/delete",
                "version=2", 303, true));
        steps.add(new Step(HandlerType.POST, "/console/2fa/enrol", i -> "/console/2fa/enrol", "", 200, true));
        steps.add(new Step(HandlerType.POST, "/console/2fa/confirm", i -> "/console/2fa/confirm", "code=000000", 400, true));
        steps.add(new Step(HandlerType.POST, "/console/2fa/disable", i -> "/console/2fa/disable", "proof=wrong", 400, true));
        steps.add(new Step(HandlerType.POST, "/logout", i -> "/logout", "", 303, true));
        // no half-login: the code form of a sign-in that never began is refused
        steps.add(new Step(HandlerType.POST, "/login/code", i -> "/login/code", "code=123456", 401, true));
        steps.add(new Step(HandlerType.POST, "/login", i -> "/login", "name=walker-admin&password=another-long-password-456",
                303, true));
        steps.add(new Step(HandlerType.POST, "/logout/everywhere", i -> "/logout/everywhere", "", 303, true));
        // ends the user's sessions too
        steps.add(key(HandlerType.DELETE, "/api/v1/users/{name}/2fa", i -> "/api/v1/users/walker-admin/2fa", null, 200));
        steps.add(key(HandlerType.DELETE, "/api/v1/users/{name}", i -> "/api/v1/users/walker-admin", null, 204));
        return steps;
    }

    private static Step key(HandlerType method, String route, Function<Map<String, String>, String> path, String body,
                            int expected) {
        return new Step(method, route, path, body, expected, false);
    }

    private static Step anonymous(HandlerType method, String route, String path, int expected) {
        return new Step(method, route, i -> path, "{\"email\":\"a@example.com\"}", expected, false);
    }

    private HttpResponse<String> send(Step step) throws Exception {
        URI uri = NodeHttp.uri(node, step.path().apply(ids));
        HttpResponse<String> response;
        if (step.bySession()) {
            // a browser: the login form's token (or the console's) with the session cookie
            String page = browser.send(HttpRequest.newBuilder(NodeHttp.uri(node, step.route().startsWith("/login") ? "/login"
                    : "/console")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).as(page).isTrue();
            secrets.add(csrf.group(1));
            String form = (step.body().isEmpty() ? "" : step.body() + "&") + "csrf=" + csrf.group(1);
            response = browser.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } else {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json");
            if (!step.route().startsWith("/alerts/") && !step.route().startsWith("/subscribe") && !step.route().startsWith(
                    "/unsubscribe") && !step.route().equals("/api/v1/subscribers")) {
                request.header("Authorization", "Bearer " + adminKey);
            }
            request.header("Content-Type", "application/json").method(step.method().name(), step.body() == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(step.body()));
            response = NodeHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        Matcher console = CONSOLE_CREATED.matcher(response.headers().firstValue("Location").orElse(""));
        if (response.statusCode() == 303 && console.matches()) {
            ids.put("console-" + console.group(1), console.group(2));
        }
        Matcher shownOnce = Pattern.compile("API key (\\d+) .*id=\"secret\" readonly value=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(response.body());
        if (response.statusCode() == 201 && step.route().startsWith("/console/") && shownOnce.find()) {
            ids.put("console-key", shownOnce.group(1));
            secrets.add(shownOnce.group(2));
        } else if (response.statusCode() == 201) {
            JsonNode created = JSON.readTree(response.body());
            String type = step.route().split("/")[3].replaceAll("s$", "");
            ids.put(type, created.path("id").asText());
            if (created.hasNonNull("key")) {
                secrets.add(created.path("key").asText());
            }
        }
        return response;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, path)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> entries() throws Exception {
        HttpResponse<String> response = NodeHttpAdmin.get(node, "/api/v1/audit?limit=1000", adminKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(response.body()).path("entries").forEach(out::add);
        return out;
    }

    /** GET with a bearer key. */
    private static final class NodeHttpAdmin {
        static HttpResponse<String> get(LookoutNode node, String path, String key) throws Exception {
            return NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, path)).header("Authorization", "Bearer " + key)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
