package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorStateMachineTest {

    private static CheckResult result(Outcome outcome) {
        return new CheckResult("m", Instant.EPOCH, outcome, "", Timings.totalOnly(1000), List.of());
    }

    private static MonitorState feed(MonitorStateMachine machine, Outcome... outcomes) {
        MonitorState s = machine.state();
        for (Outcome o : outcomes) {
            s = machine.apply(result(o));
        }
        return s;
    }

    @Test
    void a_new_monitor_is_up_after_its_first_good_result() {
        assertThat(feed(new MonitorStateMachine(3, 1, MonitorState.UNKNOWN), Outcome.OK)).isEqualTo(MonitorState.UP);
    }

    @Test
    void goes_down_only_after_failure_threshold_consecutive_failures() {
        var machine = new MonitorStateMachine(3, 1, MonitorState.UP);
        assertThat(feed(machine, Outcome.FAILED, Outcome.TIMEOUT)).isEqualTo(MonitorState.UP);
        assertThat(feed(machine, Outcome.FAILED)).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void a_success_between_failures_resets_the_count() {
        var machine = new MonitorStateMachine(3, 1, MonitorState.UP);
        assertThat(feed(machine, Outcome.FAILED, Outcome.FAILED, Outcome.OK, Outcome.FAILED, Outcome.FAILED))
                .isEqualTo(MonitorState.UP);
    }

    @Test
    void comes_back_up_after_success_threshold_consecutive_successes() {
        var machine = new MonitorStateMachine(1, 2, MonitorState.DOWN);
        assertThat(feed(machine, Outcome.OK)).isEqualTo(MonitorState.DOWN);
        assertThat(feed(machine, Outcome.FAILED, Outcome.OK)).isEqualTo(MonitorState.DOWN);
        assertThat(feed(machine, Outcome.OK)).isEqualTo(MonitorState.UP);
    }

    @Test
    void recovers_to_degraded_when_the_recovering_result_is_degraded() {
        var machine = new MonitorStateMachine(1, 1, MonitorState.DOWN);
        assertThat(feed(machine, Outcome.DEGRADED)).isEqualTo(MonitorState.DEGRADED);
        assertThat(feed(machine, Outcome.OK)).isEqualTo(MonitorState.UP);
    }

    @Test
    void degraded_results_need_the_same_confirmation_as_failures() {
        var machine = new MonitorStateMachine(2, 1, MonitorState.UP);
        assertThat(feed(machine, Outcome.DEGRADED)).isEqualTo(MonitorState.UP);
        assertThat(feed(machine, Outcome.DEGRADED)).isEqualTo(MonitorState.DEGRADED);
        assertThat(feed(machine, Outcome.FAILED)).isEqualTo(MonitorState.DEGRADED);
        assertThat(feed(machine, Outcome.FAILED)).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void a_new_monitor_that_keeps_failing_stays_unknown_until_the_threshold() {
        var machine = new MonitorStateMachine(2, 1, MonitorState.UNKNOWN);
        assertThat(feed(machine, Outcome.FAILED)).isEqualTo(MonitorState.UNKNOWN);
        assertThat(feed(machine, Outcome.FAILED)).isEqualTo(MonitorState.DOWN);
    }
}
