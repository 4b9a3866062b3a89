package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.status.Badges;
import dev.lookout.status.StatusReadModel;
import dev.lookout.status.Svg;
import dev.lookout.store.MonitorRecord;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Badges over HTTP from a started server, with results stored in SQLite. */
class BadgeApiTest {
    private static final Instant HOUR_12 = Instant.parse("2026-11-23T12:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Store store;
    private WebServer web;

    @BeforeEach
    void start() throws Exception {
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: api, name: API } ]
                monitors:
                  - { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api }
                  - { id: b, type: tcp, host: 127.0.0.1, port: 2, component: api }
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        store.syncMonitors(config.monitors().stream().map(m -> new MonitorRecord(m.id(), m.name(), m.type(), m.componentId(), "{}")).toList());
        int minute = 0;
        for (Outcome outcome : List.of(Outcome.OK, Outcome.OK, Outcome.FAILED, Outcome.OK)) {
            store.append(new CheckResult("a", HOUR_12.plus(Duration.ofMinutes(minute++)), outcome, "",
                    Timings.totalOnly(outcome == Outcome.OK ? 120_000 : 3_000_000), List.of()));
        }
        store.flush();
        InstantSource clock = Clock.fixed(HOUR_12.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        MonitorStates states = new MonitorStates(clock, c -> { });
        states.configure(config.monitors(), Map.of("a", MonitorState.UP, "b", MonitorState.UP));
        StatusReadModel status = new StatusReadModel(() -> config, states, store, new LatestResults(), clock, Duration.ofSeconds(5));
        BadgeApi badges = new BadgeApi(new Badges(() -> config, states, status::snapshot, store, clock, Duration.ofSeconds(30)), Duration.ofSeconds(30));
        web = new WebServer(status, new Readiness().add("config", Optional::empty), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                "Test", PingIngest.NONE, null, List.of(badges)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        store.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_uptime_badge_shows_the_share_of_results_that_did_not_fail() throws Exception {
        HttpResponse<String> response = get("/badge/monitor/a/uptime/24h.svg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/svg+xml;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=30");
        assertThat(texts(response.body())).containsExactly("uptime 24h", "uptime 24h", "75%", "75%");
    }

    @Test
    void a_response_time_badge_shows_the_average_of_the_results_that_reached_the_target() throws Exception {
        assertThat(texts(get("/badge/monitor/a/response-time/7d.svg").body())).contains("response time 7d", "120 ms");
        assertThat(texts(get("/badge/component/api/response-time/30d.svg").body())).contains("120 ms");
    }

    @Test
    void component_badges_aggregate_their_monitors() throws Exception {
        assertThat(texts(get("/badge/component/api/uptime/90d.svg").body())).contains("75%");
        assertThat(texts(get("/badge/component/api/status.svg").body())).contains("status", "operational");
        assertThat(texts(get("/badge/monitor/b/status.svg?style=flat-square").body())).containsExactly("status", "up");
    }

    @Test
    void a_label_from_the_query_replaces_the_default_and_stays_text() throws Exception {
        String hostile = "<script>alert(1)</script>";
        HttpResponse<String> response = get("/badge/monitor/a/status.svg?label=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Svg.parse(response.body()).getElementsByTagName("script").getLength()).isZero();
        assertThat(texts(response.body())).contains(hostile, "up");
    }

    @Test
    void an_unknown_id_is_a_404_with_a_grey_not_found_badge() throws Exception {
        HttpResponse<String> response = get("/badge/monitor/nope/uptime/24h.svg");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/svg+xml;charset=utf-8");
        assertThat(texts(response.body())).contains("monitor", "not found");
        assertThat(get("/badge/component/nope/status.svg").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/badge/monitor/a/uptime/5d.svg|404|unknown window 5d",
            "/badge/monitor/a/status.svg?style=shiny|400|unknown style shiny",
            "/badge/monitor/a/status.svg?label=LONG|400|label too long",
            "/badge/monitor/a/latency.svg|404|no such badge",
            "/badge/group/a/status.svg|404|no such badge",
            "/badge/monitor/nope/uptime/24h.svg|404|not found"})
    void every_refusal_is_still_an_image_that_says_what_is_wrong(String path, int status, String value) throws Exception {
        HttpResponse<String> response = get(path.replace("LONG", "x".repeat(101)), "Accept", "image/avif,image/webp,image/svg+xml,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/svg+xml;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(texts(response.body())).contains(value);
    }

    @Test
    void an_unchanged_badge_is_answered_304_to_its_etag() throws Exception {
        HttpResponse<String> first = get("/badge/monitor/a/uptime/24h.svg");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/badge/monitor/a/uptime/24h.svg", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/badge/monitor/a/uptime/7d.svg", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void head_answers_a_badges_headers_without_the_image() throws Exception {
        for (String path : List.of("/badge/monitor/a/uptime/24h.svg", "/badge/component/api/status.svg", "/badge/monitor/nope/status.svg")) {
            RawHttp.Response get = RawHttp.exchange(web.port(), "GET", path);
            RawHttp.Response head = RawHttp.exchange(web.port(), "HEAD", path);
            assertThat(head.status()).isEqualTo(get.status());
            for (String name : List.of("content-type", "content-length", "cache-control", "etag")) {
                assertThat(head.header(name)).as("HEAD %s: %s", path, name).isEqualTo(get.header(name));
            }
            assertThat(get.bytes()).hasSize(Integer.parseInt(get.header("content-length")));
            assertThat(head.bytes()).isEmpty();
        }
    }

    @Test
    void every_badge_route_is_public() {
        assertThat(web.routes()).filteredOn(r -> r.path().startsWith("/badge/")).hasSize(7 * 3)
                .allSatisfy(r -> assertThat(r.role()).isEqualTo(Role.PUBLIC))
                .extracting(r -> r.method().name()).containsOnly("GET", "HEAD", "OPTIONS");
    }

    private static List<String> texts(String svg) throws Exception {
        return Svg.texts(Svg.parse(svg));
    }
}
