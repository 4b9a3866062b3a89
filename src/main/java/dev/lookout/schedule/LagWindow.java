package dev.lookout.schedule;

import java.util.Arrays;

/**
 * The most recent schedule-lag samples (a ring), from which percentiles are computed on demand.
 * Recording is a few nanoseconds under a lock nobody holds for long; reading sorts a copy, which
 * happens once a second (watchdog) or per metrics scrape, not per check.
 */
final class LagWindow {
    private final long[] nanos;
    private final long[] at;
    private int next;
    private long total;

    LagWindow(int capacity) {
        this.nanos = new long[capacity];
        this.at = new long[capacity];
    }

    synchronized void record(long lagNanos, long nowNanos) {
        nanos[next] = lagNanos;
        at[next] = nowNanos;
        next = (next + 1) % nanos.length;
        total++;
    }

    /** Lags recorded since {@code sinceNanos}, sorted ascending. */
    synchronized long[] since(long sinceNanos) {
        int n = (int) Math.min(total, nanos.length);
        long[] out = new long[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (at[i] - sinceNanos >= 0) {
                out[count++] = nanos[i];
            }
        }
        long[] sorted = Arrays.copyOf(out, count);
        Arrays.sort(sorted);
        return sorted;
    }

    static double percentileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
