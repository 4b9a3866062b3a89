package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.DegradationConfig;
import dev.lookout.config.MonitorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Degradation before outage, per monitor, from its results as they come (in memory):
 * <ul>
 * <li><b>latency</b>: the p95 of the latencies within a sliding window, against the monitor's own
 * baseline ({@link LatencyBaseline}: the median hourly p95 at this hour of day over the last 7
 * days), exceeded by the factor continuously for the configured time;</li>
 * <li><b>error rate</b>: the share of failed results within a sliding window;</li>
 * <li><b>SLO burn rate</b>, the multi-window, multi-burn-rate rule of the Google SRE workbook: the
 * error budget burning 14.4 times too fast over both 1 h and 5 min, or 6 times over both 6 h and
 * 30 min.</li>
 * </ul>
 * {@link #accept} returns a signal only when the verdict changes: a synthetic DEGRADED result that
 * says why (with the threshold as a failed condition and the measured value), or an empty result
 * when the monitor is no longer degraded. Thread-safe per monitor.
 */
public final class DegradationDetector {
    static final Duration SLO_LONG = Duration.ofHours(6);

    private final LatencyBaseline baseline;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** What changed: the monitor is degraded ({@code signal} present, why) or no longer ({@code signal} empty). */
    public record Change(String monitorId, Optional<CheckResult> signal) {
    }

    public DegradationDetector(LatencyBaseline baseline) {
        this.baseline = baseline;
    }

    /** Records a result of a monitor with degradation signals; returns a change of verdict, if any. */
    public Optional<Change> accept(MonitorConfig monitor, CheckResult result) {
        DegradationConfig config = monitor.degradation();
        if (!config.any()) {
            return Optional.empty();
        }
        Series s = series.computeIfAbsent(monitor.id(), id -> new Series());
        synchronized (s) {
            s.add(result);
            Optional<CheckResult> verdict = verdict(monitor, config, s, result.startedAt());
            boolean degraded = verdict.isPresent();
            if (degraded == s.degraded) {
                return Optional.empty();
            }
            s.degraded = degraded;
            return Optional.of(new Change(monitor.id(), verdict));
        }
    }

    /** Forgets monitors that are gone. */
    public void retain(java.util.Collection<String> monitorIds) {
        series.keySet().retainAll(monitorIds);
    }

    private Optional<CheckResult> verdict(MonitorConfig monitor, DegradationConfig config, Series s, Instant now) {
        if (config.latency() != null) {
            Optional<CheckResult> latency = latency(monitor, config.latency(), s, now);
            if (latency.isPresent()) {
                return latency;
            }
        } else {
            s.exceededSince = null;
        }
        if (config.errorRate() != null) {
            DegradationConfig.ErrorRate rule = config.errorRate();
            long[] counts = s.counts(now, rule.window());
            if (counts[0] >= rule.minSamples() && (double) counts[1] / counts[0] > rule.above()) {
                double rate = (double) counts[1] / counts[0];
                return Optional.of(signal(monitor, now, "error rate " + percent(rate) + " over " + text(rule.window())
                                + " (" + counts[1] + " of " + counts[0] + " failed)",
                        "error_rate <= " + percent(rule.above()), percent(rate)));
            }
        }
        if (config.slo() != null) {
            return burn(monitor, config.slo(), s, now);
        }
        return Optional.empty();
    }

    private Optional<CheckResult> latency(MonitorConfig monitor, DegradationConfig.Latency rule, Series s, Instant now) {
        double[] window = s.latencies(now, rule.window());
        OptionalDouble base = window.length < rule.minSamples() ? OptionalDouble.empty() : baseline.of(monitor.id(), now);
        if (base.isEmpty()) {
            s.exceededSince = null;
            return Optional.empty();
        }
        double p95 = p95(window);
        double limit = rule.factor() * base.getAsDouble();
        if (p95 <= limit) {
            s.exceededSince = null;
            return Optional.empty();
        }
        if (s.exceededSince == null) {
            s.exceededSince = now;
        }
        if (Duration.between(s.exceededSince, now).compareTo(rule.sustain()) < 0) {
            return Optional.empty();
        }
        return Optional.of(signal(monitor, now, String.format(java.util.Locale.ROOT,
                        "p95 latency %.0f ms over %s is %.1fx its baseline of %.0f ms, for %s", p95, text(rule.window()),
                        p95 / base.getAsDouble(), base.getAsDouble(), text(Duration.between(s.exceededSince, now))),
                String.format(java.util.Locale.ROOT, "latency.p95 <= %sx baseline (%.0f ms)", trim(rule.factor()), limit),
                String.format(java.util.Locale.ROOT, "%.0f ms", p95)));
    }

    private Optional<CheckResult> burn(MonitorConfig monitor, DegradationConfig.Slo slo, Series s, Instant now) {
        double[][] rules = {{14.4, 60, 5}, {6, 360, 30}}; // factor, long window min, short window min
        for (double[] rule : rules) {
            if (!s.covers(now, Duration.ofMinutes((long) rule[1]))) {
                continue; // a few early failures over a few minutes of data are not an hour's burn rate
            }
            double longBurn = burnRate(s, now, Duration.ofMinutes((long) rule[1]), slo);
            double shortBurn = burnRate(s, now, Duration.ofMinutes((long) rule[2]), slo);
            if (longBurn > rule[0] && shortBurn > rule[0]) {
                Duration exhausted = Duration.ofSeconds((long) (slo.window().toSeconds() / longBurn));
                return Optional.of(signal(monitor, now, String.format(java.util.Locale.ROOT,
                                "SLO %s over %s: error budget burning %.1fx over %s and %.1fx over %s (at this rate the budget"
                                        + " is gone in %s)", percent(slo.target()), text(slo.window()), longBurn,
                                text(Duration.ofMinutes((long) rule[1])), shortBurn, text(Duration.ofMinutes((long) rule[2])),
                                roughly(exhausted)),
                        String.format(java.util.Locale.ROOT, "burn_rate(%s) <= %s", text(Duration.ofMinutes((long) rule[1])),
                                trim(rule[0])),
                        String.format(java.util.Locale.ROOT, "%.1f", longBurn)));
            }
        }
        return Optional.empty();
    }

    private static double burnRate(Series s, Instant now, Duration window, DegradationConfig.Slo slo) {
        long[] counts = s.counts(now, window);
        return counts[0] == 0 ? 0 : ((double) counts[1] / counts[0]) / slo.budget();
    }

    private static CheckResult signal(MonitorConfig monitor, Instant at, String message, String condition, String actual) {
        return new CheckResult(monitor.id(), at, Outcome.DEGRADED, message, Timings.totalOnly(0),
                List.of(new ConditionResult(condition, false, true, actual)));
    }

    static double p95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length) - 1; // nearest-rank
        return sorted[Math.max(0, rank)];
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(Math.round(share * 100_000) / 1000.0).stripTrailingZeros().toPlainString() + "%";
    }

    private static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code 2.5 days}, {@code 7.2 h}, {@code 40 min}. */
    private static String roughly(Duration d) {
        double hours = d.toSeconds() / 3600.0;
        return hours >= 48 ? String.format(java.util.Locale.ROOT, "%.1f days", hours / 24)
                : hours >= 1 ? String.format(java.util.Locale.ROOT, "%.1f h", hours)
                : Math.max(1, d.toMinutes()) + " min";
    }

    private static String text(Duration d) {
        return dev.lookout.condition.Durations.format(d);
    }

    /** One monitor's recent results: latencies of reached results for the latency window, per-minute counts for rates. */
    private static final class Series {
        private final Deque<long[]> latencies = new ArrayDeque<>(); // {epoch ms, latency micros}
        private final Deque<long[]> minutes = new ArrayDeque<>();   // {epoch minute, count, failed}
        boolean degraded;
        Instant exceededSince;
        /** The minute of the first result seen (in this process): rates over a window need that much history. */
        long firstMinute = Long.MAX_VALUE;

        boolean covers(Instant now, Duration window) {
            return firstMinute <= now.toEpochMilli() / 60_000 - window.toMinutes() + 1;
        }

        void add(CheckResult result) {
            long at = result.startedAt().toEpochMilli();
            if (!result.outcome().isFailure() && result.timings().totalMicros() >= 0) {
                latencies.addLast(new long[] {at, result.timings().totalMicros()});
            }
            long minute = at / 60_000;
            firstMinute = Math.min(firstMinute, minute);
            long[] last = minutes.peekLast();
            if (last == null || last[0] < minute) {
                minutes.addLast(new long[] {minute, 0, 0});
                last = minutes.peekLast();
            } else if (last[0] > minute) {
                last = minutes.stream().filter(m -> m[0] == minute).findFirst().orElse(last); // a late result
            }
            last[1]++;
            if (result.outcome().isFailure()) {
                last[2]++;
            }
            long horizon = minute - SLO_LONG.toMinutes();
            while (!minutes.isEmpty() && minutes.peekFirst()[0] <= horizon) {
                minutes.removeFirst();
            }
            long latencyHorizon = at - Duration.ofHours(6).toMillis();
            while (!latencies.isEmpty() && latencies.peekFirst()[0] < latencyHorizon) {
                latencies.removeFirst();
            }
        }

        double[] latencies(Instant now, Duration window) {
            long from = now.toEpochMilli() - window.toMillis();
            return latencies.stream().filter(l -> l[0] > from).mapToDouble(l -> l[1] / 1000.0).toArray();
        }

        /** {count, failed} over the whole minutes within {@code window} up to now. */
        long[] counts(Instant now, Duration window) {
            long to = now.toEpochMilli() / 60_000;
            long from = to - Math.max(1, window.toMinutes()) + 1;
            long count = 0;
            long failed = 0;
            for (long[] m : minutes) {
                if (m[0] >= from && m[0] <= to) {
                    count += m[1];
                    failed += m[2];
                }
            }
            return new long[] {count, failed};
        }
    }
}
