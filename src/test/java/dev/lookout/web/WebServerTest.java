package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
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
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<String> schedulerProblem = new AtomicReference<>();
    @TempDir
    Path dir;
    private Store store;
    private WebServer web;

    @BeforeEach
    void start() throws Exception {
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: api, name: API } ]
                monitors: [ { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api } ]
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        MonitorStates states = new MonitorStates(InstantSource.system(), c -> { });
        states.configure(config.monitors(), Map.of());
        StatusReadModel status = new StatusReadModel(() -> config, states, store, new LatestResults(), InstantSource.system(),
                Duration.ofSeconds(5));
        Readiness readiness = new Readiness().add("config", Optional::empty)
                .add("scheduler", () -> Optional.ofNullable(schedulerProblem.get()));
        web = new WebServer(status, readiness, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "Test").start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        store.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyz_is_503_with_the_failing_part_and_its_reason() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        schedulerProblem.set("schedule lag p99 7000 ms over the last 10s exceeds 5000 ms");
        HttpResponse<String> response = get("/readyz");
        assertThat(response.statusCode()).isEqualTo(503);
        var body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("unready");
        assertThat(body.path("problems").path("scheduler").asText()).contains("schedule lag p99 7000 ms");
        assertThat(get("/healthz").statusCode()).as("alive even when unready").isEqualTo(200);
    }

    @Test
    void a_wrong_method_is_a_json_error_not_a_stack_trace() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/v1/monitors"))
                .POST(HttpRequest.BodyPublishers.ofString("{")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"error\":\"method POST not allowed on /api/v1/monitors\",\"status\":405}");
    }

    @Test
    void an_unknown_route_is_a_json_404_naming_it() throws Exception {
        HttpResponse<String> response = get("/no/such/page");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no such route: GET /no/such/page\",\"status\":404}");
    }

    @Test
    void every_route_declares_a_role() {
        assertThat(web.routes()).isNotEmpty().allSatisfy(r -> assertThat(r.role()).isNotNull());
        assertThat(web.routes()).extracting(Route::path).contains("/", "/api/v1/monitors", "/api/v1/monitors/{id}", "/healthz",
                "/readyz", "/metrics");
    }
}
