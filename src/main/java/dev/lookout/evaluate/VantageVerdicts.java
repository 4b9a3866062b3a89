package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.config.MonitorConfig;
import dev.lookout.config.ProbeConfig;
import dev.lookout.config.VantageConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One verdict from several vantage points (issue 14). For a monitor with {@code vantage:}, each
 * vantage point (the server, each probe) has its own verdict, confirmed like a single-place
 * monitor's state: DOWN after {@code failure_threshold} failures in a row from that point, UP
 * after {@code success_threshold} non-failures. The monitor's result is then what a quorum of the
 * healthy vantage points say: failed when enough of them are DOWN; DEGRADED, or up, when some but
 * fewer than a quorum are DOWN ({@code vantage.partial}); up when none is DOWN and enough are UP;
 * and nothing yet while the points are still confirming their first verdicts. A vantage point is healthy while its newest result is recent (two
 * intervals and the timeout) and, for a probe, while the probe is not silent: a probe that stops
 * reporting takes its vote with it instead of counting as failing.
 *
 * <p>The combined result names who saw what ("failed from probe-eu (connection refused); up from
 * server, probe-us") and carries the timings of the result that decided it; its thresholds are
 * already applied, so the monitor's state machine takes it with thresholds of one
 * ({@link #forStateMachine}).
 */
public final class VantageVerdicts {
    /** Margin beyond two intervals and the timeout before a vantage point's newest result is stale. */
    static final Duration STALE_MARGIN = Duration.ofSeconds(10);

    /** What a vantage point says about a monitor, and its newest result. */
    public record Point(String name, Verdict verdict, CheckResult latest, boolean healthy) {
    }

    /** A vantage point's own confirmed verdict. */
    public enum Verdict { UNKNOWN, UP, DOWN }

    private static final class Votes {
        CheckResult latest;
        int failures;
        int successes;
        Verdict verdict = Verdict.UNKNOWN;
    }

    private record Plan(MonitorConfig monitor, List<String> points) {
    }

    private final InstantSource clock;
    private volatile Map<String, Plan> plans = Map.of();
    private final Map<String, Map<String, Votes>> votes = new ConcurrentHashMap<>();
    private volatile Predicate<String> silent = probe -> false;

    public VantageVerdicts(InstantSource clock) {
        this.clock = clock;
    }

    /** Adopts a (re)loaded configuration: the monitors checked from more than the server alone. */
    public void configure(Collection<MonitorConfig> monitors, List<ProbeConfig> probes) {
        Map<String, Plan> next = new LinkedHashMap<>();
        for (MonitorConfig m : monitors) {
            if (!m.vantage().serverOnly()) {
                next.put(m.id(), new Plan(m, m.vantage().points(probes)));
            }
        }
        plans = Map.copyOf(next);
        votes.keySet().retainAll(next.keySet());
        next.forEach((id, plan) -> votes.computeIfPresent(id, (k, byPoint) -> {
            byPoint.keySet().retainAll(plan.points());
            return byPoint;
        }));
    }

    /** Which probes are silent now (their votes do not count until they report again). */
    public void silentProbes(Predicate<String> isSilent) {
        this.silent = isSilent;
    }

    /** Whether the monitor's results are combined here (it has vantage points other than the server). */
    public boolean combines(String monitorId) {
        return plans.containsKey(monitorId);
    }

    /**
     * The monitor as its state machine should see it: a monitor combined here has its thresholds
     * applied per vantage point already, so its machine decides on each combined result.
     */
    public MonitorConfig forStateMachine(MonitorConfig monitor) {
        return combines(monitor.id()) ? monitor.withThresholds(1, 1) : monitor;
    }

    /**
     * Takes one result from one vantage point; returns the monitor's combined result, or empty when
     * the monitor is not combined here, the vantage point is not one of its own, or no side has a
     * quorum yet.
     */
    public Optional<CheckResult> accept(String vantage, CheckResult result) {
        Plan plan = plans.get(result.monitorId());
        if (plan == null || !plan.points().contains(vantage)) {
            return Optional.empty();
        }
        Map<String, Votes> byPoint = votes.computeIfAbsent(result.monitorId(), id -> new ConcurrentHashMap<>());
        synchronized (byPoint) {
            Votes v = byPoint.computeIfAbsent(vantage, p -> new Votes());
            if (v.latest != null && !result.startedAt().isAfter(v.latest.startedAt())) {
                return Optional.empty(); // not newer than what this point already said: a replay, or read twice
            }
            count(v, result, plan.monitor());
            return combine(plan, byPoint, result);
        }
    }

    /** Each vantage point of the monitor with its verdict and newest result; empty when not combined here. */
    public List<Point> points(String monitorId) {
        Plan plan = plans.get(monitorId);
        if (plan == null) {
            return List.of();
        }
        Map<String, Votes> byPoint = votes.getOrDefault(monitorId, Map.of());
        Instant now = clock.instant();
        List<Point> out = new ArrayList<>();
        synchronized (byPoint) {
            for (String name : plan.points()) {
                Votes v = byPoint.get(name);
                out.add(v == null ? new Point(name, Verdict.UNKNOWN, null, false)
                        : new Point(name, v.verdict, v.latest, healthy(name, v, plan.monitor(), now)));
            }
        }
        return out;
    }

    private static void count(Votes v, CheckResult result, MonitorConfig monitor) {
        v.latest = result;
        if (result.outcome().isFailure()) {
            v.failures++;
            v.successes = 0;
            if (v.failures >= monitor.failureThreshold()) {
                v.verdict = Verdict.DOWN;
            }
        } else {
            v.successes++;
            v.failures = 0;
            if (v.successes >= monitor.successThreshold() || v.verdict == Verdict.UNKNOWN) {
                v.verdict = Verdict.UP;
            }
        }
    }

    private boolean healthy(String name, Votes v, MonitorConfig monitor, Instant now) {
        if (v.latest == null || (!name.equals(VantageConfig.SERVER) && silent.test(name))) {
            return false;
        }
        Duration stale = monitor.interval().multipliedBy(2).plus(monitor.timeout()).plus(STALE_MARGIN);
        return !v.latest.startedAt().plus(stale).isBefore(now);
    }

    private Optional<CheckResult> combine(Plan plan, Map<String, Votes> byPoint, CheckResult trigger) {
        Instant now = clock.instant();
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        int healthy = 0;
        for (String name : plan.points()) {
            Votes v = byPoint.get(name);
            if (v == null || !healthy(name, v, plan.monitor(), now)) {
                continue;
            }
            healthy++;
            if (v.verdict == Verdict.DOWN) {
                down.add(name);
            } else if (v.verdict == Verdict.UP) {
                up.add(name);
            }
        }
        if (healthy == 0) {
            return Optional.empty();
        }
        VantageConfig vantage = plan.monitor().vantage();
        int needed = vantage.needed(healthy);
        Outcome outcome;
        if (down.size() >= needed) {
            boolean allTimedOut = down.stream().allMatch(p -> byPoint.get(p).latest.outcome() == Outcome.TIMEOUT);
            outcome = allTimedOut ? Outcome.TIMEOUT : Outcome.FAILED;
        } else if (!down.isEmpty()) {
            outcome = vantage.partial() == VantageConfig.Partial.DEGRADED ? Outcome.DEGRADED : Outcome.OK;
        } else if (up.size() >= needed) {
            long degraded = up.stream().filter(p -> byPoint.get(p).latest.outcome() == Outcome.DEGRADED).count();
            outcome = degraded >= needed ? Outcome.DEGRADED : Outcome.OK;
        } else {
            return Optional.empty();
        }
        return Optional.of(new CheckResult(trigger.monitorId(), trigger.startedAt(), outcome,
                message(outcome, down, up, byPoint), trigger.timings(), trigger.conditions(), trigger.certificateNotAfter()));
    }

    /** "failed from probe-eu (connection refused), probe-us (timed out); up from server". */
    private static String message(Outcome outcome, List<String> down, List<String> up, Map<String, Votes> byPoint) {
        String failed = down.stream().map(p -> p + " (" + byPoint.get(p).latest.message() + ")")
                .collect(Collectors.joining(", "));
        String fine = String.join(", ", up);
        if (outcome.isFailure()) {
            return "failed from " + failed + (up.isEmpty() ? "" : "; up from " + fine);
        }
        if (down.isEmpty()) {
            return (outcome == Outcome.DEGRADED ? "degraded from " : "up from ") + fine;
        }
        return "up from " + fine + "; failed only from " + failed;
    }
}
