package dev.lookout.check;

import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.MonitorConfig;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one check under its deadline and gives the verdict: probe first, then the conditions
 * against what the probe saw. A check that throws is a bug, but still becomes a FAILED result
 * rather than a lost one.
 */
public final class CheckRunner {
    private final InstantSource clock;

    public CheckRunner(InstantSource clock) {
        this.clock = clock;
    }

    public CheckResult run(MonitorConfig monitor, Check check) {
        var startedAt = clock.instant();
        Deadline deadline = Deadline.after(monitor.timeout());
        Probe probe;
        try {
            probe = check.run(deadline);
        } catch (RuntimeException e) {
            probe = Probe.failed("internal error in " + monitor.type() + " check: " + e, Timings.totalOnly(deadline.elapsedMicros()));
        }
        return verdict(monitor, startedAt, probe);
    }

    /** The verdict on a probe made elsewhere (a heartbeat's ping): conditions only when the target was reached. */
    public static CheckResult verdict(MonitorConfig monitor, java.time.Instant startedAt, Probe probe) {
        return switch (probe.status()) {
            case TIMEOUT -> new CheckResult(monitor.id(), startedAt, Outcome.TIMEOUT, probe.message(), probe.timings(), List.of());
            case FAILED -> new CheckResult(monitor.id(), startedAt, Outcome.FAILED, probe.message(), probe.timings(), List.of());
            case REACHED -> judged(monitor, startedAt, probe);
        };
    }

    private static CheckResult judged(MonitorConfig monitor, java.time.Instant startedAt, Probe probe) {
        List<ConditionResult> results = new ArrayList<>(monitor.conditions().size());
        Outcome outcome = Outcome.OK;
        String message = probe.message();
        for (Condition condition : monitor.conditions()) {
            ConditionResult r = condition.evaluate(probe.observation());
            results.add(r);
            if (r.passed()) {
                continue;
            }
            String failure = r.condition() + " failed (actual: " + r.actual() + ")";
            if (!r.degradedOnly()) {
                if (outcome != Outcome.FAILED) {
                    message = failure;
                }
                outcome = Outcome.FAILED;
            } else if (outcome == Outcome.OK) {
                outcome = Outcome.DEGRADED;
                message = failure;
            }
        }
        return new CheckResult(monitor.id(), startedAt, outcome, message, probe.timings(), results);
    }
}
