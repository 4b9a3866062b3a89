package dev.lookout.store;

import dev.lookout.check.CheckResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rollup changes of one batch, per monitor, granularity and period, so that a batch of 500
 * results touches each rollup row once. Days are UTC days.
 */
final class RollupAccumulator {

    record Key(String monitorId, RollupPeriod.Granularity granularity, long periodStartMillis) {
    }

    /**
     * Sorted, so that every writer touches rows in the same order and two PostgreSQL nodes
     * merging into the same rows wait for each other instead of deadlocking.
     */
    static final Comparator<Key> ORDER = (a, b) -> {
        int c = a.granularity().compareTo(b.granularity());
        if (c == 0) {
            c = Long.compare(a.periodStartMillis(), b.periodStartMillis());
        }
        return c != 0 ? c : a.monitorId().compareTo(b.monitorId());
    };

    private final SortedMap<Key, RollupTotals> totals = new TreeMap<>(ORDER);

    void add(CheckResult result) {
        Instant started = result.startedAt();
        totalsOf(new Key(result.monitorId(), RollupPeriod.Granularity.HOUR,
                started.truncatedTo(ChronoUnit.HOURS).toEpochMilli())).add(result);
        totalsOf(new Key(result.monitorId(), RollupPeriod.Granularity.DAY,
                started.truncatedTo(ChronoUnit.DAYS).toEpochMilli())).add(result);
    }

    SortedMap<Key, RollupTotals> totals() {
        return totals;
    }

    boolean isEmpty() {
        return totals.isEmpty();
    }

    private RollupTotals totalsOf(Key key) {
        return totals.computeIfAbsent(key, k -> new RollupTotals());
    }

    /** The value of the {@code granularity} column. */
    static String code(RollupPeriod.Granularity granularity) {
        return switch (granularity) {
            case HOUR -> "h";
            case DAY -> "d";
        };
    }
}
