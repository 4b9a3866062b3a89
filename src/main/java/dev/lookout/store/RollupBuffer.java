package dev.lookout.store;

import dev.lookout.check.CheckResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The rollup increments of the results written since the last rollup flush, per monitor,
 * granularity and period: the writer folds every committed batch in here instead of updating two
 * rollup rows per result, and writes each touched row once per flush.
 *
 * <p>Readers see stored rows plus these increments. The rows and the buffer change together when
 * a flush commits: the writer holds the {@linkplain #writeLock() write lock} for the commit and
 * the {@link #clear()}, and for every {@link #add}; a reader holds the {@linkplain #readLock()
 * read lock} while it queries the table and merges the buffer, so it sees a flushed increment
 * exactly once. Only the writer thread mutates the buffer.
 *
 * <p>A crash loses the buffer but not its increments: {@link #lastResultId()} is written as the
 * node's watermark with each flush, and on open the raw results above it are folded again.
 */
final class RollupBuffer {

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Per monitor, usually two entries (the current hour and day). Guarded by lock. */
    private final Map<String, Map<RollupAccumulator.Key, RollupTotals>> byMonitor = new HashMap<>();
    private int rows;
    /** Id of the last raw result folded in here (or stored before); 0 when none. Writer thread only. */
    private long lastResultId;

    Lock readLock() {
        return lock.readLock();
    }

    Lock writeLock() {
        return lock.writeLock();
    }

    /** Folds a committed batch in; {@code lastResultId} is the id of its last result. Writer thread. */
    void add(Iterable<CheckResult> results, long lastResultId) {
        lock.writeLock().lock();
        try {
            for (CheckResult result : results) {
                Map<RollupAccumulator.Key, RollupTotals> periods =
                        byMonitor.computeIfAbsent(result.monitorId(), m -> new HashMap<>(4));
                long started = result.startedAt().toEpochMilli();
                totalsOf(periods, new RollupAccumulator.Key(result.monitorId(), RollupPeriod.Granularity.HOUR,
                        started - Math.floorMod(started, HOUR_MILLIS))).add(result);
                totalsOf(periods, new RollupAccumulator.Key(result.monitorId(), RollupPeriod.Granularity.DAY,
                        started - Math.floorMod(started, DAY_MILLIS))).add(result);
            }
            this.lastResultId = Math.max(this.lastResultId, lastResultId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private RollupTotals totalsOf(Map<RollupAccumulator.Key, RollupTotals> periods, RollupAccumulator.Key key) {
        RollupTotals totals = periods.get(key);
        if (totals == null) {
            totals = new RollupTotals();
            periods.put(key, totals);
            rows++;
        }
        return totals;
    }

    /** Watermark recovered on open: results up to this id are in the stored rollups. Writer thread. */
    void startAfter(long storedWatermark) {
        lastResultId = Math.max(lastResultId, storedWatermark);
    }

    /**
     * Another database was accepted: its result ids start afresh, so the watermark is its own, not
     * the higher one of the database before; the rollups in memory are kept and go to it.
     */
    void restartAfter(long storedWatermark) {
        lastResultId = storedWatermark;
    }

    long lastResultId() {
        return lastResultId;
    }

    /** Number of rollup rows waiting for a flush. */
    int rows() {
        lock.readLock().lock();
        try {
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Everything to flush, in the order rows are locked in (see {@link RollupAccumulator}). Writer
     * thread only, so the totals do not change while the flush writes them.
     */
    List<Map.Entry<RollupAccumulator.Key, RollupTotals>> sorted() {
        lock.readLock().lock();
        try {
            List<Map.Entry<RollupAccumulator.Key, RollupTotals>> sorted = new ArrayList<>(rows);
            byMonitor.values().forEach(periods -> sorted.addAll(periods.entrySet()));
            sorted.sort(Map.Entry.comparingByKey(RollupAccumulator.ORDER));
            return sorted;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** After a committed flush; the caller holds the write lock across commit and clear. */
    void clear() {
        byMonitor.clear();
        rows = 0;
    }

    interface PeriodHandler {
        void accept(long periodStartMillis, RollupTotals totals);
    }

    /**
     * Passes the increments of one monitor and granularity with a period start in
     * {@code [fromMillis, toMillis)}; the caller holds the read lock and must not keep the totals.
     */
    void forEach(String monitorId, RollupPeriod.Granularity granularity, long fromMillis, long toMillis,
                 PeriodHandler handler) {
        Map<RollupAccumulator.Key, RollupTotals> periods = byMonitor.get(monitorId);
        if (periods == null) {
            return;
        }
        periods.forEach((key, totals) -> {
            if (key.granularity() == granularity && key.periodStartMillis() >= fromMillis
                    && key.periodStartMillis() < toMillis) {
                handler.accept(key.periodStartMillis(), totals);
            }
        });
    }
}
