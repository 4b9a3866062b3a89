package dev.lookout.cli;

import dev.lookout.alert.AlertEngine;
import dev.lookout.cluster.Ownership;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.schedule.Scheduler;
import dev.lookout.store.Store;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What moves with a monitor from one node to another: its state, the counts of its state machine
 * (from its newest results) and its open alert episodes, read from the database before the new
 * owner applies a result; and its rhythm: when the old owner died, a check soon, otherwise the
 * next check one interval after the old owner's last.
 */
final class MonitorHandover implements Ownership.Handover {
    /** Monitors taken from a node that died are checked within this, spread over it. */
    static final Duration TAKEOVER_SPREAD = Duration.ofSeconds(1);

    private final Store store;
    private final MonitorStates states;
    private final AlertEngine alerts;
    private final Scheduler scheduler;
    private final LatestResults latest;

    /** @param latest the newest result of each monitor, also those other nodes checked (when they ran last) */
    MonitorHandover(Store store, MonitorStates states, AlertEngine alerts, Scheduler scheduler, LatestResults latest) {
        this.store = store;
        this.states = states;
        this.alerts = alerts;
        this.scheduler = scheduler;
        this.latest = latest;
    }

    @Override
    public void adopt(Set<String> monitorIds, Set<String> checkSoon) {
        store.flush(); // what this node itself wrote for them, when it owned them before, is read back
        Map<String, MonitorState> stored = new HashMap<>(store.lastStates());
        stored.keySet().retainAll(monitorIds);
        // The counts so far (two failures of three) come from the newest results, whichever node wrote them.
        states.adopt(stored, store.newestResults(monitorIds, states.resultsToAdopt(monitorIds)));
        alerts.adopt(monitorIds);
    }

    @Override
    public void started(Set<String> monitorIds, Set<String> checkSoon) {
        scheduler.runSoon(checkSoon, TAKEOVER_SPREAD);
        // Handed over by a live node: its next check at the old owner's rhythm, not this node's own phase.
        Map<String, java.time.Instant> previousRuns = new HashMap<>();
        for (String id : monitorIds) {
            if (!checkSoon.contains(id)) {
                latest.get(id).ifPresent(r -> previousRuns.put(id, r.startedAt()));
            }
        }
        scheduler.continueAfter(previousRuns, TAKEOVER_SPREAD);
        scheduler.wake(monitorIds); // the rest, at this node's own rhythm
    }

    @Override
    public void release(Set<String> monitorIds) {
        alerts.release(monitorIds);
    }
}
