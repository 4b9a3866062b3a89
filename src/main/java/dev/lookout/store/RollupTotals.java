package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import java.time.Instant;

/**
 * Running totals of one rollup: built from results by the batch writer, read back from rows and
 * merged for a summary. Latency counts only results that reached their target (OK or DEGRADED)
 * and measured a time: a timeout's duration is the timeout, not a latency, and would drag every
 * statistic towards it.
 */
final class RollupTotals {

    long count;
    long ok;
    long degraded;
    long failed;
    long latencyCount;
    double latencyMin = Double.NaN;
    double latencySum;
    double latencyMax = Double.NaN;
    LatencySketch sketch = new LatencySketch();

    void add(CheckResult result) {
        count++;
        switch (result.outcome()) {
            case OK -> ok++;
            case DEGRADED -> degraded++;
            case FAILED, TIMEOUT -> failed++;
        }
        // A heartbeat ping without a duration reached its target but measured nothing (total -1): no latency.
        if ((result.outcome() == Outcome.OK || result.outcome() == Outcome.DEGRADED) && result.timings().totalMicros() >= 0) {
            double millis = result.timings().totalMicros() / 1_000.0;
            latencyCount++;
            latencySum += millis;
            latencyMin = Double.isNaN(latencyMin) ? millis : Math.min(latencyMin, millis);
            latencyMax = Double.isNaN(latencyMax) ? millis : Math.max(latencyMax, millis);
            sketch.add(millis);
        }
    }

    void merge(RollupTotals other) {
        count += other.count;
        ok += other.ok;
        degraded += other.degraded;
        failed += other.failed;
        latencyCount += other.latencyCount;
        latencySum += other.latencySum;
        latencyMin = minIgnoringNaN(latencyMin, other.latencyMin);
        latencyMax = maxIgnoringNaN(latencyMax, other.latencyMax);
        sketch.merge(other.sketch);
    }

    /** Latency statistics are NaN when no result of the period reached its target. */
    RollupPeriod toPeriod(String monitorId, RollupPeriod.Granularity granularity, Instant periodStart) {
        double avg = latencyCount == 0 ? Double.NaN : latencySum / latencyCount;
        return new RollupPeriod(monitorId, granularity, periodStart, count, ok, degraded, failed,
                latencyMin, avg, latencyMax, sketch.quantile(0.95), sketch.quantile(0.5),
                sketch.quantile(0.99));
    }

    private static double minIgnoringNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double maxIgnoringNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
