package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which answers scripts on other sites may read: the public reads carry
 * {@code Access-Control-Allow-Origin: *} and answer preflights; pages, admin routes and writes
 * carry no CORS header at all, so a browser keeps them from other sites' scripts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginTest {
    private static final String ORIGIN = "Origin: https://shop.example.org";
    private IncidentServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir);
        server.openIncident("""
                {"name": "Checkout errors", "impact": "major", "body": "Payments fail.", "components": {"web": "partial_outage"}}""");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/summary.json", "/api/v2/status.json", "/api/v2/incidents/unresolved.json",
            "/api/v1/incidents", "/api/v1/incidents/1", "/api/v1/maintenances", "/api/v1/monitors", "/api/v1/monitors/w",
            "/feeds/incidents.rss", "/feeds/maintenances.ics", "/api/v1/incidents/999"})
    void public_reads_are_readable_from_any_origin_without_credentials(String path) throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            RawHttp.Response response = server.raw(method, path, ORIGIN);
            assertThat(response.header("access-control-allow-origin")).as(method + " " + path).isEqualTo("*");
            assertThat(response.header("access-control-expose-headers")).contains("ETag");
            assertThat(response.header("access-control-allow-credentials")).isNull();
        }
    }

    @Test
    void a_preflight_for_a_public_read_allows_reads_and_conditional_headers_but_no_credentials() throws Exception {
        RawHttp.Response preflight = server.raw("OPTIONS", "/api/v2/summary.json", ORIGIN,
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: if-none-match");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(preflight.header("access-control-allow-methods")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(preflight.header("access-control-allow-headers")).contains("If-None-Match").doesNotContain("Authorization");
        assertThat(preflight.header("access-control-max-age")).isEqualTo("86400");
        assertThat(preflight.header("access-control-allow-credentials")).isNull();
        assertThat(preflight.bytes()).isEmpty();

        RawHttp.Response plain = server.raw("OPTIONS", "/api/v1/incidents");
        assertThat(plain.status()).isEqualTo(204);
        assertThat(plain.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/history", "/incidents/1", "/healthz", "/metrics"})
    void pages_and_operations_endpoints_are_not_shared(String path) throws Exception {
        assertThat(server.raw("GET", path, ORIGIN).header("access-control-allow-origin")).as(path).isNull();
    }

    @Test
    void admin_routes_and_writes_carry_no_cors_header_and_refuse_preflights() throws Exception {
        RawHttp.Response write = server.raw("POST", "/api/v1/incidents", ORIGIN, "Content-Type: application/json",
                "Content-Length: 2");
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.header("access-control-allow-origin")).isNull();

        RawHttp.Response preflight = server.raw("OPTIONS", "/api/v1/incidents/1/resolve", ORIGIN,
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization");
        assertThat(preflight.status()).isEqualTo(405);
        assertThat(preflight.header("access-control-allow-origin")).isNull();
    }

    @Test
    void only_public_reads_can_be_declared_readable_by_any_origin() {
        assertThat(server.web.routes()).filteredOn(Route::anyOrigin)
                .allSatisfy(r -> assertThat(r.role()).isEqualTo(Role.PUBLIC))
                .extracting(r -> r.method().name()).containsOnly("GET", "HEAD", "OPTIONS");
        assertThat(server.web.routes()).filteredOn(r -> r.role() != Role.PUBLIC).noneMatch(Route::anyOrigin);
        assertThatThrownBy(() -> Route.get("/api/v1/alerts", Role.ADMIN, ctx -> { }).readableByAnyOrigin())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only public reads");
        assertThatThrownBy(() -> Route.of(HandlerType.POST, "/api/v1/subscribers", Role.PUBLIC, ctx -> { }).readableByAnyOrigin())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
