package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.MonitorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorStatesTest {
    private final List<StateChange> changes = new ArrayList<>();
    private final MonitorStates states = new MonitorStates(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")), changes::add);

    private static MonitorConfig monitor(String id, int failureThreshold, boolean paused, String definition) {
        return new MonitorConfig(id, id, "tcp", "", Duration.ofSeconds(10), Duration.ofSeconds(5), null, failureThreshold, 1,
                paused, List.of(), null, definition);
    }

    private static CheckResult result(String id, Outcome outcome) {
        return new CheckResult(id, Instant.parse("2026-01-01T00:01:00Z"), outcome, "x", Timings.totalOnly(5), List.of());
    }

    @Test
    void every_state_change_is_emitted_with_the_result_that_caused_it() {
        states.configure(List.of(monitor("a", 1, false, "v1")), Map.of());
        CheckResult failed = result("a", Outcome.FAILED);
        states.onResult(result("a", Outcome.OK));
        states.onResult(failed);
        assertThat(changes).extracting(StateChange::from, StateChange::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MonitorState.UNKNOWN, MonitorState.UP),
                        org.assertj.core.groups.Tuple.tuple(MonitorState.UP, MonitorState.DOWN));
        assertThat(changes.get(1).cause()).isEqualTo(failed);
    }

    @Test
    void a_restored_state_is_kept_and_not_announced_again() {
        states.configure(List.of(monitor("a", 1, false, "v1")), Map.of("a", MonitorState.DOWN));
        assertThat(states.state("a")).isEqualTo(MonitorState.DOWN);
        states.onResult(result("a", Outcome.FAILED));
        assertThat(changes).isEmpty();
    }

    @Test
    void a_monitor_taken_over_goes_on_counting_from_the_old_owners_newest_results() {
        MonitorConfig down3up2 = new MonitorConfig("a", "a", "tcp", "", Duration.ofSeconds(10), Duration.ofSeconds(5), null, 3, 2,
                false, List.of(), null, "v1");
        MonitorConfig b = new MonitorConfig("b", "b", "tcp", "", Duration.ofSeconds(10), Duration.ofSeconds(5), null, 3, 2,
                false, List.of(), null, "v1");
        MonitorConfig c = new MonitorConfig("c", "c", "tcp", "", Duration.ofSeconds(10), Duration.ofSeconds(5), null, 3, 2,
                false, List.of(), null, "v1");
        states.configure(List.of(down3up2, b, c), Map.of());
        assertThat(states.resultsToAdopt(List.of("a", "b"))).as("one short of the largest threshold").isEqualTo(2);

        // a: UP, two failures so far on the old owner; b: DOWN, one success so far; c: UP, more failures than the
        // threshold (the old owner died before it decided): the next result decides, not the adoption itself.
        states.adopt(Map.of("a", MonitorState.UP, "b", MonitorState.DOWN, "c", MonitorState.UP), Map.of(
                "a", List.of(result("a", Outcome.FAILED), result("a", Outcome.FAILED), result("a", Outcome.OK)),
                "b", List.of(result("b", Outcome.OK), result("b", Outcome.FAILED)),
                "c", List.of(result("c", Outcome.FAILED), result("c", Outcome.FAILED), result("c", Outcome.FAILED))));
        assertThat(changes).isEmpty();
        assertThat(states.state("c")).isEqualTo(MonitorState.UP);

        states.onResult(result("a", Outcome.FAILED));
        states.onResult(result("b", Outcome.OK));
        states.onResult(result("c", Outcome.FAILED));
        assertThat(changes).extracting(StateChange::monitorId, StateChange::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", MonitorState.DOWN),
                org.assertj.core.groups.Tuple.tuple("b", MonitorState.UP),
                org.assertj.core.groups.Tuple.tuple("c", MonitorState.DOWN));
    }

    @Test
    void reload_keeps_the_state_of_unchanged_and_changed_monitors() {
        states.configure(List.of(monitor("a", 1, false, "v1"), monitor("b", 1, false, "v1")), Map.of());
        states.onResult(result("a", Outcome.FAILED));
        states.onResult(result("b", Outcome.FAILED));
        states.configure(List.of(monitor("a", 1, false, "v1"), monitor("b", 2, false, "v2")), Map.of());
        assertThat(states.state("a")).isEqualTo(MonitorState.DOWN);
        assertThat(states.state("b")).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void pausing_is_a_state_change_and_results_are_ignored_while_paused() {
        states.configure(List.of(monitor("a", 1, false, "v1")), Map.of());
        states.onResult(result("a", Outcome.OK));
        states.configure(List.of(monitor("a", 1, true, "v2")), Map.of());
        states.onResult(result("a", Outcome.FAILED));
        assertThat(states.state("a")).isEqualTo(MonitorState.PAUSED);
        assertThat(changes).last().satisfies(c -> {
            assertThat(c.to()).isEqualTo(MonitorState.PAUSED);
            assertThat(c.cause()).isNull();
        });
    }

    @Test
    void a_removed_monitor_is_forgotten_and_its_late_results_ignored() {
        states.configure(List.of(monitor("a", 1, false, "v1")), Map.of());
        states.configure(List.of(), Map.of());
        assertThat(states.onResult(result("a", Outcome.FAILED))).isEmpty();
        assertThat(states.snapshot()).isEmpty();
    }
}
