package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alert.channel.RecordingReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Issue 14's mass failure with real processes: {@code lookout serve} in its own JVM checks six
 * TCP targets that the test holds open and then closes all at once, a webhook channel for people
 * and one marked action report to a local receiver, and the node is killed with SIGKILL while the
 * guard holds its alerts and started again on the same SQLite file while everything is still down.
 */
class MassFailureProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MONITORS = 6;
    private static final Duration ALERTING = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private final List<ServerSocket> targets = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private NodeProcess lookout;

    @AfterEach
    void stop() throws Exception {
        if (lookout != null) {
            lookout.destroy();
        }
        receiver.close();
        vanish();
    }

    @Test
    void everything_failing_at_once_then_a_kill_and_a_restart_send_the_guards_message_first_and_fire_no_remediation()
            throws Exception {
        for (int i = 0; i < MONITORS; i++) {
            ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            targets.add(target);
            ports.add(target.getLocalPort());
        }
        int port = dev.lookout.FixedPorts.free();
        Path database = dir.resolve("data/lookout.db");
        lookout = new NodeProcess("guard-node", writeConfig(port, database), dir.resolve("lookout.log"), port).start();
        eventually("every target is checked UP", () -> ids().stream().map(this::state).allMatch("up"::equals));

        vanish();
        eventually("the guard has spoken", () -> !to("/ops").isEmpty());
        JsonNode first = to("/ops").getFirst().json();
        assertThat(first.path("kind").asText()).as(this::log).isEqualTo("monitoring-side-failure");
        assertThat(first.path("text").asText()).startsWith("Possible monitoring-side failure: 5 of 6 monitors failed within")
                .contains(" from guard-node. Their alerts are held for 10s until the next checks confirm them");
        // Killed once it marked the message delivered: killed in between, it would send it again after the restart under
        // the same delivery id, as designed (at least once), and the count of guard messages below would not hold.
        eventually("the guard's message is marked delivered", () -> undeliveredGuardMessages(database) == 0);

        lookout.kill();
        lookout.restart();
        eventually("the six alerts, confirmed by the checks", () -> alerted("down").size() == MONITORS);
        int received = receiver.requests().size();
        Awaitility.await("nothing more: no second trip, nothing again, no remediation").during(Duration.ofSeconds(12))
                .atMost(Duration.ofSeconds(20)).until(() -> running() && receiver.requests().size() == received);
        assertThat(to("/restart")).as(this::log).isEmpty();
        assertThat(to("/ops")).filteredOn(r -> r.json().path("kind").asText().equals("monitoring-side-failure")).hasSize(1);
        assertThat(alerted("down")).as("each once").doesNotHaveDuplicates();
        assertThat(guardActive(database)).isTrue();

        comeBack();
        eventually("the guard says it is over", () -> to("/ops").stream()
                .anyMatch(r -> r.json().path("text").asText().startsWith("The suspected monitoring-side failure on guard-node is over")));
        eventually("every recovery", () -> alerted("recovered").size() == MONITORS);
        assertThat(to("/restart")).as("nothing was ever remediated").isEmpty();
        assertThat(guardActive(database)).isFalse();
    }

    /** Waits for the condition, and fails at once with the node's log if it exits meanwhile. */
    private void eventually(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(ALERTING).pollInterval(Duration.ofMillis(100))
                .until(() -> running() && condition.call());
    }

    private boolean running() {
        lookout.crashed().ifPresent(why -> {
            throw new AssertionError(why + "\n" + log());
        });
        return true;
    }

    private String log() {
        return lookout.logTail(60);
    }

    private Path writeConfig(int port, Path database) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                server: { listen: "127.0.0.1:%d", node_name: guard-node }
                storage: { url: "sqlite:%s" }
                monitors:
                """.formatted(port, database)); // not beside the YAML: the config watcher would see every write
        for (int i = 0; i < MONITORS; i++) {
            yaml.append("  - { id: t%d, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms, failure_threshold: 1 }\n"
                    .formatted(i + 1, ports.get(i)));
        }
        yaml.append("""
                channels:
                  - { id: ops, type: webhook, url: "%s" }
                  - { id: restart, type: webhook, url: "%s" }
                alerting:
                  mass_failure: { window: 30s, confirm_after: 10s }
                  routes:
                    - { channels: [ops], on: [down, recovered] }
                    - { channels: [restart], on: [down], action: true }
                """.formatted(receiver.url("/ops"), receiver.url("/restart")));
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Every target stops listening: connections are refused from now on. */
    private void vanish() throws IOException {
        for (ServerSocket target : targets) {
            target.close();
        }
    }

    private void comeBack() throws IOException {
        targets.clear();
        for (int port : ports) {
            ServerSocket target = new ServerSocket();
            target.setReuseAddress(true);
            target.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            targets.add(target);
        }
    }

    private List<String> ids() {
        return java.util.stream.IntStream.rangeClosed(1, MONITORS).mapToObj(i -> "t" + i).toList();
    }

    private String state(String id) {
        try {
            return JSON.readTree(lookout.get("/api/v1/monitors/" + id).body()).path("state").asText();
        } catch (IOException notAnswering) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private List<RecordingReceiver.Request> to(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The monitors of the alerts of this kind the people's channel received, one entry per alert. */
    private List<String> alerted(String kind) {
        List<String> monitors = new ArrayList<>();
        for (RecordingReceiver.Request r : to("/ops")) {
            r.json().path("alerts").forEach(a -> {
                if (a.path("kind").asText().equals(kind)) {
                    monitors.add(a.path("monitor_id").asText());
                }
            });
        }
        return monitors;
    }

    /** The guard's messages the node has not yet marked delivered. */
    private static int undeliveredGuardMessages(Path database) throws Exception {
        return readOnly(database, "SELECT count(*) FROM notifications WHERE kind = 'MONITORING_SIDE_FAILURE' AND status = 'pending'");
    }

    private static boolean guardActive(Path database) throws Exception {
        return readOnly(database, "SELECT count(*) FROM mass_failure_guards WHERE node = 'guard-node' AND tripped_at IS NOT NULL") > 0;
    }

    /** A count read without a write lock on the child's database. */
    private static int readOnly(Path database, String countQuery) throws Exception {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.setBusyTimeout(5_000);
        try (Connection c = sqlite.createConnection("jdbc:sqlite:" + database);
             ResultSet row = c.createStatement().executeQuery(countQuery)) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
