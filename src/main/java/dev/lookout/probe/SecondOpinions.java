package dev.lookout.probe;

import dev.lookout.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The probes' view of monitors a node checks alone, asked for while that node's mass-failure
 * guard holds them. Every declared probe is given the held monitors with its assignment (see
 * {@link Assignments#of}); their results are kept here, never stored as the monitor's result and
 * never moving its state. The guard then knows, rather than waits: a monitor the probes see DOWN
 * too is confirmed at once, one they see UP is the node's own problem and stays held.
 *
 * <p>What is asked comes from the stored guards of every node sharing the database, so that a
 * probe talking to another node of a cluster is asked too; it is read at most once per
 * {@link #REFRESH}. Thread-safe.
 */
public final class SecondOpinions {
    /** How stale the list of held monitors may be. */
    public static final Duration REFRESH = Duration.ofSeconds(2);

    /** What the probes that answered say of a monitor since it was held. */
    public enum Opinion {
        /** No probe answered since. */
        NONE,
        /** Every probe that answered saw it fail: the target is down. */
        DOWN,
        /** Most of the probes that answered reach it: the failure is the checking node's. */
        UP,
        /** The probes disagree among themselves. */
        SPLIT
    }

    private final Supplier<Map<String, Instant>> held;
    private final Supplier<Long> nanoTime;
    private volatile Map<String, Instant> asked = Map.of();
    private volatile long askedAtNanos;
    private volatile boolean read;
    /** By monitor, by probe: whether its newest result since the monitor was held reached the target, and when. */
    private final Map<String, Map<String, Heard>> heard = new ConcurrentHashMap<>();

    private record Heard(Instant at, boolean up) {
    }

    /** @param held the monitors some node's guard holds now, each with since when (read from the database) */
    public SecondOpinions(Supplier<Map<String, Instant>> held) {
        this(held, System::nanoTime);
    }

    SecondOpinions(Supplier<Map<String, Instant>> held, Supplier<Long> nanoTime) {
        this.held = held;
        this.nanoTime = nanoTime;
    }

    /** The monitors the probes are asked about now, with since when; read again once {@link #REFRESH} is over. */
    public Map<String, Instant> asked() {
        long now = nanoTime.get();
        if (!read || now - askedAtNanos >= REFRESH.toNanos()) {
            Map<String, Instant> fresh;
            try {
                fresh = Map.copyOf(held.get());
            } catch (RuntimeException e) {
                return asked; // the database is away: the last list stands
            }
            asked = fresh;
            askedAtNanos = now;
            read = true;
            heard.keySet().retainAll(fresh.keySet());
        }
        return asked;
    }

    /** Whether the monitor is asked about now. */
    public boolean isAsked(String monitorId) {
        return asked().containsKey(monitorId);
    }

    /** Keeps a probe's result of a monitor it was asked about, if it was checked after the monitor was held. */
    public void heard(String probe, CheckResult result) {
        Instant since = asked().get(result.monitorId());
        if (since == null || result.startedAt().isBefore(since)) {
            return;
        }
        heard.computeIfAbsent(result.monitorId(), id -> new ConcurrentHashMap<>()).merge(probe,
                new Heard(result.startedAt(), !result.outcome().isFailure()), (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
    }

    /** What the probes say of the monitor since {@code since}. */
    public Opinion of(String monitorId, Instant since) {
        int up = 0;
        int down = 0;
        for (Heard one : heard.getOrDefault(monitorId, Map.of()).values()) {
            if (!one.at().isBefore(since)) {
                if (one.up()) {
                    up++;
                } else {
                    down++;
                }
            }
        }
        if (up + down == 0) {
            return Opinion.NONE;
        }
        if (up == 0) {
            return Opinion.DOWN;
        }
        return up > down ? Opinion.UP : Opinion.SPLIT;
    }

    /** Each probe that answered about the monitor since {@code since}: whether it reached the target. */
    public Map<String, Boolean> views(String monitorId, Instant since) {
        Map<String, Boolean> out = new TreeMap<>();
        heard.getOrDefault(monitorId, Map.of()).forEach((probe, one) -> {
            if (!one.at().isBefore(since)) {
                out.put(probe, one.up());
            }
        });
        return out;
    }
}
