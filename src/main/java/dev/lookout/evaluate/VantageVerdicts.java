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
import java.util.Set;
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
 * and nothing yet while the points are still confirming their first verdicts. A vantage point is
 * healthy while its newest result is recent (two intervals and the timeout) and, for a probe,
 * while the probe is not silent: a probe that stops reporting takes its vote with it instead of
 * counting as failing. A point not heard from yet counts against a failure (not against an up
 * verdict) for as long as a result takes to go stale, so that at a start the first point to
 * report a failure does not decide alone.
 *
 * <p>A vantage point that sees many of its monitors fail while the other vantage points see them
 * up is <em>suspect</em> (its own network, resolver or host is the likely problem): said once to
 * the {@link Suspicions} listener, and its votes do not count until few of its monitors fail
 * alone any more. How many is "many" is the mass-failure guard's rule
 * ({@code alerting.mass_failure}: a share of the point's monitors, at least {@code min_monitors}).
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

    /** @param since when this node began to combine the monitor's results (a point not heard from since is pending for a while) */
    private record Plan(MonitorConfig monitor, List<String> points, Instant since) {
    }

    /**
     * A vantage point became suspect ({@code suspect}) or is trusted again: {@code alone} of its
     * {@code population} monitors fail from it while another vantage point sees them up.
     */
    public record Suspicion(String point, boolean suspect, Instant at, int alone, int population, List<String> monitors) {
        public Suspicion {
            monitors = List.copyOf(monitors);
        }
    }

    /** Where suspicions go (the alert engine's system messages). */
    public interface Suspicions {
        void changed(Suspicion suspicion);
    }

    private final InstantSource clock;
    private volatile Map<String, Plan> plans = Map.of();
    private final Map<String, Map<String, Votes>> votes = new ConcurrentHashMap<>();
    private volatile Predicate<String> silent = probe -> false;
    private volatile dev.lookout.config.AlertingConfig.MassFailureConfig rule;
    private volatile Map<String, Integer> population = Map.of();
    /** By probe: its {@code silent_after}, how long a probe not heard from yet may still be on its way. */
    private volatile Map<String, Duration> silentAfter = Map.of();
    /** By vantage point: its monitors that fail from it alone while another point sees them up. */
    private final Map<String, Set<String>> aloneDown = new ConcurrentHashMap<>();
    /** The suspect vantage points, and since when. */
    private final Map<String, Instant> suspects = new ConcurrentHashMap<>();
    private volatile Suspicions suspicions = s -> {
    };

    public VantageVerdicts(InstantSource clock) {
        this.clock = clock;
    }

    /** Adopts a (re)loaded configuration: the monitors checked from more than the server alone. */
    public void configure(Collection<MonitorConfig> monitors, List<ProbeConfig> probes) {
        configure(monitors, probes, null);
    }

    /**
     * As {@link #configure(Collection, List)}, with the rule that makes a vantage point suspect
     * (the mass-failure guard's; null or disabled: no point is ever suspect).
     */
    public void configure(Collection<MonitorConfig> monitors, List<ProbeConfig> probes,
                          dev.lookout.config.AlertingConfig.MassFailureConfig suspectRule) {
        Map<String, Plan> next = new LinkedHashMap<>();
        Map<String, Integer> perPoint = new java.util.HashMap<>();
        Map<String, Plan> before = plans;
        Instant now = clock.instant();
        for (MonitorConfig m : monitors) {
            if (!m.vantage().serverOnly()) {
                Plan known = before.get(m.id());
                Plan plan = new Plan(m, m.vantage().points(probes), known == null ? now : known.since());
                next.put(m.id(), plan);
                plan.points().forEach(point -> perPoint.merge(point, 1, Integer::sum));
            }
        }
        rule = suspectRule;
        population = Map.copyOf(perPoint);
        silentAfter = probes.stream().collect(Collectors.toUnmodifiableMap(ProbeConfig::name, ProbeConfig::silentAfter));
        plans = Map.copyOf(next);
        aloneDown.values().forEach(ids -> ids.retainAll(next.keySet()));
        votes.keySet().retainAll(next.keySet());
        next.forEach((id, plan) -> votes.computeIfPresent(id, (k, byPoint) -> {
            byPoint.keySet().retainAll(plan.points());
            return byPoint;
        }));
    }

    /** Where a vantage point becoming suspect, or trusted again, is said. */
    public void suspicions(Suspicions listener) {
        this.suspicions = listener;
    }

    /** The suspect vantage points now. */
    public Set<String> suspects() {
        return Set.copyOf(suspects.keySet());
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
        return take(vantage, result, true);
    }

    /**
     * Takes one result from one vantage point of a monitor another node decides (in a cluster, read from the
     * results that node and the probes stored): the point's verdict and newest result follow it, so that
     * {@link #points} shows on every node what the owner's show, but nothing is combined here and no point is
     * judged suspect (the owner does both). Should this node take the monitor over, its points' verdicts go on
     * from there.
     */
    public void follow(String vantage, CheckResult result) {
        take(vantage, result, false);
    }

    private Optional<CheckResult> take(String vantage, CheckResult result, boolean decide) {
        Plan plan = plans.get(result.monitorId());
        if (plan == null || !plan.points().contains(vantage)) {
            return Optional.empty();
        }
        Map<String, Votes> byPoint = votes.computeIfAbsent(result.monitorId(), id -> new ConcurrentHashMap<>());
        synchronized (byPoint) {
            Votes v = byPoint.computeIfAbsent(vantage, p -> new Votes());
            // Compared to the millisecond, as stored: a result heard as received and read back from the database is one.
            if (v.latest != null && !millis(result.startedAt()).isAfter(millis(v.latest.startedAt()))) {
                return Optional.empty(); // not newer than what this point already said: a replay, or read twice
            }
            count(v, result, plan.monitor());
            if (!decide) {
                return Optional.empty();
            }
            alone(plan, byPoint);
            return combine(plan, byPoint, result);
        }
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Records which of the monitor's points fail alone (the only fresh one DOWN while another says UP), and who is suspect. */
    private void alone(Plan plan, Map<String, Votes> byPoint) {
        Instant now = clock.instant();
        String id = plan.monitor().id();
        boolean anyUp = false;
        int downs = 0;
        for (String name : plan.points()) {
            Votes v = byPoint.get(name);
            if (v != null && fresh(name, v, plan.monitor(), now)) {
                anyUp |= v.verdict == Verdict.UP;
                downs += v.verdict == Verdict.DOWN ? 1 : 0;
            }
        }
        for (String name : plan.points()) {
            Votes v = byPoint.get(name);
            boolean downAlone = anyUp && downs == 1 && v != null && v.verdict == Verdict.DOWN
                    && fresh(name, v, plan.monitor(), now);
            Set<String> ids = aloneDown.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet());
            if (downAlone ? ids.add(id) : ids.remove(id)) {
                judge(name, now);
            }
        }
    }

    /** Whether a vantage point becomes suspect, or trusted again, now that its count of lone failures changed. */
    private void judge(String point, Instant now) {
        var r = rule;
        int of = population.getOrDefault(point, 0);
        if (r == null || !r.enabled() || of < r.threshold(of)) {
            return;
        }
        Suspicion said = null;
        synchronized (suspects) {
            Set<String> ids = aloneDown.getOrDefault(point, Set.of());
            int threshold = r.threshold(of);
            if (!suspects.containsKey(point) && ids.size() >= threshold) {
                suspects.put(point, now);
                said = new Suspicion(point, true, now, ids.size(), of, List.copyOf(ids));
            } else if (suspects.containsKey(point) && ids.size() <= threshold / 2) {
                said = new Suspicion(point, false, suspects.remove(point), ids.size(), of, List.copyOf(ids));
            }
        }
        if (said != null) {
            suspicions.changed(said);
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

    /** Whether the point's vote counts: fresh, and not suspect. */
    private boolean healthy(String name, Votes v, MonitorConfig monitor, Instant now) {
        return fresh(name, v, monitor, now) && !suspects.containsKey(name);
    }

    /** Whether the point's newest result is recent and, for a probe, the probe is not silent. */
    private boolean fresh(String name, Votes v, MonitorConfig monitor, Instant now) {
        if (v.latest == null || (!name.equals(VantageConfig.SERVER) && silent.test(name))) {
            return false;
        }
        return !v.latest.startedAt().plus(stale(monitor)).isBefore(now);
    }

    /** How long after the start a point not heard from yet still counts as on its way. */
    private Duration patience(String point, MonitorConfig monitor) {
        Duration stale = stale(monitor);
        Duration silent = silentAfter.get(point);
        return silent != null && silent.compareTo(stale) > 0 ? silent : stale;
    }

    /** How old a point's newest result may be for its vote to count: two intervals, the timeout and a margin. */
    private static Duration stale(MonitorConfig monitor) {
        return monitor.interval().multipliedBy(2).plus(monitor.timeout()).plus(STALE_MARGIN);
    }

    private Optional<CheckResult> combine(Plan plan, Map<String, Votes> byPoint, CheckResult trigger) {
        Instant now = clock.instant();
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        int healthy = 0;
        int pending = 0;
        for (String name : plan.points()) {
            Votes v = byPoint.get(name);
            if (v == null) {
                // Not heard from yet: at first it may still disagree, so the first points to report cannot say DOWN
                // without it; once it has had the time a result takes to go stale (a probe: its silent_after, for a
                // probe may still be starting or waiting out its backoff), it is as silent as a stale one.
                pending += now.isBefore(plan.since().plus(patience(name, plan.monitor()))) ? 1 : 0;
                continue;
            }
            if (!healthy(name, v, plan.monitor(), now)) {
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
        Outcome outcome;
        if (down.size() >= vantage.needed(healthy + pending)) {
            boolean allTimedOut = down.stream().allMatch(p -> byPoint.get(p).latest.outcome() == Outcome.TIMEOUT);
            outcome = allTimedOut ? Outcome.TIMEOUT : Outcome.FAILED;
        } else if (!down.isEmpty()) {
            if (pending > 0) {
                return Optional.empty(); // the points not heard from yet may still make it a quorum
            }
            outcome = vantage.partial() == VantageConfig.Partial.DEGRADED ? Outcome.DEGRADED : Outcome.OK;
        } else if (up.size() >= vantage.needed(healthy)) {
            long degraded = up.stream().filter(p -> byPoint.get(p).latest.outcome() == Outcome.DEGRADED).count();
            outcome = degraded >= vantage.needed(healthy) ? Outcome.DEGRADED : Outcome.OK;
        } else {
            return Optional.empty();
        }
        return Optional.of(new CheckResult(trigger.monitorId(), trigger.startedAt(), outcome,
                message(outcome, down, up, byPoint), trigger.timings(), trigger.conditions(), trigger.certificateNotAfter()));
    }

    /**
     * "failed from probe-eu (connection refused), probe-us (timed out); up from server": each failing
     * point with its message and, when others got further, the phase where it stopped.
     */
    private static String message(Outcome outcome, List<String> down, List<String> up, Map<String, Votes> byPoint) {
        List<dev.lookout.check.Timings> passed = up.stream().map(p -> byPoint.get(p).latest.timings()).toList();
        String failed = down.stream().map(p -> p + " (" + byPoint.get(p).latest.message()
                + stoppedAt(byPoint.get(p).latest.timings(), passed) + ")").collect(Collectors.joining(", "));
        String fine = String.join(", ", up);
        Map<String, dev.lookout.check.Timings> answered = new LinkedHashMap<>();
        up.forEach(p -> answered.put(p, byPoint.get(p).latest.timings()));
        String slow = slowest(answered);
        if (outcome.isFailure()) {
            return "failed from " + failed + (up.isEmpty() ? "" : "; up from " + fine) + slow;
        }
        if (down.isEmpty()) {
            return (outcome == Outcome.DEGRADED ? "degraded from " : "up from ") + fine + slow;
        }
        return "up from " + fine + "; failed only from " + failed + slow;
    }

    /** A phase at least this many times as long as elsewhere, and {@link #SLOW_BY} longer, makes a point slow. */
    static final int SLOW_TIMES = 3;
    static final long SLOW_BY = 50_000;
    private static final String[] PHASES = {"DNS", "connect", "TLS", "first byte"};

    /**
     * Of the vantage points whose checks passed, the one whose network is the likely cause when their
     * times diverge: "; probe-eu slow at connect (912 ms against 21 ms elsewhere)" for the phase that
     * took it the most time beyond the median of the others (at least {@link #SLOW_TIMES} times as
     * long and {@link #SLOW_BY} µs longer). A slow DNS points at the point's resolver, a slow connect
     * or TLS at its network path, a slow first byte with fast connects at the target. Empty when
     * fewer than two points compare or none stands out.
     */
    static String slowest(Map<String, dev.lookout.check.Timings> byPoint) {
        if (byPoint.size() < 2) {
            return "";
        }
        Map<String, long[]> tookBy = new LinkedHashMap<>();
        byPoint.forEach((name, timings) -> tookBy.put(name, timings.phaseMicros()));
        String slowPoint = null;
        int slowPhase = -1;
        long worst = 0;
        long mine = 0;
        long usual = 0;
        for (var point : tookBy.entrySet()) {
            long[] took = point.getValue();
            for (int phase = 0; phase < PHASES.length; phase++) {
                int i = phase;
                long[] others = tookBy.entrySet().stream().filter(e -> !e.getKey().equals(point.getKey()))
                        .mapToLong(e -> e.getValue()[i]).filter(t -> t != dev.lookout.check.Timings.NONE)
                        .sorted().toArray();
                if (took[phase] == dev.lookout.check.Timings.NONE || others.length == 0) {
                    continue;
                }
                long median = others[(others.length - 1) / 2];
                long excess = took[phase] - median;
                if (took[phase] >= SLOW_TIMES * median && excess >= SLOW_BY && excess > worst) {
                    worst = excess;
                    slowPoint = point.getKey();
                    slowPhase = phase;
                    mine = took[phase];
                    usual = median;
                }
            }
        }
        if (slowPoint == null) {
            return "";
        }
        return "; " + slowPoint + " slow at " + PHASES[slowPhase] + " (" + dev.lookout.check.Timings.text(mine,
                java.util.Locale.ROOT) + " against " + dev.lookout.check.Timings.text(usual, java.util.Locale.ROOT)
                + " elsewhere)";
    }

    /**
     * Where a failed check stopped that the checks from the points that passed got beyond: its
     * first phase (DNS, connect, TLS, first byte) that did not happen while it did for most of
     * them, e.g. "; stopped at connect, which the others passed". Empty when there is nothing to
     * compare or the phases agree: then the message says it all.
     */
    static String stoppedAt(dev.lookout.check.Timings failed, List<dev.lookout.check.Timings> passed) {
        if (passed.isEmpty()) {
            return "";
        }
        String[] names = {"DNS", "connect", "TLS", "first byte"};
        long[] mine = phases(failed);
        for (int i = 0; i < names.length; i++) {
            int phase = i;
            long others = passed.stream().filter(t -> phases(t)[phase] != dev.lookout.check.Timings.NONE).count();
            if (mine[i] == dev.lookout.check.Timings.NONE && others * 2 > passed.size()) {
                return "; stopped at " + names[i] + ", which the others passed";
            }
        }
        return "";
    }

    private static long[] phases(dev.lookout.check.Timings t) {
        return new long[] {t.dnsMicros(), t.connectMicros(), t.tlsMicros(), t.firstByteMicros()};
    }
}
