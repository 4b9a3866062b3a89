package dev.lookout.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The outbox across {@code kill -9}: Lookout runs as a child JVM ({@code lookout serve}) on a
 * SQLite file, with HTTP monitors aimed at a closed port (DOWN at the first check) and a webhook
 * channel to a {@link RecordingReceiver}. The test kills the child with SIGKILL at the moments
 * that matter, reads the outbox with JDBC, restarts the child and counts what the receiver got.
 */
class OutboxCrashTest {
    private static final String NODE = "crash-node";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    /** How long "nothing more arrives" is watched: several sender polls (250 ms) and checks (1 s). */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private final List<Process> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private RecordingReceiver receiver;
    private Path config;
    private Path database;
    private Path log;
    private int lookoutPort;
    private int closedPort;
    private int starts;

    @BeforeEach
    void paths() throws IOException {
        config = dir.resolve("lookout.yaml");
        database = dir.resolve("data/lookout.db"); // not beside the YAML: the config watcher would see every write
        log = dir.resolve("lookout.log");
        lookoutPort = freePort();
        closedPort = freePort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void a_notification_written_but_not_sent_before_a_kill_is_sent_once_after_the_restart() throws Exception {
        int receiverPort = freePort(); // nothing listens there yet: every attempt is refused
        writeConfig(URI.create("http://127.0.0.1:" + receiverPort + "/hook"), "0s", "api");
        Process first = startLookout();
        eventually("the DOWN notification is written and has failed at least once", first,
                () -> down("api").stream().anyMatch(n -> n.status().equals("pending") && n.attempts() >= 1));
        Row written = single(down("api"));

        kill9(first);
        assertThat(single(down("api")).status()).as(this::childLog).isEqualTo("pending");
        receiver = new RecordingReceiver(receiverPort);
        Process second = startLookout();

        eventually("the notification is delivered after the restart", second,
                () -> single(down("api")).status().equals("delivered"));
        staysFor("no second delivery", second, () -> receiver.requests().size() == 1);
        RecordingReceiver.Request delivery = receiver.single();
        assertThat(delivery.header("X-Lookout-Delivery")).as(this::childLog).isEqualTo(written.deliveryId());
        assertThat(delivery.json().path("id").asText()).isEqualTo(written.deliveryId());
        JsonNode alert = delivery.json().path("alerts").get(0);
        assertThat(alert.path("monitor_id").asText()).isEqualTo("api");
        assertThat(alert.path("kind").asText()).isEqualTo("down");
        assertThat(alert.path("episode").asText()).isEqualTo(written.episodeId());
        assertThat(notifications()).as(this::childLog).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("delivered"));
    }

    @Test
    void a_notification_sent_but_not_marked_before_a_kill_is_sent_again_with_the_same_delivery_id() throws Exception {
        receiver = new RecordingReceiver().hold(); // records each request, answers only on release()
        writeConfig(receiver.url("/hook"), "0s", "api");
        Process first = startLookout();
        eventually("the receiver has the DOWN notification and holds its answer", first, () -> receiver.requests().size() == 1);
        Row sent = single(down("api"));
        assertThat(sent.status()).as(this::childLog).isEqualTo("pending");
        assertThat(sent.claimedBy()).as("claimed by the sender that is waiting for the answer").isEqualTo(NODE);

        kill9(first);
        receiver.release();
        assertThat(single(down("api")).status()).as(this::childLog).isEqualTo("pending");
        Process second = startLookout();

        eventually("the notification is delivered again and marked", second,
                () -> single(down("api")).status().equals("delivered"));
        staysFor("no third delivery", second, () -> receiver.requests().size() == 2);
        List<RecordingReceiver.Request> requests = receiver.requests();
        assertThat(requests).extracting(r -> r.header("X-Lookout-Delivery")).as(this::childLog)
                .containsExactly(sent.deliveryId(), sent.deliveryId());
        assertThat(requests).extracting(r -> r.json().path("alerts").get(0).path("episode").asText() + " "
                + r.json().path("alerts").get(0).path("kind").asText())
                .containsExactly(sent.episodeId() + " down", sent.episodeId() + " down");

        kill9(second);
        Process third = startLookout();
        long before = lastResultId();
        eventually("the restarted node runs checks again", third, () -> lastResultId() >= before + 3);
        staysFor("nothing more is sent after a further restart", third, () -> receiver.requests().size() == 2);
        assertThat(notifications()).as(this::childLog).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("delivered"));
    }

    @Test
    void a_restart_after_a_delivered_notification_does_not_alert_again_while_the_monitor_stays_down() throws Exception {
        receiver = new RecordingReceiver();
        writeConfig(receiver.url("/hook"), "0s", "api");
        Process first = startLookout();
        eventually("the DOWN notification is delivered", first, () -> down("api").stream().anyMatch(n -> n.status().equals("delivered")));
        long before = lastResultId();
        eventually("a few more failed checks are stored", first, () -> lastResultId() >= before + 2);

        kill9(first);
        Process second = startLookout();
        long restarted = lastResultId();
        eventually("the restarted node checks the monitor (still down) a few times", second,
                () -> lastResultId() >= restarted + 3);
        staysFor("no notification after the restart", second, () -> receiver.requests().size() == 1);
        assertThat(notifications()).as(this::childLog).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("DOWN");
            assertThat(n.status()).isEqualTo("delivered");
        });
        assertThat(query("SELECT count(*) FROM state_events WHERE monitor_id = 'api'", r -> r.getLong(1)))
                .as("one UNKNOWN -> DOWN, no state change after the restart").containsExactly(1L);
        assertThat(query("SELECT count(*) FROM alert_episodes WHERE resolved_at IS NULL", r -> r.getLong(1)))
                .as("the episode stays open").containsExactly(1L);
    }

    /**
     * Two monitors go down within the group window: the first notification goes at once, the
     * second waits for the window's end. The first is sent and the node is killed before it marks
     * it; after the restart both are due together and go as one message. A receiver that drops a
     * message whose X-Lookout-Delivery it has seen must still get the second monitor's alert.
     */
    @Test
    void a_delivery_id_seen_before_a_kill_never_carries_new_alerts_after_the_restart() throws Exception {
        receiver = new RecordingReceiver().hold();
        writeConfig(receiver.url("/hook"), "2s", "api", "db");
        Process first = startLookout();
        eventually("the first notification is held by the receiver and the second one is written", first,
                () -> receiver.requests().size() == 1 && notifications().size() == 2);
        long lastDue = notifications().stream().mapToLong(Row::dueAt).max().orElseThrow();

        kill9(first);
        receiver.release();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > lastDue);
        Process second = startLookout();
        eventually("both notifications are delivered", second,
                () -> notifications().stream().allMatch(n -> n.status().equals("delivered")));

        Map<String, Set<String>> alertsById = new HashMap<>();
        Set<String> deduplicated = new LinkedHashSet<>();
        for (RecordingReceiver.Request request : receiver.requests()) {
            Set<String> alerts = new HashSet<>();
            request.json().path("alerts").forEach(a -> alerts.add(a.path("monitor_id").asText() + " " + a.path("kind").asText()));
            Set<String> seen = alertsById.putIfAbsent(request.header("X-Lookout-Delivery"), alerts);
            if (seen == null) {
                deduplicated.addAll(alerts);
            } else {
                assertThat(alerts).as("one delivery id, one content\n" + childLog()).isEqualTo(seen);
            }
        }
        assertThat(deduplicated).as(this::childLog).containsExactlyInAnyOrder("api down", "db down");
    }

    // ---- the child process ----------------------------------------------------------------------

    private void writeConfig(URI hook, String groupWindow, String... monitors) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                server: { listen: "127.0.0.1:%d", node_name: %s }
                storage: { url: "sqlite:%s" }
                monitors:
                """.formatted(lookoutPort, NODE, database));
        for (String id : monitors) {
            yaml.append("""
                      - { id: %s, type: http, url: "http://127.0.0.1:%d/health", interval: 1s, timeout: 500ms,
                          failure_threshold: 1, conditions: [ "status == 200" ] }
                    """.formatted(id, closedPort));
        }
        yaml.append("""
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: %s
                  retry: { max_attempts: 1000, first_backoff: 100ms, max_backoff: 1s }
                  routes: [ { channels: [hook] } ]
                """.formatted(hook, groupWindow));
        Files.writeString(config, yaml);
    }

    /** Starts {@code lookout serve} in its own JVM and waits until it answers /healthz. */
    private Process startLookout() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Files.writeString(log, "==== start " + ++starts + " ====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process child = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        children.add(child);
        eventually("Lookout answers /healthz", child, STARTUP, () -> healthz() == 200);
        return child;
    }

    /** SIGKILL, and proof that the process is gone. */
    private void kill9(Process child) throws InterruptedException {
        long pid = child.pid();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child is gone within 10 s").isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("no process %d any more", pid).isEmpty();
        appendToLog("==== killed " + pid + " with SIGKILL ====\n");
    }

    private int healthz() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lookoutPort + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void eventually(String what, Process child, Callable<Boolean> condition) {
        eventually(what, child, DELIVERY, condition);
    }

    /** Waits for the condition; fails at once, with the child's log, when the child exits. */
    private void eventually(String what, Process child, Duration atMost, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!child.isAlive()) {
                    throw new AssertionError("Lookout exited with " + child.exitValue() + " while waiting until " + what
                            + "\n" + childLog());
                }
                return condition.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost.toSeconds() + " s\n" + childLog(), e);
        }
    }

    /** The condition holds for the whole {@link #QUIET} period. */
    private void staysFor(String what, Process child, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).during(QUIET).atMost(QUIET.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> child.isAlive() && condition.call());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": did not hold for " + QUIET.toSeconds() + " s (" + receiver.requests().size()
                    + " requests received)\n" + childLog(), e);
        }
    }

    private String childLog() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return "---- last lines of the child's output (" + log + ") ----\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(child output unreadable: " + e + ")";
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        return dev.lookout.FixedPorts.free(); // not an ephemeral port: see FixedPorts
    }

    // ---- the outbox, read from the child's SQLite file ---------------------------------------------

    record Row(long id, String deliveryId, String dedupKey, String episodeId, String kind, String status, int attempts, String claimedBy,
               long dueAt) {
    }

    private interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private List<Row> notifications() throws SQLException {
        return query("SELECT id, delivery_id, dedup_key, episode_id, kind, status, attempts, claimed_by, due_at"
                + " FROM notifications ORDER BY id", r -> new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getInt(7), r.getString(8), r.getLong(9)));
    }

    private List<Row> down(String monitorId) throws SQLException {
        return notifications().stream().filter(n -> n.kind().equals("DOWN") && n.episodeId().startsWith(monitorId + "@")).toList();
    }

    private long lastResultId() throws SQLException {
        return query("SELECT coalesce(max(id), 0) FROM check_results", r -> r.getLong(1)).getFirst();
    }

    private static Row single(List<Row> rows) {
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    /** Read-only, so that the test never creates the file or takes a write lock; empty before the schema exists. */
    private <T> List<T> query(String sql, Reader<T> reader) throws SQLException {
        if (!Files.exists(database)) {
            return List.of();
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.setBusyTimeout(5_000);
        try (Connection connection = sqlite.createConnection("jdbc:sqlite:" + database);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(reader.read(rows));
            }
            return out;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return List.of(); // the child is still migrating
            }
            throw e;
        }
    }
}
