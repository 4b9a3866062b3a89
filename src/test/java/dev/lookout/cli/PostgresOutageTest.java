package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.store.PrivatePostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on a PostgreSQL of its own that is stopped and started, and frozen and let go, while
 * 20 monitors are checked every second (issue 12): the public side keeps answering within a
 * second throughout, /readyz says what is wrong, and every result of the outage is stored once the
 * database is back, without a restart.
 */
class PostgresOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MONITORS = 20;
    private static final String TOKEN = "outage-token-0123456789abcdef";
    /**
     * The requirement is "within milliseconds, whatever the database does"; a busy 2-core CI machine may hold up any
     * answer for a moment. What the bound must tell apart is an answer that waited for the database: a call to a
     * frozen one waits up to 5 s (the store's deadline for a caller) before it fails. Half of that.
     */
    private static final Duration PUBLIC_BOUND = Duration.ofMillis(2_500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private PrivatePostgres pg;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private HttpServer target;
    private LookoutNode node;
    private final Map<String, AtomicLong> slowest = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean watching;
    private Thread watcher;

    @BeforeEach
    void start() throws Exception {
        pg = PrivatePostgres.start();
        target = Targets.answering200();
        StringBuilder monitors = new StringBuilder();
        for (int i = 0; i < MONITORS; i++) {
            monitors.append("  - { id: m%d, component: site, type: http, url: \"http://127.0.0.1:%d/%d\", interval: 1s }\n"
                    .formatted(i, target.getAddress().getPort(), i));
        }
        Path config = dir.resolve("lookout.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "%s" }
                channels:
                  - { id: ops, type: webhook, url: "%s" }
                alerting: { system_channels: [ops], storage_alarm_after: 2s }
                components:
                  - { id: site, name: Site }
                monitors:
                %s""".formatted(TOKEN, pg.storeUrl(), receiver.url("/ops"), monitors));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
        await("ready with results stored", () -> get("/readyz").statusCode() == 200 && storedSince("m0", Instant.EPOCH) >= 2);
    }

    @AfterEach
    void stop() throws Exception {
        watching = false;
        if (watcher != null) {
            watcher.join(10_000);
        }
        if (node != null) {
            node.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (pg != null) {
            pg.close();
        }
        receiver.close();
    }

    /** The texts the system channel received, in order. */
    private List<String> systemMessages() {
        return receiver.requests().stream().map(r -> r.json().at("/text").asText()).toList();
    }

    @Test
    void a_stopped_database_is_reported_at_once_the_page_stays_up_and_the_outage_is_stored_when_it_is_back() throws Exception {
        watchPublicSide();
        pg.stop();
        Instant stopped = Instant.now();
        await("/readyz says the storage is unreachable", () -> get("/readyz").body().contains("storage unreachable"));
        JsonNode readyz = JSON.readTree(get("/readyz").body());
        assertThat(readyz.at("/status").asText()).isEqualTo("unready");
        assertThat(readyz.at("/problems/store").asText()).startsWith("storage unreachable since");
        Thread.sleep(8_000); // checks go on; their results wait in memory
        assertThat(JSON.readTree(get("/readyz").body()).at("/storage/buffered").asInt()).isPositive();
        assertThat(systemMessages()).as("one storage alarm, straight from the node (the outbox is in the database)")
                .singleElement().asString().contains("cannot write to its storage: storage unreachable since");

        pg.startServer();
        Instant restarted = Instant.now();
        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        watching = false;
        watcher.join(10_000);

        await("the outage's results stored", () -> storedBetween("m0", stopped.plusSeconds(1), restarted) >= 5);
        for (int i = 0; i < MONITORS; i++) {
            assertThat(storedBetween("m" + i, stopped.plusSeconds(1), restarted)).as("results of m%d during the outage", i)
                    .isGreaterThanOrEqualTo(5);
        }
        assertThat(JSON.readTree(get("/readyz").body()).at("/storage/dropped_when_full").asLong(-1)).isZero();
        await("the storage alarm's recovery", () -> systemMessages().size() == 2);
        assertThat(systemMessages().get(1)).contains("writes to its storage again")
                .contains("0 results were dropped because the buffer was full");
        assertPublicSideAnsweredInTime();
    }

    @Test
    void a_frozen_database_is_reported_within_seconds_and_nothing_public_waits_for_it() throws Exception {
        watchPublicSide();
        pg.pause();
        try {
            long posted = System.nanoTime();
            HttpResponse<String> incident = http.send(HttpRequest.newBuilder(uri("/api/v1/incidents"))
                    .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Trouble\",\"status\":\"investigating\",\"body\":\"Looking\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - posted);
            assertThat(incident.statusCode()).as(incident.body()).isEqualTo(503);
            assertThat(took).as("an admin write to a frozen database").isLessThan(Duration.ofSeconds(10));
            await("/readyz says the database does not answer", () -> get("/readyz").statusCode() == 503);
            assertThat(JSON.readTree(get("/readyz").body()).at("/problems/store").asText()).startsWith("storage unreachable");
            Thread.sleep(3_000);
        } finally {
            pg.resume();
        }
        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        watching = false;
        watcher.join(10_000);
        assertPublicSideAnsweredInTime();
    }

    /**
     * Postmortem 000: the database "came back empty". The node does not take it for a fresh start:
     * it writes nothing, says so, keeps the public side up, and after an operator accepts the new
     * database it migrates the schema again and writes what waited.
     */
    @Test
    void a_schema_dropped_under_a_running_node_is_held_until_accepted_and_then_rebuilt() throws Exception {
        watchPublicSide();
        pg.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        Instant dropped = Instant.now();
        await("/readyz says the database was replaced", () -> get("/readyz").body().contains("database replaced"));
        JsonNode readyz = JSON.readTree(get("/readyz").body());
        assertThat(readyz.at("/problems/store").asText()).startsWith("database replaced since")
                .contains("lookout storage accept-new");
        assertThat(get("/").body()).as("the page still shows the component").contains("Site");
        await("the system channel told at once, with the command", () -> !systemMessages().isEmpty());
        assertThat(systemMessages().getFirst()).contains("holds its writes").contains("lookout storage accept-new");
        Thread.sleep(3_000); // checks go on; nothing is written to the empty database meanwhile
        assertThat(pg.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).contains("0");

        HttpResponse<String> accept = http.send(HttpRequest.newBuilder(uri("/api/v1/storage/accept-new"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        await("the results of the held time written to the rebuilt schema",
                () -> storedBetween("m0", dropped.plusSeconds(1), dropped.plusSeconds(4)) >= 2);
        await("the acceptance said as the end of it", () -> systemMessages().size() == 2);
        assertThat(systemMessages().get(1)).contains("the new database was accepted");
        watching = false;
        watcher.join(10_000);
        assertPublicSideAnsweredInTime();
    }

    /** Asks the public side every 200 ms what a visitor and a load balancer ask, and keeps the slowest answer of each. */
    private void watchPublicSide() {
        watching = true;
        watcher = Thread.ofPlatform().daemon().name("public-side-watcher").start(() -> {
            while (watching) {
                for (String path : List.of("/", "/api/v2/summary.json", "/readyz", "/healthz")) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        boolean expected = path.equals("/readyz") ? response.statusCode() == 200 || response.statusCode() == 503
                                : response.statusCode() == 200;
                        if (!expected) {
                            failures.merge(path + " " + response.statusCode(), 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        failures.merge(path + " " + e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    slowest.computeIfAbsent(path, p -> new AtomicLong()).accumulateAndGet(System.nanoTime() - start, Math::max);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void assertPublicSideAnsweredInTime() {
        // The figures for the closing note and BENCHMARKS.md; the assertion below is only a generous bound.
        slowest.forEach((path, nanos) -> System.out.printf("outage: slowest answer of %s: %.1f ms%n", path, nanos.get() / 1e6));
        assertThat(failures).as("answers other than 200 (503 allowed on /readyz)").isEmpty();
        assertThat(slowest).containsKeys("/", "/api/v2/summary.json", "/readyz", "/healthz");
        slowest.forEach((path, nanos) -> assertThat(Duration.ofNanos(nanos.get())).as("slowest answer of %s", path)
                .isLessThan(PUBLIC_BOUND));
    }

    private int storedSince(String monitor, Instant from) throws Exception {
        return storedBetween(monitor, from, Instant.now().plusSeconds(3600));
    }

    /** Read straight from the database, so the node's own read path is not what is tested here. */
    private int storedBetween(String monitor, Instant from, Instant to) throws Exception {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM check_results WHERE monitor_id = ? AND started_at >= ? AND started_at < ?")) {
            count.setString(1, monitor);
            count.setLong(2, from.toEpochMilli());
            count.setLong(3, to.toEpochMilli());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            return -1; // the database is away
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return NodeHttp.get(node, path);
    }

    private URI uri(String path) {
        return NodeHttp.uri(node, path);
    }
}
