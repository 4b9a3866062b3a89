package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the whole route table of a real node and proves each non-public route's declared role:
 * it refuses an anonymous caller (401) and every weaker role (403), with a JSON error, and lets its
 * least role through (whatever the handler then says of the made-up path parameters).
 */
class RouteTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Role> ACCOUNT_ROLES = List.of(Role.VIEWER, Role.EDITOR, Role.ADMIN);

    @TempDir
    Path dir;
    private RunningLookout lookout;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Role, String> keys = new EnumMap<>(Role.class);

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
        for (Role role : ACCOUNT_ROLES) {
            RunningLookout.Run created = RunningLookout.runWith(Map.of(), "", "api-key", "create", "--role",
                    role.name().toLowerCase(), "--config", lookout.serverConfig.toString(), "route table " + role);
            assertThat(created.exit()).as(created.err()).isZero();
            keys.put(role, created.out().strip());
        }
    }

    @AfterEach
    void stop() {
        if (lookout != null) {
            lookout.close();
        }
    }

    @Test
    void every_route_refuses_anonymous_callers_and_weaker_roles_and_admits_its_least_role() throws Exception {
        List<Route> guarded = lookout.routes().stream().filter(r -> r.role() != Role.PUBLIC).toList();
        assertThat(guarded).extracting(r -> r.method() + " " + r.path()).contains("GET /console", "POST /api/v1/incidents",
                "GET /api/v1/users", "POST /api/v1/api-keys", "POST /api/v1/storage/accept-new", "HEAD /api/v1/alerts",
                "GET /api/v1/probe/assignment", "POST /api/v1/probe/results");
        SoftAssertions softly = new SoftAssertions();
        // the one route that changes the node's database as its admin passes is called last
        List<Route> ordered = new ArrayList<>(guarded);
        ordered.sort(java.util.Comparator.comparing(r -> r.path().endsWith("/accept-new")));
        for (Route route : ordered) {
            String what = route.method() + " " + route.path() + " (" + route.role() + ")";
            refused(softly, what + " anonymous", send(route, null), 401);
            if (route.role() == Role.PROBE) {
                // no account reaches the probe API: every key is refused as not a probe token (ProbeApiTest admits one)
                for (Role role : ACCOUNT_ROLES) {
                    refused(softly, what + " as " + role, send(route, keys.get(role)), 401);
                }
                continue;
            }
            for (Role weaker : ACCOUNT_ROLES.subList(0, ACCOUNT_ROLES.indexOf(route.role()))) {
                refused(softly, what + " as " + weaker, send(route, keys.get(weaker)), 403);
            }
            softly.assertThat(send(route, keys.get(route.role())).statusCode()).as(what + " as its least role")
                    .isNotIn(401, 403);
        }
        softly.assertAll();
    }

    private void refused(SoftAssertions softly, String what, HttpResponse<String> response, int status) throws Exception {
        softly.assertThat(response.statusCode()).as(what).isEqualTo(status);
        if (!response.request().method().equals("HEAD")) {
            softly.assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            JsonNode body = JSON.readTree(response.body());
            softly.assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
            softly.assertThat(body.path("error").asText()).as(what).isNotBlank();
        }
    }

    private HttpResponse<String> send(Route route, String key) throws Exception {
        String path = route.path().replaceAll("\\{[^}]+}", "x1").replaceAll("<[^>]+>", "x1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lookout.url() + path)).header("Accept", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        boolean body = route.method() == HandlerType.POST || route.method() == HandlerType.PUT
                || route.method() == HandlerType.PATCH;
        request.method(route.method().name(), body ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
