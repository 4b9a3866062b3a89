package dev.lookout.evaluate;

import dev.lookout.config.AlertingConfig.FlappingConfig;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts each monitor's state changes over a sliding window: more than the configured number
 * within the window and the monitor is flapping, until it has been stable for a while. Not
 * thread-safe: the alert engine calls it under its lock.
 */
public final class FlapDetector {
    private final Map<String, Deque<Instant>> changes = new HashMap<>();

    /** Records one state change; true when the monitor now has more than {@code transitions} within the window. */
    public boolean record(String monitorId, Instant at, FlappingConfig config) {
        if (!config.enabled()) {
            return false;
        }
        Deque<Instant> times = changes.computeIfAbsent(monitorId, id -> new ArrayDeque<>());
        times.addLast(at);
        Instant horizon = at.minus(config.window());
        while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
            times.removeFirst();
        }
        return times.size() > config.transitions();
    }

    /** The newest state change recorded for the monitor. */
    public Optional<Instant> lastChange(String monitorId) {
        Deque<Instant> times = changes.get(monitorId);
        return times == null || times.isEmpty() ? Optional.empty() : Optional.of(times.peekLast());
    }

    /** Whether a flapping monitor has now been without a change for {@code stableFor}; {@code since} counts when nothing is known. */
    public boolean stable(String monitorId, Instant now, Instant since, FlappingConfig config) {
        Instant last = lastChange(monitorId).orElse(since);
        return !now.isBefore(last.plus(config.stableFor()));
    }

    /** Forgets the monitor's changes (it was stable again, or removed). */
    public void forget(String monitorId) {
        changes.remove(monitorId);
    }
}
