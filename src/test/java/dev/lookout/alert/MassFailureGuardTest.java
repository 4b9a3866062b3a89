package dev.lookout.alert;

import static dev.lookout.alert.AlertFixture.T0;
import static dev.lookout.evaluate.MonitorState.DOWN;
import static dev.lookout.evaluate.MonitorState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.config.ChannelConfig;
import dev.lookout.evaluate.MassFailureGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mass-failure guard as an operator meets it (issue 14): the real engine, a real SQLite
 * outbox and the real sender, delivering to webhook channels on a local receiver, on a clock the
 * test moves. The sender runs every simulated second, the engine's tick every five, as on a node.
 * Six monitors, the defaults: five DOWN within a minute trip the guard.
 */
class MassFailureGuardTest {
    private static final List<String> FLEET = List.of("m1", "m2", "m3", "m4", "m5", "m6");
    private static final String GUARD_FIRST = "Possible monitoring-side failure: 5 of 6 monitors failed within 1s from node-1."
            + " Their alerts are held for 2m until the next checks confirm them, and routes marked action fire nothing until"
            + " fewer than 5 are down.";

    @TempDir
    Path dir;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private AlertFixture f;
    private AlertEngine engine;
    private OutboxSender sender;
    /** Simulated seconds since T0, for the engine's tick every five. */
    private long seconds;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
        receiver.close();
    }

    private void start(String monitors) throws Exception {
        f = new AlertFixture(dir, monitors + """
                channels:
                  - { id: ops, type: webhook, url: "%s" }
                  - { id: restart, type: webhook, url: "%s" }
                alerting:
                  group_window: 30s
                  routes:
                    - { channels: [ops], on: [down, recovered] }
                    - { channels: [restart], action: true, on: [down] }
                """.formatted(receiver.url("/ops"), receiver.url("/restart")), "sqlite:" + dir.resolve("t.db"),
                Channels.standard());
        startNode();
    }

    private void start() throws Exception {
        StringBuilder monitors = new StringBuilder("monitors:\n");
        for (int port = 1; port <= FLEET.size(); port++) {
            monitors.append("  - { id: m").append(port).append(", type: tcp, host: 127.0.0.1, port: ").append(port).append(" }\n");
        }
        start(monitors.toString());
    }

    /** The engine and the sender of one run of the node, on the fixture's store. */
    private void startNode() {
        engine = f.engine();
        Map<String, Channel> channels = new HashMap<>();
        for (ChannelConfig c : f.config.channels()) {
            channels.put(c.id(), Channels.standard().create(c, new ChannelContext(f.clock, Duration.ofSeconds(5),
                    "https://status.example.com", "node-1")));
        }
        sender = new OutboxSender(f.store.outbox(), () -> channels, () -> f.config.alerting(), "node-1", f.clock,
                Duration.ofSeconds(5), RandomGenerator.getDefault());
    }

    /** Lookout stops and starts again on the same database: nothing of the engine or the sender survives but what it stored. */
    private void restart() {
        f.store.close();
        f.store = f.open();
        startNode();
    }

    /** The monitors go DOWN 300 ms apart, the sender polling in between. */
    private void fail(List<String> monitors) throws Exception {
        change(monitors, UP, DOWN);
    }

    private void recover(List<String> monitors) throws Exception {
        change(monitors, DOWN, UP);
    }

    private void change(List<String> monitors, dev.lookout.evaluate.MonitorState from, dev.lookout.evaluate.MonitorState to)
            throws Exception {
        for (String m : monitors) {
            engine.onStateChange(f.change(m, from, to));
            send();
            f.advance(Duration.ofMillis(300));
        }
    }

    /** Simulated time passes: the sender every second, the engine's tick every five. */
    private void runFor(Duration d) throws Exception {
        for (long i = 0; i < d.toSeconds(); i++) {
            f.advance(Duration.ofSeconds(1));
            if (++seconds % 5 == 0) {
                engine.tick();
            }
            send();
        }
    }

    private void send() throws Exception {
        f.store.flush();
        sender.sendDue();
    }

    private List<RecordingReceiver.Request> to(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    private static String kind(RecordingReceiver.Request r) {
        return r.json().path("kind").asText();
    }

    private static Instant at(RecordingReceiver.Request r) {
        return Instant.parse(r.json().path("at").asText());
    }

    private static List<String> monitors(RecordingReceiver.Request r) {
        return r.json().path("alerts").valueStream().map(a -> a.path("monitor_id").asText()).sorted().toList();
    }

    private MassFailureGuard.State storedGuard() {
        return f.store.outbox().massFailureGuard("node-1");
    }

    @Test
    void all_monitors_failing_within_two_seconds_fire_no_remediation_and_the_first_message_names_the_monitoring_side()
            throws Exception {
        start();
        fail(FLEET);
        runFor(Duration.ofMinutes(5));

        assertThat(to("/restart")).as("no remediation while the cause is unclear").isEmpty();
        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure", "down");
        JsonNode first = ops.getFirst().json();
        assertThat(first.path("title").asText()).isEqualTo("Possible monitoring-side failure");
        assertThat(first.path("text").asText()).isEqualTo(GUARD_FIRST + "\n\nSeen from node-1 at 2026-11-23 10:00:01 UTC");
        assertThat(at(ops.getFirst())).as("as soon as the fifth went down").isEqualTo(T0.plusMillis(1200));
        assertThat(monitors(ops.get(1))).as("confirmed by the checks of the next two minutes, in one message").isEqualTo(FLEET);
        assertThat(at(ops.get(1))).isAfterOrEqualTo(T0.plusMillis(1200).plus(Duration.ofMinutes(2)));
        assertThat(storedGuard().active()).isTrue();
    }

    @Test
    void a_monitor_failing_alone_is_alerted_after_the_down_settle_and_remediated_after_the_action_settle() throws Exception {
        start();
        fail(List.of("m1"));
        runFor(Duration.ofMinutes(3));

        RecordingReceiver.Request down = to("/ops").getFirst();
        assertThat(monitors(down)).containsExactly("m1");
        assertThat(at(down)).as("down_settle (10s), at the next tick").isBetween(T0.plusSeconds(10), T0.plusSeconds(15));
        RecordingReceiver.Request action = to("/restart").getFirst();
        assertThat(kind(action)).isEqualTo("down");
        assertThat(at(action)).as("action_settle (the window, 1m), at the next tick").isBetween(T0.plusSeconds(60),
                T0.plusSeconds(65));
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void with_fewer_monitors_than_the_guard_needs_a_failure_is_alerted_at_once() throws Exception {
        start("""
                monitors:
                  - { id: m1, type: tcp, host: 127.0.0.1, port: 1 }
                  - { id: m2, type: tcp, host: 127.0.0.1, port: 2 }
                """);
        fail(List.of("m1"));
        assertThat(to("/ops")).extracting(MassFailureGuardTest::at).as("no mass failure possible: nothing to wait for")
                .containsExactly(T0);
        runFor(Duration.ofMinutes(2));
        assertThat(to("/restart")).extracting(MassFailureGuardTest::at).singleElement()
                .satisfies(at -> assertThat(at).isBetween(T0.plusSeconds(60), T0.plusSeconds(65)));
    }

    @Test
    void a_monitor_that_recovers_within_the_action_settle_is_not_remediated() throws Exception {
        start();
        fail(List.of("m1"));
        runFor(Duration.ofSeconds(30));
        recover(List.of("m1"));
        runFor(Duration.ofMinutes(2));

        assertThat(to("/ops")).extracting(MassFailureGuardTest::kind).containsExactly("down", "recovered");
        assertThat(to("/restart")).isEmpty();
    }

    @Test
    void an_acknowledged_problem_is_not_remediated() throws Exception {
        start();
        fail(List.of("m1"));
        runFor(Duration.ofSeconds(30));
        assertThat(engine.acknowledge(engine.openEpisodeIds().get("m1"), "alice")).isEqualTo(AlertEngine.AckResult.ACKNOWLEDGED);
        runFor(Duration.ofMinutes(2));

        assertThat(to("/ops")).extracting(MassFailureGuardTest::kind).containsExactly("down", "acknowledged");
        assertThat(to("/restart")).as("someone is on it").isEmpty();
    }

    @Test
    void the_guards_message_goes_out_at_once_inside_the_channels_group_window() throws Exception {
        start();
        fail(List.of("m1"));
        runFor(Duration.ofSeconds(15)); // m1's alert went at T0+10s: the next message to ops waits until T0+40s
        fail(FLEET.subList(1, FLEET.size()));
        send();

        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("down", "monitoring-side-failure");
        assertThat(at(ops.get(1))).as("not behind the group window").isBefore(T0.plusSeconds(20));
        runFor(Duration.ofMinutes(5));
        assertThat(to("/restart")).isEmpty();
    }

    @Test
    void a_restart_while_everything_is_still_down_releases_nothing_and_fires_no_remediation() throws Exception {
        start();
        fail(FLEET);
        runFor(Duration.ofSeconds(30));
        assertThat(receiver.requests()).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure");

        restart();
        Instant restartedAt = f.clock.instant();
        runFor(Duration.ofSeconds(110));
        assertThat(receiver.requests()).as("a restart confirms nothing").hasSize(1);
        assertThat(storedGuard().active()).isTrue();
        assertThat(storedGuard().holdUntil()).as("a new pause, from the restart").isEqualTo(restartedAt.plus(Duration.ofMinutes(2)));

        runFor(Duration.ofMinutes(1)); // the checks of this run confirmed them
        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure", "down");
        assertThat(monitors(ops.get(1))).isEqualTo(FLEET);
        assertThat(at(ops.get(1))).isAfterOrEqualTo(restartedAt.plus(Duration.ofMinutes(2)));
        assertThat(storedGuard().confirmed()).containsExactlyInAnyOrderElementsOf(FLEET);

        restart();
        runFor(Duration.ofMinutes(10));
        assertThat(receiver.requests()).as("nothing sent again, no remediation").hasSize(2);
        assertThat(storedGuard().active()).isTrue();
    }

    @Test
    void a_restart_that_finds_many_monitors_down_and_not_alerted_counts_as_a_possible_mass_failure() throws Exception {
        start();
        fail(FLEET);
        runFor(Duration.ofSeconds(30));
        // A database from before the guard was stored: the monitors are down, nothing about them was sent.
        f.store.outbox().write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-1", MassFailureGuard.State.INACTIVE)));

        restart();
        runFor(Duration.ofSeconds(5));
        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure",
                "monitoring-side-failure");
        assertThat(ops.get(1).json().path("text").asText()).startsWith("Possible monitoring-side failure: 6 of 6 monitors were"
                + " down when Lookout on node-1 started again. Their alerts are held for 2m until the next checks confirm them,"
                + " and routes marked action fire nothing until fewer than 5 are down.\n\n");
        runFor(Duration.ofMinutes(5));
        assertThat(to("/restart")).isEmpty();
        assertThat(to("/ops")).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure",
                "monitoring-side-failure", "down");
    }

    @Test
    void the_guard_clears_when_the_targets_recover_within_the_pause_and_says_nothing_was_confirmed() throws Exception {
        start();
        fail(FLEET);
        runFor(Duration.ofSeconds(40));
        recover(FLEET);
        runFor(Duration.ofMinutes(3));

        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure", "recovered");
        assertThat(ops.get(1).json().path("text").asText()).startsWith("The suspected monitoring-side failure on node-1 is"
                + " over: 0 of 6 monitors are down now; none of the 6 that failed was confirmed down, so none was alerted."
                + " Routes marked action fire again.\n\n");
        assertThat(ops.get(1).json().path("alerts")).as("no recovery of alerts nobody received").isEmpty();
        assertThat(to("/restart")).isEmpty();
        assertThat(storedGuard().active()).isFalse();
    }

    @Test
    void targets_down_past_the_pause_are_alerted_once_and_their_recovery_ends_the_guard() throws Exception {
        start();
        fail(FLEET);
        runFor(Duration.ofMinutes(3));
        recover(FLEET);
        runFor(Duration.ofMinutes(1));

        List<RecordingReceiver.Request> ops = to("/ops");
        assertThat(ops).extracting(MassFailureGuardTest::kind).containsExactly("monitoring-side-failure", "down", "recovered",
                "recovered", "recovered"); // the first recovery at once, the others one group window later
        assertThat(monitors(ops.get(1))).isEqualTo(FLEET);
        assertThat(ops.subList(2, 4).stream().flatMap(r -> monitors(r).stream()).sorted().toList()).isEqualTo(FLEET);
        assertThat(ops.get(4).json().path("text").asText()).startsWith("The suspected monitoring-side failure on node-1 is"
                + " over: 0 of 6 monitors are down now; 6 of the 6 that failed were confirmed down by the checks and alerted."
                + " Routes marked action fire again.\n\n");
        assertThat(to("/restart")).isEmpty();
    }
}
