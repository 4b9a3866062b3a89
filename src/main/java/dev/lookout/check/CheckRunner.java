package dev.lookout.check;

import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.MonitorConfig;
import java.time.InstantSource;
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
        return verdict(monitor, startedAt, probe, clock.instant());
    }

    /**
     * The verdict on a probe, also one made elsewhere (a heartbeat's ping): conditions only when the
     * target was reached. {@code now} is when the probe ended: what {@code age(...)} counts to.
     */
    public static CheckResult verdict(MonitorConfig monitor, java.time.Instant startedAt, Probe probe, java.time.Instant now) {
        return switch (probe.status()) {
            case TIMEOUT -> new CheckResult(monitor.id(), startedAt, Outcome.TIMEOUT, probe.message(), probe.timings(), List.of());
            case FAILED -> new CheckResult(monitor.id(), startedAt, Outcome.FAILED, probe.message(), probe.timings(), List.of());
            case REACHED -> judged(monitor, startedAt, probe, now);
        };
    }

    private static CheckResult judged(MonitorConfig monitor, java.time.Instant startedAt, Probe probe, java.time.Instant now) {
        List<ConditionResult> results = Condition.evaluateAll(monitor.conditions(), probe.observation(), now);
        Outcome outcome = Outcome.OK;
        String message = probe.message();
        for (ConditionResult r : results) {
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
        return new CheckResult(monitor.id(), startedAt, outcome, message, probe.timings(), results,
                certificateNotAfter(probe.observation()));
    }

    /** What a check type offers as {@code cert.not_after} (ISO-8601), whatever the type. */
    private static java.time.Instant certificateNotAfter(dev.lookout.condition.Observation observation) {
        return observation.value("cert.not_after").map(value -> {
            try {
                return java.time.Instant.parse(value.toString());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }).orElse(null);
    }
}
