package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;

/**
 * The state of one monitor, moved by its results. A monitor goes DOWN only after
 * {@code failureThreshold} consecutive failures and comes back after {@code successThreshold}
 * consecutive non-failures, so that one lost packet neither pages anyone nor hides an outage.
 * Once a monitor is UP, degraded results need the same confirmation as failures before the state
 * says DEGRADED; a monitor with no state yet (UNKNOWN) takes its first non-failing result as is,
 * because there is nothing to confirm against.
 * Not thread-safe: {@link MonitorStates} serialises access per monitor.
 */
final class MonitorStateMachine {
    private final int failureThreshold;
    private final int successThreshold;
    private MonitorState state;
    private int failures;
    private int degradedOrWorse;
    private int successes;
    private int oks;

    MonitorStateMachine(int failureThreshold, int successThreshold, MonitorState initial) {
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
        this.state = initial;
    }

    /**
     * A machine that goes on from another one's state and its newest results (newest first), as
     * when a monitor moves to another node: the counts of consecutive failures and successes are
     * taken from the results, each at most one short of its threshold, so that the next result
     * decides as it would have on the old owner (and no transition happens without one).
     */
    static MonitorStateMachine continuing(int failureThreshold, int successThreshold, MonitorState state,
                                          java.util.List<CheckResult> newestFirst) {
        MonitorStateMachine machine = new MonitorStateMachine(failureThreshold, successThreshold, state);
        int failures = trailing(newestFirst, o -> o.isFailure());
        int degradedOrWorse = trailing(newestFirst, o -> o != Outcome.OK);
        int successes = trailing(newestFirst, o -> !o.isFailure());
        int oks = trailing(newestFirst, o -> o == Outcome.OK);
        machine.failures = Math.min(failures, failureThreshold - 1);
        machine.degradedOrWorse = Math.min(degradedOrWorse, failureThreshold - 1);
        machine.successes = Math.min(successes, successThreshold - 1);
        machine.oks = Math.min(oks, successThreshold - 1);
        return machine;
    }

    private static int trailing(java.util.List<CheckResult> newestFirst, java.util.function.Predicate<Outcome> counted) {
        int n = 0;
        while (n < newestFirst.size() && counted.test(newestFirst.get(n).outcome())) {
            n++;
        }
        return n;
    }

    MonitorState state() {
        return state;
    }

    /** Applies one result and returns the new state (the same one when nothing changed). */
    MonitorState apply(CheckResult result) {
        Outcome outcome = result.outcome();
        if (outcome.isFailure()) {
            failures++;
            degradedOrWorse++;
            successes = 0;
            oks = 0;
        } else {
            oks = outcome == Outcome.OK ? oks + 1 : 0;
            failures = 0;
            successes++;
            degradedOrWorse = outcome == Outcome.DEGRADED ? degradedOrWorse + 1 : 0;
        }
        state = next(outcome);
        return state;
    }

    private MonitorState next(Outcome outcome) {
        return switch (state) {
            case UNKNOWN, PAUSED -> {
                if (outcome.isFailure()) {
                    yield failures >= failureThreshold ? MonitorState.DOWN : state;
                }
                yield outcome == Outcome.DEGRADED ? MonitorState.DEGRADED : MonitorState.UP;
            }
            case UP -> {
                if (failures >= failureThreshold) {
                    yield MonitorState.DOWN;
                }
                yield degradedOrWorse >= failureThreshold ? MonitorState.DEGRADED : MonitorState.UP;
            }
            case DEGRADED -> {
                if (failures >= failureThreshold) {
                    yield MonitorState.DOWN;
                }
                yield oks >= successThreshold ? MonitorState.UP : MonitorState.DEGRADED;
            }
            case DOWN -> {
                if (outcome.isFailure() || successes < successThreshold) {
                    yield MonitorState.DOWN;
                }
                yield outcome == Outcome.DEGRADED ? MonitorState.DEGRADED : MonitorState.UP;
            }
        };
    }
}
