package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import dev.lookout.config.MonitorConfig;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The current state of every configured monitor. Results go in; state changes come out to the
 * listener (which stores them with the result that caused them). Restored from the store at
 * start, so a restart neither forgets an outage nor invents a recovery.
 */
public final class MonitorStates {
    private final InstantSource clock;
    private final Consumer<StateChange> listener;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final MonitorConfig config;
        final MonitorStateMachine machine;

        Entry(MonitorConfig config, MonitorStateMachine machine) {
            this.config = config;
            this.machine = machine;
        }
    }

    public MonitorStates(InstantSource clock, Consumer<StateChange> listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Adopts a (re)loaded set of monitors. Monitors whose definition did not change keep their
     * machine untouched; changed ones keep their current state but take the new thresholds;
     * {@code restored} supplies the state of monitors seen for the first time in this process.
     */
    public void configure(Collection<MonitorConfig> monitors, Map<String, MonitorState> restored) {
        Set<String> ids = new HashSet<>();
        for (MonitorConfig monitor : monitors) {
            ids.add(monitor.id());
            entries.compute(monitor.id(), (id, old) -> {
                if (old != null && old.config.sameDefinition(monitor)) {
                    return old;
                }
                MonitorState current = old != null ? old.machine.state() : restored.getOrDefault(id, MonitorState.UNKNOWN);
                MonitorState target = monitor.paused() ? MonitorState.PAUSED
                        : current == MonitorState.PAUSED ? MonitorState.UNKNOWN : current;
                if (target != current) {
                    listener.accept(new StateChange(id, clock.instant(), current, target, null));
                }
                return new Entry(monitor, new MonitorStateMachine(monitor.failureThreshold(), monitor.successThreshold(), target));
            });
        }
        entries.keySet().retainAll(ids);
    }

    /** Applies one result; returns the state change it caused, if any (also given to the listener). */
    public Optional<StateChange> onResult(CheckResult result) {
        Entry entry = entries.get(result.monitorId());
        if (entry == null) {
            return Optional.empty(); // removed by a reload while the check ran
        }
        StateChange change = null;
        synchronized (entry) {
            if (entry.machine.state() == MonitorState.PAUSED) {
                return Optional.empty();
            }
            MonitorState before = entry.machine.state();
            MonitorState after = entry.machine.apply(result);
            if (after != before) {
                change = new StateChange(result.monitorId(), result.startedAt(), before, after, result);
                // Delivered inside the lock so that two quick results of one monitor are stored in order.
                listener.accept(change);
            }
        }
        return Optional.ofNullable(change);
    }

    public MonitorState state(String monitorId) {
        Entry entry = entries.get(monitorId);
        return entry == null ? MonitorState.UNKNOWN : entry.machine.state();
    }

    public Map<String, MonitorState> snapshot() {
        Map<String, MonitorState> out = new java.util.TreeMap<>();
        entries.forEach((id, e) -> out.put(id, e.machine.state()));
        return out;
    }
}
