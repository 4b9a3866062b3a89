package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.probe.ProbeResults;
import dev.lookout.probe.ProbeToken;
import dev.lookout.status.StatusReadModel;
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
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe API's authentication on a real server: a probe token opens the probe routes of its own probe, and nothing else. */
class ProbeApiTest {
    private static final String ADMIN = "admin-token-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Store store;
    private WebServer web;
    private String token;
    private long tokenId;
    private final String goneToken = ProbeToken.generate();

    @BeforeEach
    void start() throws Exception {
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                probes: [ { name: probe-eu, region: eu }, { name: probe-us } ]
                monitors: [ { id: a, type: tcp, host: 127.0.0.1, port: 1, vantage: { from: [eu] } } ]
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        token = ProbeToken.generate();
        tokenId = store.probes().addToken("probe-eu", ProbeToken.sha256(token), Instant.now());
        store.probes().addToken("probe-gone", ProbeToken.sha256(goneToken), Instant.now());
        MonitorStates states = new MonitorStates(InstantSource.system(), c -> { });
        StatusReadModel status = new StatusReadModel(() -> config, states, store, new LatestResults(), InstantSource.system(),
                Duration.ofSeconds(5));
        RouteGroup admin = () -> List.of(Route.get("/api/v1/secret", Role.ADMIN, ctx -> ctx.result("secret")));
        web = new WebServer(status, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), PingIngest.NONE, ADMIN,
                List.of(admin, new ProbeApi(store.probes(), new ProbeResults(store.probes(), () -> config, InstantSource.system(),
                        "node-a"), () -> config, InstantSource.system(), "node-a",
                        java.util.Set.of("node-a", "probe-us")::contains))).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String probe, String body, String etag)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (probe != null) {
            request.header("X-Lookout-Probe", probe);
        }
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> assignment(String bearer, String probe) throws Exception {
        return send("GET", "/api/v1/probe/assignment", bearer, probe, null, null);
    }

    @Test
    void a_probe_gets_its_assignment_and_a_304_while_it_is_unchanged() throws Exception {
        HttpResponse<String> first = assignment(token, "probe-eu");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("{\"probe\":\"probe-eu\",\"region\":\"eu\",").contains("\"acked_seq\":0")
                .contains("\"monitors\":[{\"id\":\"a\",\"definition\":{\"id\":\"a\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":\"1\"}}]");
        assertThat(send("GET", "/api/v1/probe/assignment", token, "probe-eu", null, etag).statusCode()).isEqualTo(304);
        assertThat(store.probes().tokens()).filteredOn(t -> t.id() == tokenId).singleElement()
                .satisfies(t -> assertThat(t.lastAddress()).isEqualTo("127.0.0.1"));
    }

    @Test
    void every_wrong_credential_is_a_json_refusal_naming_why() throws Exception {
        assertThat(assignment(null, "probe-eu")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("missing probe token");
        });
        assertThat(assignment(ADMIN, "probe-eu").body()).as("the admin token is no probe token")
                .isEqualTo("{\"error\":\"not a probe token (a probe token is lkp_ and 43 characters, from lookout probe-token create)\",\"status\":401}");
        assertThat(assignment(ProbeToken.generate(), "probe-eu").body()).isEqualTo("{\"error\":\"unknown probe token\",\"status\":401}");
        assertThat(assignment(token, "probe-us")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("this token belongs to probe 'probe-eu', not 'probe-us'");
        });
        assertThat(assignment(goneToken, "probe-gone")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("probe 'probe-gone' is not declared under probes:");
        });
        String usToken = ProbeToken.generate();
        store.probes().addToken("probe-us", ProbeToken.sha256(usToken), Instant.now());
        assertThat(assignment(usToken, "probe-us")).as("another node of the cluster is named probe-us").satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("probe 'probe-us' has the name of a running Lookout node");
        });
        store.probes().revoke(tokenId, Instant.now());
        assertThat(assignment(token, "probe-eu")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("probe token " + tokenId + " was revoked at");
        });
    }

    @Test
    void a_probe_token_opens_no_other_route_and_a_bad_batch_is_a_400() throws Exception {
        assertThat(send("GET", "/api/v1/secret", token, "probe-eu", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/secret", ADMIN, null, null, null).body()).isEqualTo("secret");

        HttpResponse<String> bad = send("POST", "/api/v1/probe/results", token, "probe-eu", "{\"results\": [{\"seq\": 1}]}", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"result 1: monitor_id is required\",\"status\":400}");
        HttpResponse<String> good = send("POST", "/api/v1/probe/results", token, "probe-eu", """
                {"probe": "probe-eu", "dropped": 0, "results": [{"seq": 1, "monitor_id": "a", "started_at": "2026-12-01T10:00:00Z",
                 "outcome": "FAILED", "message": "refused"}]}""", null);
        assertThat(good.body()).isEqualTo("{\"acked_seq\":1,\"stored\":1,\"duplicates\":0,\"ignored\":0}");
    }
}
