package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.StateChange;
import java.util.List;

/**
 * Reads back one monitor's raw results and state changes from a store, newest first, for tests
 * that check what was written. Lookout itself reads them otherwise (the last result, the last
 * states, a span for a timeline), so {@link Store} offers no such reads; the SQL store has them.
 */
public final class StoredHistory {

    private StoredHistory() {
    }

    /** Newest first, at most {@code limit}. */
    public static List<CheckResult> results(Store store, String monitorId, int limit) {
        return ((SqlStore) store).recentResults(monitorId, limit);
    }

    /** Newest first, at most {@code limit}. */
    public static List<StateChange> stateChanges(Store store, String monitorId, int limit) {
        return ((SqlStore) store).stateChanges(monitorId, limit);
    }
}
