package dev.lookout.status;

import dev.lookout.store.RollupPeriod;
import dev.lookout.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A monitor's response times for the charts, from the stored rollups: hourly points over the
 * last 24 hours and 7 days, daily points over 30 days; a period without results is a gap (NaN),
 * never a zero. Kept for a minute per monitor and window, so that page views never query more,
 * as the {@link LastGood last good} value: while the storage fails the charts show what was last
 * read (none when nothing could be read yet).
 */
public final class ResponseTimes {
    /** The chart windows and the period of their points. */
    public enum Window {
        DAY(Duration.ofHours(24), RollupPeriod.Granularity.HOUR),
        WEEK(Duration.ofDays(7), RollupPeriod.Granularity.HOUR),
        MONTH(Duration.ofDays(30), RollupPeriod.Granularity.DAY);

        final Duration length;
        final RollupPeriod.Granularity granularity;

        Window(Duration length, RollupPeriod.Granularity granularity) {
            this.length = length;
            this.granularity = granularity;
        }

        public Duration length() {
            return length;
        }
    }

    private static final Duration TTL = Duration.ofMinutes(1);

    private final Store store;
    private final InstantSource clock;
    private final Map<String, LastGood<Boolean, List<ResponseTimeChart.Point>>> cache = new ConcurrentHashMap<>();
    private final Map<String, LastGood<Boolean, Summary>> summaries = new ConcurrentHashMap<>();

    /**
     * A window in figures, from the merged latency sketches of its hours: the number of results, and
     * the average, median, p95 and p99 latency of those that reached their target (NaN without any).
     */
    public record Summary(long count, double avgMillis, double p50Millis, double p95Millis, double p99Millis) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** Whether any result reached its target, so that there are latencies to show. */
        public boolean any() {
            return !Double.isNaN(avgMillis);
        }
    }

    public ResponseTimes(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<ResponseTimeChart.Point> of(String monitorId, Window window) {
        LastGood.Read<Boolean, List<ResponseTimeChart.Point>> read = cache.computeIfAbsent(monitorId + "/" + window,
                key -> new LastGood<>("the response times of monitor " + monitorId, always -> load(monitorId, window, clock.instant()),
                        TTL, clock, LastGood.storageWorks(store))).get(Boolean.TRUE);
        return read == null ? List.of() : read.value();
    }

    /**
     * The window's figures, kept like the points; a window with no result yet is read again next
     * time (a new monitor's first figures are not hidden behind a minute of "no data").
     */
    public Summary summary(String monitorId, Window window) {
        String key = monitorId + "/" + window;
        LastGood.Read<Boolean, Summary> read = summaries.computeIfAbsent(key,
                k -> new LastGood<>("the response times of monitor " + monitorId, always -> loadSummary(monitorId, window,
                        clock.instant()), TTL, clock, LastGood.storageWorks(store))).get(Boolean.TRUE);
        if (read == null || read.value().count() == 0) {
            summaries.remove(key);
            return read == null ? Summary.NONE : read.value();
        }
        return read.value();
    }

    private Summary loadSummary(String monitorId, Window window, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        RollupPeriod r = store.summary(monitorId, end.minus(window.length), end);
        return new Summary(r.count(), r.latencyAvgMillis(), r.latencyP50Millis(), r.latencyP95Millis(),
                r.latencyP99Millis());
    }

    private List<ResponseTimeChart.Point> load(String monitorId, Window window, Instant now) {
        ChronoUnit unit = window.granularity == RollupPeriod.Granularity.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant end = now.truncatedTo(unit).plus(1, unit); // the current period included
        Instant start = end.minus(window.length);
        Map<Instant, RollupPeriod> byStart = new HashMap<>();
        for (RollupPeriod r : store.rollups(monitorId, window.granularity, start, end)) {
            byStart.put(r.periodStart(), r);
        }
        List<ResponseTimeChart.Point> points = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(1, unit)) {
            RollupPeriod r = byStart.get(t);
            boolean any = r != null && r.count() - r.failed() > 0 && r.latencyAvgMillis() > 0;
            points.add(new ResponseTimeChart.Point(t, any ? r.latencyAvgMillis() : Double.NaN,
                    any ? r.latencyP95Millis() : Double.NaN));
        }
        return List.copyOf(points);
    }
}
