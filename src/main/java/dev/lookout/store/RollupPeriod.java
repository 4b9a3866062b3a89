package dev.lookout.store;

import java.time.Instant;

/**
 * Aggregated results of one monitor over one hour or one day: counts per outcome and latency
 * statistics of the results that reached their target. The p99, p95 and the median (p50) come from a mergeable
 * sketch, so that days merge from hours and ranges merge from days without keeping raw data.
 */
public record RollupPeriod(String monitorId, Granularity granularity, Instant periodStart, long count, long ok,
                           long degraded, long failed, double latencyMinMillis, double latencyAvgMillis,
                           double latencyMaxMillis, double latencyP95Millis, double latencyP50Millis,
                           double latencyP99Millis) {

    public enum Granularity { HOUR, DAY }

    /** Share of results that were not failures, or NaN when there were none. */
    public double uptime() {
        return count == 0 ? Double.NaN : (double) (count - failed) / count;
    }
}
