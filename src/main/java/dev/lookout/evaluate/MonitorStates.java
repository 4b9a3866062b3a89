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
        /** Why a degradation signal (baseline, error rate, SLO burn) holds an UP monitor DEGRADED; null when none does. */
        CheckResult degradation;

        Entry(MonitorConfig config, MonitorStateMachine machine) {
            this.config = config;
            this.machine = machine;
        }

        /** The machine's state, except that a degradation signal turns UP into DEGRADED. */
        MonitorState state() {
            MonitorState raw = machine.state();
            return raw == MonitorState.UP && degradation != null ? MonitorState.DEGRADED : raw;
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
                MonitorState current = old != null ? old.state() : restored.getOrDefault(id, MonitorState.UNKNOWN);
                MonitorState target = monitor.paused() ? MonitorState.PAUSED
                        : current == MonitorState.PAUSED ? MonitorState.UNKNOWN : current;
                if (target != current) {
                    listener.accept(new StateChange(id, clock.instant(), current, target, null));
                }
                // A degradation signal held DEGRADED: the machine restarts from UP and the signal is kept.
                MonitorState machineState = old != null && old.degradation != null && target == MonitorState.DEGRADED
                        ? MonitorState.UP : target;
                Entry entry = new Entry(monitor, new MonitorStateMachine(monitor.failureThreshold(), monitor.successThreshold(),
                        machineState));
                entry.degradation = old != null && monitor.degradation().any() ? old.degradation : null;
                if (entry.state() != target) {
                    listener.accept(new StateChange(id, clock.instant(), target, entry.state(), null));
                }
                return entry;
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
            MonitorState before = entry.state();
            entry.machine.apply(result);
            MonitorState after = entry.state();
            if (after != before) {
                CheckResult cause = after == MonitorState.DEGRADED && entry.degradation != null
                        && result.outcome() == dev.lookout.check.Outcome.OK ? entry.degradation : result;
                change = new StateChange(result.monitorId(), result.startedAt(), before, after, cause);
                // Delivered inside the lock so that two quick results of one monitor are stored in order.
                listener.accept(change);
            }
        }
        return Optional.ofNullable(change);
    }

    /**
     * A degradation signal for the monitor: {@code signal} (a synthetic DEGRADED result saying why)
     * turns UP into DEGRADED until it is cleared with {@code null}. Returns the state change it
     * caused, if any (also given to the listener).
     */
    public Optional<StateChange> degradation(String monitorId, CheckResult signal, java.time.Instant at) {
        Entry entry = entries.get(monitorId);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            MonitorState before = entry.state();
            entry.degradation = signal;
            MonitorState after = entry.state();
            if (after == before) {
                return Optional.empty();
            }
            StateChange change = new StateChange(monitorId, at, before, after, signal);
            listener.accept(change);
            return Optional.of(change);
        }
    }

    /**
     * Takes states decided elsewhere, without a state change: another node's verdict on a monitor
     * this node does not check, or the stored state of a monitor this node takes over (its next
     * results count from there, as after a restart). Paused monitors and monitors not configured
     * here are left alone.
     *
     * @param stillElsewhere asked again for each monitor as it is set: a monitor this node has begun to check
     *                       meanwhile keeps the state its own results gave it
     */
    public void restore(Map<String, MonitorState> decided, java.util.function.Predicate<String> stillElsewhere) {
        decided.forEach((id, state) -> entries.computeIfPresent(id, (key, old) -> {
            synchronized (old) {
                if (!stillElsewhere.test(id) || old.machine.state() == MonitorState.PAUSED || state == MonitorState.PAUSED || old.state() == state) {
                    return old;
                }
                return new Entry(old.config, new MonitorStateMachine(old.config.failureThreshold(),
                        old.config.successThreshold(), state));
            }
        }));
    }

    /**
     * Takes over monitors another node checked: each goes on from its stored state and from its
     * newest results (newest first), which give the counts of consecutive failures and successes
     * so far, so that a DOWN two failures away on the old owner is one failure away here too.
     * Monitors not in {@code decided} keep their state; paused ones are left alone.
     */
    public void adopt(Map<String, MonitorState> decided, Map<String, java.util.List<CheckResult>> newestResults) {
        Set<String> ids = new HashSet<>(decided.keySet());
        ids.addAll(newestResults.keySet());
        for (String id : ids) {
            entries.computeIfPresent(id, (key, old) -> {
                synchronized (old) {
                    MonitorState state = decided.getOrDefault(id, old.machine.state());
                    if (old.machine.state() == MonitorState.PAUSED || state == MonitorState.PAUSED) {
                        return old;
                    }
                    return new Entry(old.config, MonitorStateMachine.continuing(old.config.failureThreshold(),
                            old.config.successThreshold(), state, newestResults.getOrDefault(id, java.util.List.of())));
                }
            });
        }
    }

    /** How many of their newest results {@link #adopt} needs for these monitors: one short of their largest threshold. */
    public int resultsToAdopt(Collection<String> monitorIds) {
        int depth = 0;
        for (String id : monitorIds) {
            Entry entry = entries.get(id);
            if (entry != null) {
                depth = Math.max(depth, Math.max(entry.config.failureThreshold(), entry.config.successThreshold()) - 1);
            }
        }
        return depth;
    }

    public MonitorState state(String monitorId) {
        Entry entry = entries.get(monitorId);
        return entry == null ? MonitorState.UNKNOWN : entry.state();
    }

    public Map<String, MonitorState> snapshot() {
        Map<String, MonitorState> out = new java.util.TreeMap<>();
        entries.forEach((id, e) -> out.put(id, e.state()));
        return out;
    }
}
