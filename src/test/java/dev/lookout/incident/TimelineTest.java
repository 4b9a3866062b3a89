package dev.lookout.incident;

import static dev.lookout.incident.RecordedOutage.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertWrites;
import dev.lookout.incident.Timeline.Entry;
import dev.lookout.incident.Timeline.Kind;
import dev.lookout.incident.Timeline.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postmortem timeline of an outage played through the real state machine, alert engine and store. */
class TimelineTest {
    @TempDir
    Path dir;
    private RecordedOutage outage;

    @BeforeEach
    void start() throws Exception {
        outage = new RecordedOutage(dir);
    }

    @AfterEach
    void stop() {
        outage.close();
    }

    @Test
    void lists_what_the_monitors_alerting_and_operators_did_in_time_order() {
        Timeline t = outage.timelines.build(outage.play());

        assertThat(t.from()).isEqualTo(at("11:10:00"));
        assertThat(t.to()).as("the resolution").isEqualTo(at("12:40:00"));
        assertThat(t.monitorIds()).as("the monitors of the affected component only").containsExactly("shop", "shop-dns");
        assertThat(t.entries()).extracting(Entry::at, Entry::kind, Entry::source, Entry::text).containsExactly(
                tuple(at("11:58:00"), Kind.FIRST_DEGRADED_RESULT, "shop",
                        "first degraded result: latency < 300ms [degraded] failed (actual: 912ms)"),
                tuple(at("11:59:00"), Kind.STATE_CHANGE, "shop",
                        "UP → DEGRADED: latency < 300ms [degraded] failed (actual: 1204ms)"),
                tuple(at("11:59:00"), Kind.NOTIFICATION, "ops-slack",
                        "degraded notification about shop: delivered at 11:59:01 UTC"),
                tuple(at("12:00:00"), Kind.FIRST_FAILED_RESULT, "shop", "first failed check: connect: connection refused"),
                tuple(at("12:01:00"), Kind.STATE_CHANGE, "shop", "DEGRADED → DOWN: connect: connection refused"),
                tuple(at("12:01:00"), Kind.NOTIFICATION, "ops-slack", "down notification about shop: delivered at 12:01:03 UTC"),
                tuple(at("12:01:00"), Kind.NOTIFICATION, "oncall",
                        "down notification about shop: delivered at 12:01:20 UTC after 2 attempts"),
                tuple(at("12:05:00"), Kind.ACKNOWLEDGEMENT, "alice", "acknowledged the alert for shop"),
                tuple(at("12:05:00"), Kind.NOTIFICATION, "ops-slack", "acknowledged notification about shop: not delivered yet"),
                tuple(at("12:05:00"), Kind.NOTIFICATION, "oncall", "acknowledged notification about shop: not delivered yet"),
                tuple(at("12:10:00"), Kind.INCIDENT_UPDATE, "incident",
                        "investigating: Checkout fails for all users. (web: major_outage)"),
                tuple(at("12:20:00"), Kind.INCIDENT_UPDATE, "incident", "identified: A full disk | on the shop host."),
                tuple(at("12:30:00"), Kind.RECOVERY, "shop", "DOWN → UP"),
                tuple(at("12:30:00"), Kind.NOTIFICATION, "ops-slack", "recovered notification about shop: not delivered yet"),
                tuple(at("12:30:00"), Kind.NOTIFICATION, "oncall", "recovered notification about shop: not delivered yet"),
                tuple(at("12:40:00"), Kind.INCIDENT_UPDATE, "incident",
                        "resolved: This incident has been resolved. (web: operational)"));
        assertThat(t.truncated()).isFalse();
    }

    @Test
    void measures_detection_acknowledgement_and_recovery_between_the_events_it_names() {
        Timeline t = outage.timelines.build(outage.play());

        assertThat(t.timeToDetect()).isEqualTo(new Span(at("11:58:00"), "first degraded result of shop",
                at("11:59:00"), "shop UP → DEGRADED"));
        assertThat(t.timeToDetect().duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.timeToAcknowledge()).isEqualTo(new Span(at("11:59:00"),
                "degraded notification about shop to ops-slack", at("12:05:00"), "alice acknowledged the alert for shop"));
        assertThat(t.timeToAcknowledge().duration()).isEqualTo(Duration.ofMinutes(6));
        assertThat(t.timeToRecover()).isEqualTo(new Span(at("11:58:00"), "first degraded result of shop",
                at("12:30:00"), "shop back up"));
        assertThat(t.timeToRecover().duration()).isEqualTo(Duration.ofMinutes(32));
    }

    @Test
    void an_open_incident_runs_to_now_and_has_no_recovery_while_a_monitor_is_still_down() {
        Incident open = outage.playUntilIdentified();
        outage.clock.advance(Duration.ofMinutes(3));

        Timeline t = outage.timelines.build(open);

        assertThat(t.to()).isEqualTo(at("12:23:00"));
        assertThat(t.entries()).last().extracting(Entry::kind, Entry::text)
                .containsExactly(Kind.INCIDENT_UPDATE, "identified: A full disk | on the shop host.");
        assertThat(t.timeToDetect().duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.timeToAcknowledge().duration()).isEqualTo(Duration.ofMinutes(6));
        assertThat(t.timeToRecover()).as("the shop is still down").isNull();
    }

    @Test
    void a_monitor_still_down_at_the_resolution_makes_the_resolution_the_recovery() {
        Incident open = outage.playUntilIdentified();
        outage.clock.advance(Duration.ofMinutes(5));
        Incident resolved = outage.incidents.resolve(open.id(), "Resolved; the shop's check is being fixed.", Map.of());

        Timeline t = outage.timelines.build(resolved);

        assertThat(t.timeToRecover()).isEqualTo(new Span(at("11:58:00"), "first degraded result of shop",
                at("12:25:00"), "incident resolved"));
    }

    @Test
    void an_incident_without_affected_components_has_its_updates_and_no_durations() {
        outage.play();
        Incident paperwork = outage.incidents.open("Billing mails delayed", IncidentStatus.IDENTIFIED, Impact.MINOR,
                "Invoices go out a day late.", Map.of());

        Timeline t = outage.timelines.build(paperwork);

        assertThat(t.monitorIds()).isEmpty();
        assertThat(t.entries()).extracting(Entry::kind).containsExactly(Kind.INCIDENT_UPDATE);
        assertThat(t.timeToDetect()).isNull();
        assertThat(t.timeToAcknowledge()).isNull();
        assertThat(t.timeToRecover()).isNull();
    }

    @Test
    void a_flapping_monitor_shows_at_most_the_limit_of_state_changes_and_says_so() {
        Incident incident = outage.playUntilIdentified();
        for (int i = 0; i < TimelineBuilder.MAX_STATE_CHANGES; i++) {
            boolean down = i % 2 == 0;
            outage.store.alerts().append(new dev.lookout.evaluate.StateChange("shop", at("11:20:00").plusMillis(i),
                    down ? dev.lookout.evaluate.MonitorState.UP : dev.lookout.evaluate.MonitorState.DOWN,
                    down ? dev.lookout.evaluate.MonitorState.DOWN : dev.lookout.evaluate.MonitorState.UP, null),
                    AlertWrites.NONE);
        }
        outage.store.flush();

        Timeline t = outage.timelines.build(incident);

        assertThat(t.truncated()).isTrue();
        assertThat(t.entries()).filteredOn(e -> e.kind() == Kind.STATE_CHANGE || e.kind() == Kind.RECOVERY)
                .hasSize(TimelineBuilder.MAX_STATE_CHANGES);
        assertThat(TimelineMarkdown.render(t)).contains("Only the first 1000 state changes of the window are shown.");
    }

    @Test
    void the_markdown_export_is_a_time_and_event_table_with_the_three_durations() {
        String markdown = TimelineMarkdown.render(outage.timelines.build(outage.play()));

        assertThat(markdown).isEqualTo("""
                # Timeline of incident 1: Checkout down

                From 2026-03-10 11:10:00 to 2026-03-10 12:40:00 UTC; monitors: shop, shop-dns.

                | Time (UTC) | Event |
                |---|---|
                | 2026-03-10 11:58:00 | **shop** first degraded result: latency &lt; 300ms [degraded] failed (actual: 912ms) |
                | 2026-03-10 11:59:00 | **shop** UP → DEGRADED: latency &lt; 300ms [degraded] failed (actual: 1204ms) |
                | 2026-03-10 11:59:00 | **ops-slack** degraded notification about shop: delivered at 11:59:01 UTC |
                | 2026-03-10 12:00:00 | **shop** first failed check: connect: connection refused |
                | 2026-03-10 12:01:00 | **shop** DEGRADED → DOWN: connect: connection refused |
                | 2026-03-10 12:01:00 | **ops-slack** down notification about shop: delivered at 12:01:03 UTC |
                | 2026-03-10 12:01:00 | **oncall** down notification about shop: delivered at 12:01:20 UTC after 2 attempts |
                | 2026-03-10 12:05:00 | **alice** acknowledged the alert for shop |
                | 2026-03-10 12:05:00 | **ops-slack** acknowledged notification about shop: not delivered yet |
                | 2026-03-10 12:05:00 | **oncall** acknowledged notification about shop: not delivered yet |
                | 2026-03-10 12:10:00 | **incident** investigating: Checkout fails for all users. (web: major_outage) |
                | 2026-03-10 12:20:00 | **incident** identified: A full disk \\| on the shop host. |
                | 2026-03-10 12:30:00 | **shop** DOWN → UP |
                | 2026-03-10 12:30:00 | **ops-slack** recovered notification about shop: not delivered yet |
                | 2026-03-10 12:30:00 | **oncall** recovered notification about shop: not delivered yet |
                | 2026-03-10 12:40:00 | **incident** resolved: This incident has been resolved. (web: operational) |

                | Duration | Value | From | To |
                |---|---|---|---|
                | Time to detect | 1m 0s | 2026-03-10 11:58:00 first degraded result of shop | 2026-03-10 11:59:00 shop UP → DEGRADED |
                | Time to acknowledge | 6m 0s | 2026-03-10 11:59:00 degraded notification about shop to ops-slack | 2026-03-10 12:05:00 alice acknowledged the alert for shop |
                | Time to recover | 32m 0s | 2026-03-10 11:58:00 first degraded result of shop | 2026-03-10 12:30:00 shop back up |

                Detect: first failed or degraded result of an affected monitor → first state change to DOWN or \
                DEGRADED after it. Acknowledge: first problem alert → first acknowledgement after it. Recover: first \
                failed or degraded result → the last affected monitor back UP, or the incident's resolution if one \
                was not back UP by then. — means not measurable from what was stored.
                """);
    }

    @Test
    void the_documentation_shows_the_markdown_export_as_it_is() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("docs/incidents.md"));

        assertThat(readme).contains("```markdown\n" + TimelineMarkdown.render(outage.timelines.build(outage.play())) + "```\n");
    }

    @Test
    void markdown_cells_keep_hostile_text_on_one_line_and_out_of_html() {
        Timeline t = new Timeline(9, "Outage <b>|</b>", at("11:00:00"), at("12:00:00"), java.util.List.of("m"),
                java.util.List.of(new Entry(at("11:30:00"), Kind.INCIDENT_UPDATE, "incident",
                        "investigating: line one\n\n| a | b |\n<script>alert(1)</script> C:\\temp")),
                null, null, null, false);

        String markdown = TimelineMarkdown.render(t);

        assertThat(markdown).startsWith("# Timeline of incident 9: Outage &lt;b>\\|&lt;/b>\n")
                .contains("| 2026-03-10 11:30:00 | **incident** investigating: line one \\| a \\| b \\| "
                        + "&lt;script>alert(1)&lt;/script> C:\\\\temp |\n")
                .contains("| Time to detect | — | | |\n")
                .doesNotContain("<script>");
    }

    @Test
    void markdown_durations_match_the_times_shown_to_the_second() {
        Timeline t = new Timeline(3, "x", at("11:00:00"), at("12:00:00"), java.util.List.of(), java.util.List.of(),
                new Span(at("11:30:06").plusMillis(900), "first failed check of a", at("11:30:08").plusMillis(100), "a UP → DOWN"),
                null, null, false);

        assertThat(TimelineMarkdown.render(t)).contains("| Time to detect | 2s | 2026-03-10 11:30:06 first failed check of a"
                + " | 2026-03-10 11:30:08 a UP → DOWN |");
    }

    /** A stored history with alert episodes only, for the alerting entries alone. */
    private static MonitorHistory episodesOnly(java.util.List<MonitorHistory.AlertEpisode> episodes) {
        return new MonitorHistory() {
            @Override
            public java.util.List<dev.lookout.evaluate.StateChange> stateChanges(java.util.Collection<String> monitorIds,
                                                                                java.time.Instant from, java.time.Instant to, int limit) {
                return java.util.List.of();
            }

            @Override
            public java.util.Optional<dev.lookout.check.CheckResult> firstResult(String monitorId,
                    java.util.Set<dev.lookout.check.Outcome> outcomes, java.time.Instant from, java.time.Instant to) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.List<MonitorHistory.AlertEpisode> episodes(java.util.Collection<String> monitorIds,
                                                                       java.time.Instant from, java.time.Instant to, int limit) {
                return episodes.stream().filter(e -> monitorIds.contains(e.monitorId())).toList();
            }
        };
    }

    @Test
    void delivery_outcomes_read_as_sentences_and_only_a_problem_notification_starts_the_acknowledgement_time() {
        // An episode that began before the window: its alert is outside, its recovery notice inside.
        var before = new MonitorHistory.AlertEpisode("shop@0", "shop", at("09:59:00"), at("11:20:00"), null, null,
                java.util.List.of(
                        new MonitorHistory.Notification("slack", "DOWN", at("10:00:00"), "delivered", 1, at("10:00:01"), null,
                                at("10:00:01")),
                        new MonitorHistory.Notification("slack", "RECOVERED", at("11:20:00"), "pending", 0, null, null, null)));
        var again = new MonitorHistory.AlertEpisode("shop@1", "shop", at("11:29:00"), null, at("11:50:00"), null,
                java.util.List.of(
                        new MonitorHistory.Notification("pager", "DOWN", at("11:30:00"), "pending", 2, at("11:31:00"),
                                "HTTP 503 from events.example.com", null),
                        new MonitorHistory.Notification("mail", "ESCALATED", at("11:40:00"), "dead", 11, at("11:45:00"),
                                "HTTP 550 mailbox unavailable (after 12 attempts)", null)));
        TimelineBuilder builder = new TimelineBuilder(episodesOnly(java.util.List.of(before, again)),
                c -> java.util.List.of("shop"), outage.clock, TimelineBuilder.DEFAULT_LOOKBACK);
        outage.clock.advance(Duration.between(outage.clock.instant(), at("11:35:00")));
        Incident incident = outage.incidents.open("Shop down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Down.",
                Map.of("web", AffectedStatus.MAJOR_OUTAGE));
        outage.clock.advance(Duration.ofHours(1));

        Timeline t = builder.build(incident);

        assertThat(t.entries()).filteredOn(e -> e.kind() != Kind.INCIDENT_UPDATE)
                .extracting(Entry::at, Entry::source, Entry::text).containsExactly(
                tuple(at("11:20:00"), "slack", "recovered notification about shop: not delivered yet"),
                tuple(at("11:30:00"), "pager", "down notification about shop: not delivered yet, 2 attempts failed"
                        + " (last error: HTTP 503 from events.example.com)"),
                tuple(at("11:40:00"), "mail", "escalated notification about shop: not delivered, given up"
                        + " (last error: HTTP 550 mailbox unavailable (after 12 attempts))"),
                tuple(at("11:50:00"), "someone", "acknowledged the alert for shop"));
        assertThat(t.from()).isEqualTo(at("10:35:00"));
        assertThat(t.timeToAcknowledge()).as("from the alert, not from the earlier recovery notice").isEqualTo(new Span(
                at("11:30:00"), "down notification about shop to pager", at("11:50:00"),
                "someone acknowledged the alert for shop"));
    }

    @Test
    void its_problem_kinds_are_the_alert_kinds_that_announce_a_problem() {
        for (AlertKind kind : AlertKind.values()) {
            assertThat(TimelineBuilder.announcesProblem(kind.name())).as(kind.name()).isEqualTo(kind.isProblem());
        }
    }
}
