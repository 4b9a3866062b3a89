package dev.lookout.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A monitor's normal latency: the median of its hourly p95s at the same hour of day (UTC) over
 * the last 7 days, because traffic has a daily rhythm and a Monday-morning p95 should not page
 * anyone; with fewer than 3 such hours (a new monitor), the median of every hourly p95 of those
 * days, from at least 24 hours; otherwise none yet (warming up). Read from the stored hourly
 * rollups once per monitor and hour, never per result.
 */
public final class LatencyBaseline {
    static final Duration HISTORY = Duration.ofDays(7);
    static final int MIN_SAME_HOUR = 3;
    static final int MIN_HOURS = 24;
    /** An hour with fewer results says little about its p95. */
    static final long MIN_RESULTS_PER_HOUR = 3;

    /** One stored hour: its start, its number of results and its p95 in milliseconds. */
    public record Hour(Instant start, long results, double p95Millis) {
    }

    /** The stored hourly rollups of a monitor within [from, to). */
    @FunctionalInterface
    public interface HourlyHistory {
        List<Hour> hours(String monitorId, Instant from, Instant to);
    }

    private final HourlyHistory history;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Instant hour, OptionalDouble value) {
    }

    public LatencyBaseline(HourlyHistory history) {
        this.history = history;
    }

    public OptionalDouble of(String monitorId, Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Cached cached = cache.get(monitorId);
        if (cached != null && cached.hour.equals(hour)) {
            return cached.value;
        }
        OptionalDouble value = compute(history.hours(monitorId, hour.minus(HISTORY), hour), hour);
        cache.put(monitorId, new Cached(hour, value));
        return value;
    }

    static OptionalDouble compute(List<Hour> hours, Instant currentHour) {
        int hourOfDay = currentHour.atZone(ZoneOffset.UTC).getHour();
        List<Hour> usable = hours.stream().filter(h -> h.results() >= MIN_RESULTS_PER_HOUR && h.p95Millis() > 0).toList();
        double[] sameHour = usable.stream().filter(h -> h.start().atZone(ZoneOffset.UTC).getHour() == hourOfDay)
                .mapToDouble(Hour::p95Millis).toArray();
        if (sameHour.length >= MIN_SAME_HOUR) {
            return OptionalDouble.of(median(sameHour));
        }
        if (usable.size() >= MIN_HOURS) {
            return OptionalDouble.of(median(usable.stream().mapToDouble(Hour::p95Millis).toArray()));
        }
        return OptionalDouble.empty();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
