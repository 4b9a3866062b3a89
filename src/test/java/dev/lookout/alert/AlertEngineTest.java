package dev.lookout.alert;

import static dev.lookout.alert.AlertFixture.T0;
import static dev.lookout.evaluate.MonitorState.DEGRADED;
import static dev.lookout.evaluate.MonitorState.DOWN;
import static dev.lookout.evaluate.MonitorState.UNKNOWN;
import static dev.lookout.evaluate.MonitorState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertEngineTest {
    private static final String CONFIG = """
            server: { public_url: "https://status.example.com" }
            components: [ { id: api, name: Public API } ]
            monitors:
              - { id: api, type: tcp, host: 127.0.0.1, port: 1, component: api, tags: [prod] }
              - { id: db, type: tcp, host: 127.0.0.1, port: 2, tags: [prod] }
              - { id: blog, type: tcp, host: 127.0.0.1, port: 3 }
            channels:
              - { id: slack, type: test }
              - { id: pager, type: test }
              - { id: boss, type: test }
            alerting:
              group_window: 30s
              routes:
                - { tags: [prod], channels: [slack], on: [down, degraded, recovered] }
                - monitors: [api]
                  channels: [pager]
                  repeat: 30m
                  escalate: [ { after: 10m, channels: [boss] } ]
            """;

    @TempDir
    Path dir;
    private AlertFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void a_monitor_going_down_notifies_each_matching_channel_once_and_its_recovery_only_those() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.onStateChange(f.change("blog", UP, DOWN)); // no route matches blog
        f.advance(Duration.ofMinutes(3));
        engine.onStateChange(f.change("api", DOWN, UP));

        String episode = "api@" + T0.toEpochMilli();
        assertThat(f.keys()).containsExactly(episode + "/slack/down", episode + "/pager/down", episode + "/slack/recovered",
                episode + "/pager/recovered"); // the pager route reports down and recovered by default
        NotificationRecord down = f.notifications().getFirst();
        MonitorAlert alert = AlertJson.alert(down.body());
        assertThat(alert.monitorName()).isEqualTo("api");
        assertThat(alert.component()).isEqualTo("Public API");
        assertThat(alert.cause()).isEqualTo("HTTP 503");
        assertThat(alert.failedConditions()).containsExactly(new FailedCondition("status == 200", "503"));
        assertThat(alert.monitorUrl()).hasToString("https://status.example.com/api/v1/monitors/api");
        assertThat(alert.ackUrl().toString()).startsWith("https://status.example.com/alerts/ack/");
        assertThat(f.store.lastStates()).containsEntry("api", UP);
        assertThat(f.store.outbox().episode(episode).orElseThrow().resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    }

    @Test
    void a_restart_restores_open_episodes_and_writes_nothing_again() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        int before = f.keys().size();

        AlertEngine restarted = f.engine(); // same store: what a restarted process sees
        restarted.tick();
        assertThat(f.keys()).hasSize(before);
        f.advance(Duration.ofMinutes(1));
        restarted.onStateChange(f.change("api", DOWN, UP));
        assertThat(f.keys()).as("the recovery goes to the channels the first process notified")
                .contains("api@" + T0.toEpochMilli() + "/pager/recovered");
    }

    @Test
    void a_node_that_takes_a_monitor_over_closes_the_episode_the_other_node_opened() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine first = f.engine();
        AlertEngine second = f.engine(); // another node on the same database
        first.onStateChange(f.change("api", UP, DOWN));
        String episode = "api@" + T0.toEpochMilli();

        first.release(java.util.Set.of("api"));
        f.store.flush(); // the first node's writer, before the handover ends
        second.adopt(java.util.Set.of("api"));
        second.adopt(java.util.Set.of("api")); // adopting twice keeps the one episode
        f.advance(Duration.ofMinutes(1));
        second.onStateChange(f.change("api", DOWN, UP));

        assertThat(f.keys()).containsExactly(episode + "/slack/down", episode + "/pager/down", episode + "/slack/recovered",
                episode + "/pager/recovered");
        assertThat(first.openEpisodeIds()).isEmpty();
    }

    @Test
    void an_acknowledgement_on_a_node_that_does_not_hold_the_episode_is_told_by_the_node_that_does() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine holder = f.engine();
        AlertEngine other = f.engine();
        other.release(java.util.Set.of("api"));
        holder.onStateChange(f.change("api", UP, DOWN));
        String episode = "api@" + T0.toEpochMilli();
        f.store.flush();

        assertThat(other.acknowledge(episode, "alice")).isEqualTo(AlertEngine.AckResult.ACKNOWLEDGED);
        assertThat(other.acknowledge(episode, "bob")).isEqualTo(AlertEngine.AckResult.ALREADY_ACKNOWLEDGED);
        assertThat(f.keys()).noneMatch(k -> k.endsWith("/acknowledged"));
        holder.tick();
        holder.tick();
        assertThat(f.keys()).containsOnlyOnce(episode + "/slack/acknowledged").containsOnlyOnce(episode + "/pager/acknowledged");
        f.advance(Duration.ofMinutes(45));
        holder.tick();
        assertThat(f.keys()).as("acknowledged: no reminder, no escalation").noneMatch(k -> k.contains("/reminder")
                || k.contains("escalated"));
    }

    @Test
    void transitions_to_one_channel_within_the_group_window_wait_for_one_message() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofSeconds(10));
        engine.onStateChange(f.change("db", UP, DOWN));
        f.advance(Duration.ofSeconds(10));
        engine.onStateChange(f.change("db", DOWN, UP));
        f.advance(Duration.ofSeconds(40));
        engine.onStateChange(f.change("db", UP, DEGRADED));

        assertThat(f.notifications().stream().filter(n -> n.channelId().equals("slack")).map(NotificationRecord::dueAt))
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(30), T0.plusSeconds(60));
    }

    @Test
    void reminders_and_escalation_follow_the_clock_until_acknowledged() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        String episode = "api@" + T0.toEpochMilli();
        f.advance(Duration.ofMinutes(9));
        engine.tick();
        assertThat(f.keys()).doesNotContain(episode + "/boss/escalated-1");
        f.advance(Duration.ofMinutes(1));
        engine.tick();
        engine.tick();
        assertThat(f.keys()).containsOnlyOnce(episode + "/boss/escalated-1");
        f.advance(Duration.ofMinutes(65)); // a long pause: only the latest reminder, not a burst of the missed ones
        engine.tick();
        assertThat(f.keys()).contains(episode + "/pager/still-down-2").doesNotContain(episode + "/pager/still-down-1");

        assertThat(engine.acknowledge(episode, "alice")).isEqualTo(AlertEngine.AckResult.ACKNOWLEDGED);
        assertThat(engine.acknowledge(episode, "bob")).isEqualTo(AlertEngine.AckResult.ALREADY_ACKNOWLEDGED);
        assertThat(f.keys()).contains(episode + "/pager/acknowledged", episode + "/slack/acknowledged", episode + "/boss/acknowledged");
        int afterAck = f.keys().size();
        f.advance(Duration.ofHours(2));
        engine.tick();
        assertThat(f.keys()).as("no reminder after the acknowledgement").hasSize(afterAck);
        assertThat(f.store.outbox().episode(episode).orElseThrow().acknowledgedBy()).isEqualTo("alice");

        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DOWN, UP));
        assertThat(engine.acknowledge(episode, "carol")).isEqualTo(AlertEngine.AckResult.ALREADY_ACKNOWLEDGED);
        assertThat(engine.acknowledge("nope@1", "carol")).isEqualTo(AlertEngine.AckResult.UNKNOWN);
    }

    @Test
    void quiet_hours_hold_notifications_until_they_end_if_the_monitor_is_still_down() throws Exception {
        f = new AlertFixture(dir, """
                monitors: [ { id: api, type: tcp, host: 127.0.0.1, port: 1 } ]
                channels: [ { id: slack, type: test } ]
                alerting:
                  routes:
                    - channels: [slack]
                      quiet_hours: { from: "09:00", to: "11:00", timezone: Europe/Paris }
                """);
        AlertEngine engine = f.engine(); // T0 is 11:00 in Paris: just after the quiet hours
        f.now.set(Instant.parse("2026-11-23T09:30:00Z")); // 10:30 in Paris
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.tick();
        assertThat(f.keys()).isEmpty();
        f.now.set(Instant.parse("2026-11-23T10:00:00Z"));
        engine.tick();
        assertThat(f.keys()).containsExactly("api@" + Instant.parse("2026-11-23T09:30:00Z").toEpochMilli() + "/slack/down");
    }

    @Test
    void a_degraded_monitor_alerts_only_routes_that_ask_for_it_and_pausing_ends_the_episode_silently() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DEGRADED));
        assertThat(f.keys()).containsExactly("api@" + T0.toEpochMilli() + "/slack/degraded");
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("api", DEGRADED, UNKNOWN));
        assertThat(f.keys()).hasSize(1);
        assertThat(f.store.outbox().openEpisodes()).isEmpty();
    }

    @Test
    void after_its_own_downtime_lookout_says_once_how_long_it_was_down() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().tick();
        f.advance(Duration.ofMinutes(47));
        f.engine();
        f.engine(); // a second start right after: not down long enough to report
        assertThat(f.notifications()).extracting(NotificationRecord::channelId).containsExactlyInAnyOrder("slack", "pager");
        NotificationRecord notice = f.notifications().getFirst();
        assertThat(notice.kind()).isEqualTo("LOOKOUT_WAS_DOWN");
        assertThat(AlertJson.text(notice.body())).startsWith("Lookout on node-1 was not running from 2026-11-23T10:00:00Z to"
                + " 2026-11-23T10:47:00Z (47m)");
    }
}
