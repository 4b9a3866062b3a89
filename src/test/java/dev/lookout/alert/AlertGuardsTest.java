package dev.lookout.alert;

import static dev.lookout.alert.AlertFixture.T0;
import static dev.lookout.evaluate.MonitorState.DOWN;
import static dev.lookout.evaluate.MonitorState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.evaluate.MaintenanceCalendar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance, dependency folding, flapping and the mass-failure guard, on a real store with a controllable clock. */
class AlertGuardsTest {
    @TempDir
    Path dir;
    private AlertFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static String episode(String monitor, Instant at) {
        return monitor + "@" + at.toEpochMilli();
    }

    @Test
    void a_maintenance_window_holds_alerts_stores_the_failure_and_alerts_at_its_end_only_if_still_down() throws Exception {
        f = new AlertFixture(dir, """
                monitors:
                  - { id: db, type: tcp, host: 127.0.0.1, port: 1, tags: [batch] }
                  - { id: etl, type: tcp, host: 127.0.0.1, port: 2, tags: [batch] }
                channels: [ { id: slack, type: test } ]
                alerting:
                  routes: [ { channels: [slack] } ]
                maintenance:
                  - { id: backup, name: Nightly backup, tags: [batch], from: "2026-11-23T10:00:00Z", until: "2026-11-23T11:00:00Z" }
                """);
        AlertEngine engine = f.engine();
        f.advance(Duration.ofMinutes(5));
        Instant downAt = f.now.get();
        engine.onStateChange(f.change("db", UP, DOWN));
        engine.onStateChange(f.change("etl", UP, DOWN));
        f.advance(Duration.ofMinutes(10));
        engine.onStateChange(f.change("etl", DOWN, UP)); // back within the window: nobody hears of it
        f.advance(Duration.ofMinutes(30));
        engine.tick();
        assertThat(f.keys()).as("nothing during the window").isEmpty();
        assertThat(f.store.lastStates()).as("the failure is stored all the same").containsEntry("db", DOWN).containsEntry("etl", UP);

        f.now.set(Instant.parse("2026-11-23T11:00:00Z"));
        engine.tick();
        engine.tick();
        assertThat(f.keys()).containsExactly(episode("db", downAt) + "/slack/down");
    }

    @Test
    void a_scheduled_maintenance_of_the_component_holds_its_monitors_alerts() throws Exception {
        f = new AlertFixture(dir, """
                components: [ { id: api, name: API } ]
                monitors: [ { id: api, type: tcp, host: 127.0.0.1, port: 1, component: api } ]
                channels: [ { id: slack, type: test } ]
                alerting: { routes: [ { channels: [slack] } ] }
                """);
        Instant until = T0.plus(Duration.ofMinutes(20));
        AlertInputs inputs = new AlertInputs(new MaintenanceCalendar(() -> f.config,
                (component, at) -> component.equals("api") && at.isBefore(until)), id -> false, m -> true);
        AlertEngine engine = f.engine(inputs);
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.tick();
        assertThat(f.keys()).isEmpty();
        f.now.set(until);
        engine.tick();
        assertThat(f.keys()).containsExactly(episode("api", T0) + "/slack/down");
    }

    private static final String DEPENDENCIES = """
            components:
              - { id: web, name: Website, depends_on: [redis] }
            monitors:
              - { id: redis, name: Redis primary, type: tcp, host: 127.0.0.1, port: 1 }
              - { id: api, name: API, type: tcp, host: 127.0.0.1, port: 2, depends_on: [redis] }
              - { id: worker, name: Worker, type: tcp, host: 127.0.0.1, port: 3, depends_on: [api] }
              - { id: home, name: Home page, type: tcp, host: 127.0.0.1, port: 4, component: web }
            channels: [ { id: slack, type: test } ]
            alerting:
              group_window: 0s
              routes: [ { channels: [slack] } ]
            """;

    @Test
    void dependents_that_fail_with_their_parent_are_folded_into_its_alert() throws Exception {
        f = new AlertFixture(dir, DEPENDENCIES);
        Set<String> failing = new HashSet<>(Set.of("redis"));
        AlertEngine engine = f.engine(new AlertInputs(new MaintenanceCalendar(() -> f.config, MaintenanceCalendar.NO_SCHEDULED),
                failing::contains, m -> true));
        // The dependents reach their threshold first, while redis is failing but not yet confirmed down.
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.onStateChange(f.change("worker", UP, DOWN));
        engine.onStateChange(f.change("home", UP, DOWN));
        engine.tick();
        assertThat(f.keys()).as("held while their parent's verdict is pending").isEmpty();
        f.advance(Duration.ofSeconds(20));
        engine.onStateChange(f.change("redis", UP, DOWN));
        engine.tick();

        assertThat(f.keys()).containsExactly(episode("redis", T0.plusSeconds(20)) + "/slack/down");
        MonitorAlert root = AlertJson.alert(f.notifications().getFirst().body());
        assertThat(root.dependents()).containsExactly("API (api)", "Home page (home)", "Worker (worker)");

        f.advance(Duration.ofMinutes(5));
        engine.tick();
        failing.clear();
        engine.onStateChange(f.change("redis", DOWN, UP));
        engine.onStateChange(f.change("api", DOWN, UP));
        engine.onStateChange(f.change("home", DOWN, UP));
        engine.tick(); // the worker stays down on its own: now it is its own problem
        assertThat(f.keys()).containsExactlyInAnyOrder(episode("redis", T0.plusSeconds(20)) + "/slack/down",
                episode("redis", T0.plusSeconds(20)) + "/slack/recovered", episode("worker", T0) + "/slack/down");
    }

    @Test
    void a_dependent_failing_while_its_parent_is_down_stays_silent() throws Exception {
        f = new AlertFixture(dir, DEPENDENCIES);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("redis", UP, DOWN));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DOWN, UP));
        engine.tick();
        assertThat(f.keys()).containsExactly(episode("redis", T0) + "/slack/down");
    }

    @Test
    void a_flapping_monitor_is_alerted_once_and_then_quiet_until_stable() throws Exception {
        f = new AlertFixture(dir, """
                monitors: [ { id: api, type: tcp, host: 127.0.0.1, port: 1 } ]
                channels: [ { id: slack, type: test } ]
                alerting:
                  group_window: 0s
                  flapping: { transitions: 3, window: 10m, stable_for: 5m }
                  routes: [ { channels: [slack] } ]
                """);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DOWN, UP));
        f.advance(Duration.ofMinutes(1));
        Instant second = f.now.get();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DOWN, UP)); // the fourth change in 10 minutes: flapping
        for (int i = 0; i < 6; i++) {
            f.advance(Duration.ofSeconds(30));
            engine.onStateChange(f.change("api", i % 2 == 0 ? UP : DOWN, i % 2 == 0 ? DOWN : UP));
            engine.tick();
        }
        List<String> whileFlapping = f.keys();
        assertThat(whileFlapping).containsExactly(episode("api", T0) + "/slack/down", episode("api", T0) + "/slack/recovered",
                episode("api", second) + "/slack/down", episode("api", second) + "/slack/flapping");
        assertThat(f.notifications().getLast().kind()).isEqualTo("FLAPPING");
        assertThat(f.store.outbox().episode(episode("api", second)).orElseThrow().state()).isEqualTo("FLAPPING");

        f.advance(Duration.ofMinutes(4));
        engine.tick();
        assertThat(f.keys()).as("not yet stable for 5 minutes").hasSize(4);
        f.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(f.keys()).last().isEqualTo(episode("api", second) + "/slack/stable-recovered");
        assertThat(f.store.outbox().openEpisodes()).isEmpty();
    }

    @Test
    void a_flapping_monitor_that_settles_down_is_alerted_as_down() throws Exception {
        f = new AlertFixture(dir, """
                monitors: [ { id: api, type: tcp, host: 127.0.0.1, port: 1 } ]
                channels: [ { id: slack, type: test } ]
                alerting:
                  group_window: 0s
                  flapping: { transitions: 2, window: 10m, stable_for: 5m }
                  routes: [ { channels: [slack], on: [flapping, down, recovered] } ]
                """);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DOWN, UP));
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", UP, DOWN)); // third change: flapping, on the new episode
        f.advance(Duration.ofMinutes(5));
        engine.tick();
        Instant third = T0.plus(Duration.ofMinutes(2));
        assertThat(f.keys()).containsExactly(episode("api", T0) + "/slack/down", episode("api", T0) + "/slack/recovered",
                episode("api", third) + "/slack/flapping", episode("api", third) + "/slack/stable-down");
        assertThat(f.store.outbox().episode(episode("api", third)).orElseThrow().state()).isEqualTo("DOWN");
    }

    private static final String FLEET = """
            monitors:
              - { id: m1, type: tcp, host: 127.0.0.1, port: 1, tags: [prod] }
              - { id: m2, type: tcp, host: 127.0.0.1, port: 2, tags: [prod] }
              - { id: m3, type: tcp, host: 127.0.0.1, port: 3, tags: [prod] }
              - { id: m4, type: tcp, host: 127.0.0.1, port: 4, tags: [prod] }
              - { id: m5, type: tcp, host: 127.0.0.1, port: 5, tags: [prod] }
              - { id: m6, type: tcp, host: 127.0.0.1, port: 6, tags: [prod] }
            channels:
              - { id: slack, type: test }
              - { id: restart, type: test }
            alerting:
              group_window: 30s
              mass_failure: { share: 50%, min_monitors: 3, window: 1m, confirm_after: 2m }
              routes:
                - { channels: [slack] }
                - { tags: [prod], channels: [restart], action: true, on: [down] }
            """;

    @Test
    void many_monitors_failing_at_once_send_one_alert_hold_the_rest_and_release_only_the_confirmed() throws Exception {
        f = new AlertFixture(dir, FLEET);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("m1", UP, DOWN));
        f.advance(Duration.ofSeconds(10));
        engine.onStateChange(f.change("m2", UP, DOWN));
        f.advance(Duration.ofSeconds(30));
        engine.onStateChange(f.change("m3", UP, DOWN)); // 3 of 6 within 40 s: trips

        List<NotificationRecord> now = f.notifications();
        assertThat(now).extracting(NotificationRecord::kind).containsExactly("MONITORING_SIDE_FAILURE");
        assertThat(now.getFirst().channelId()).isEqualTo("slack");
        assertThat(now.getFirst().urgent()).as("not behind slack's group window, which m2's alert opened").isTrue();
        assertThat(now.getFirst().dueAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(AlertJson.text(now.getFirst().body())).startsWith(
                "Possible monitoring-side failure: 3 of 6 monitors failed within 40s from node-1.");

        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("m2", DOWN, UP)); // the re-check says m2 was fine
        engine.tick();
        assertThat(f.notifications()).hasSize(1);
        f.advance(Duration.ofMinutes(1)); // confirm_after is over: m1 and m3 are confirmed
        engine.tick();
        Instant t3 = T0.plusSeconds(40);
        assertThat(f.keys()).containsExactly("mass-failure/node-1/" + t3.toEpochMilli() + "/slack",
                episode("m1", T0) + "/slack/down", episode("m3", t3) + "/slack/down",
                "mass-failure-over/node-1/" + t3.toEpochMilli() + "/slack");
        engine.tick(); // the guard is over: the remediation route fires for the confirmed failures
        assertThat(f.keys()).contains(episode("m1", T0) + "/restart/down", episode("m3", t3) + "/restart/down")
                .noneMatch(k -> k.startsWith("m2@"));
    }

    @Test
    void remediation_routes_fire_nothing_while_the_failures_persist() throws Exception {
        f = new AlertFixture(dir, FLEET);
        AlertEngine engine = f.engine();
        for (String m : List.of("m1", "m2", "m3", "m4")) {
            engine.onStateChange(f.change(m, UP, DOWN));
            f.advance(Duration.ofSeconds(5));
        }
        f.advance(Duration.ofMinutes(10));
        engine.tick();
        engine.tick();
        assertThat(f.notifications()).extracting(NotificationRecord::channelId).doesNotContain("restart");
        assertThat(f.keys()).as("confirmed by the checks during the pause: sent, but not to the remediation hook")
                .contains(episode("m1", T0) + "/slack/down", episode("m4", T0.plusSeconds(15)) + "/slack/down");
    }

    @Test
    void a_few_failures_below_the_threshold_are_alerted_as_usual() throws Exception {
        f = new AlertFixture(dir, FLEET);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("m1", UP, DOWN));
        engine.onStateChange(f.change("m2", UP, DOWN));
        f.advance(Duration.ofSeconds(10));
        engine.tick(); // down_settle is over and no third one came: alerted
        assertThat(f.keys()).containsExactly(episode("m1", T0) + "/slack/down", episode("m2", T0) + "/slack/down");
        f.advance(Duration.ofSeconds(50));
        engine.tick(); // action_settle is over
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("m3", UP, DOWN)); // outside the 1-minute window of the other two
        f.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(f.notifications()).extracting(NotificationRecord::kind).containsOnly("DOWN").hasSize(6);
        assertThat(f.keys()).contains(episode("m3", T0.plusSeconds(120)) + "/restart/down");
    }
}
