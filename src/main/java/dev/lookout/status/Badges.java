package dev.lookout.status;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.store.RollupPeriod;
import dev.lookout.store.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The values of the status, uptime and response-time badges of monitors and components. A
 * monitor's status comes from its live state; a component's is the one the status page shows
 * (its {@link StatusSnapshot}: monitors, maintenance, and the status an incident set); each uptime and response-time badge is computed at most once per
 * {@code ttl} (a README embedded in many pages asks often, and each is one rollup query per
 * monitor) and kept as the {@link LastGood last good} value: while the storage fails the badge
 * shows what was last read, and "unavailable" when nothing could be read yet (an image is still
 * an image); unknown ids are answered empty without
 * being cached, so that guessing ids cannot grow the cache. A reloaded configuration empties it.
 *
 * <p>A component's uptime is that of all results of its monitors together; its response time is
 * the mean of its monitors' average response times, each monitor counting once whatever its interval.
 */
public final class Badges {
    private final Supplier<LookoutConfig> config;
    private final MonitorStates states;
    private final Supplier<StatusSnapshot> snapshots;
    private final Store store;
    private final InstantSource clock;
    private final Duration ttl;
    private final Map<Key, LastGood<Boolean, Badge>> cache = new ConcurrentHashMap<>();
    private volatile LookoutConfig cachedFor;

    /** @param snapshots the status page's snapshot ({@link StatusReadModel#snapshot}), for components' status */
    public Badges(Supplier<LookoutConfig> config, MonitorStates states, Supplier<StatusSnapshot> snapshots, Store store,
                  InstantSource clock, Duration ttl) {
        this.config = config;
        this.states = states;
        this.snapshots = snapshots;
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** What a badge shows. */
    public enum Kind { STATUS, UPTIME, RESPONSE_TIME }

    /** Monitors or components. */
    public enum Subject { MONITOR, COMPONENT }

    /** The badge, or empty when there is no such monitor or component; {@code window} is ignored for status badges. */
    public Optional<Badge> badge(Subject subject, String id, Kind kind, BadgeWindow window) {
        LookoutConfig cfg = config.get();
        if (cachedFor != cfg) {
            cache.clear();
            cachedFor = cfg;
        }
        Optional<List<String>> monitors = monitorsOf(cfg, subject, id);
        if (monitors.isEmpty()) {
            return Optional.empty();
        }
        Key key = new Key(subject, id, kind, kind == Kind.STATUS ? null : window);
        if (kind == Kind.STATUS) {
            return Optional.of(compute(key, monitors.get())); // states are in memory: always current
        }
        LastGood.Read<Boolean, Badge> read = cache.computeIfAbsent(key, k -> new LastGood<>("the " + k.kind().name().toLowerCase(Locale.ROOT)
                + " badge of " + k.subject().name().toLowerCase(Locale.ROOT) + " " + k.id(), always -> compute(k, monitors.get()),
                ttl, clock, LastGood.storageWorks(store))).get(Boolean.TRUE);
        return Optional.of(read != null ? read.value() : unavailable(key));
    }

    private static Badge unavailable(Key key) {
        String label = (key.kind() == Kind.UPTIME ? "uptime " : "response time ") + key.window().code();
        return new Badge(label, "unavailable", Badge.LIGHT_GREY);
    }

    private static Optional<List<String>> monitorsOf(LookoutConfig cfg, Subject subject, String id) {
        return switch (subject) {
            case MONITOR -> cfg.monitor(id).map(m -> List.of(m.id()));
            case COMPONENT -> cfg.component(id).map(c -> cfg.monitors().stream()
                    .filter(m -> c.id().equals(m.componentId())).map(MonitorConfig::id).toList());
        };
    }

    private Badge compute(Key key, List<String> monitorIds) {
        return switch (key.kind()) {
            case STATUS -> key.subject() == Subject.MONITOR ? monitorStatus(states.state(monitorIds.get(0)))
                    : componentStatus(shownStatus(key.id(), monitorIds));
            case UPTIME -> uptime(key.window(), monitorIds);
            case RESPONSE_TIME -> responseTime(key.window(), monitorIds);
        };
    }

    /** As the status page shows it; from the monitors alone for a component configured after the snapshot was made. */
    private ComponentStatus shownStatus(String componentId, List<String> monitorIds) {
        return snapshots.get().components().stream().filter(c -> c.id().equals(componentId)).map(ComponentView::status)
                .findFirst().orElseGet(() -> ComponentStatus.of(monitorIds.stream().map(states::state).toList()));
    }

    static Badge monitorStatus(MonitorState state) {
        String color = switch (state) {
            case UP -> Badge.BRIGHT_GREEN;
            case DEGRADED -> Badge.YELLOW;
            case DOWN -> Badge.RED;
            case PAUSED, UNKNOWN -> Badge.LIGHT_GREY;
        };
        return new Badge("status", state.name().toLowerCase(Locale.ROOT), color);
    }

    static Badge componentStatus(ComponentStatus status) {
        String color = switch (status) {
            case OPERATIONAL -> Badge.BRIGHT_GREEN;
            case DEGRADED_PERFORMANCE -> Badge.YELLOW;
            case PARTIAL_OUTAGE -> Badge.ORANGE;
            case MAJOR_OUTAGE -> Badge.RED;
            case UNDER_MAINTENANCE -> Badge.BLUE;
            case NO_DATA -> Badge.LIGHT_GREY;
        };
        return new Badge("status", status.code().replace("_performance", "").replace('_', ' '), color);
    }

    private Badge uptime(BadgeWindow window, List<String> monitorIds) {
        long count = 0;
        long failed = 0;
        for (String id : monitorIds) {
            RollupPeriod summary = summary(id, window);
            count += summary.count();
            failed += summary.failed();
        }
        return uptimeBadge(window, count == 0 ? null : (double) (count - failed) / count);
    }

    static Badge uptimeBadge(BadgeWindow window, Double uptime) {
        String label = "uptime " + window.code();
        if (uptime == null) {
            return new Badge(label, "no data", Badge.LIGHT_GREY);
        }
        double percent = uptime * 100;
        String color = percent >= 99.9 ? Badge.BRIGHT_GREEN : percent >= 99 ? Badge.GREEN : percent >= 97 ? Badge.YELLOW_GREEN
                : percent >= 95 ? Badge.YELLOW : percent >= 90 ? Badge.ORANGE : Badge.RED;
        // Rounded down, so that 99.999 % does not read as 100 %.
        BigDecimal shown = BigDecimal.valueOf(Math.floor(percent * 100) / 100).stripTrailingZeros();
        return new Badge(label, shown.toPlainString() + "%", color);
    }

    private Badge responseTime(BadgeWindow window, List<String> monitorIds) {
        double sum = 0;
        int withData = 0;
        for (String id : monitorIds) {
            double avg = summary(id, window).latencyAvgMillis();
            if (!Double.isNaN(avg)) {
                sum += avg;
                withData++;
            }
        }
        return responseTimeBadge(window, withData == 0 ? null : sum / withData);
    }

    static Badge responseTimeBadge(BadgeWindow window, Double millis) {
        String label = "response time " + window.code();
        if (millis == null) {
            return new Badge(label, "no data", Badge.LIGHT_GREY);
        }
        String color = millis < 200 ? Badge.BRIGHT_GREEN : millis < 500 ? Badge.GREEN : millis < 1_000 ? Badge.YELLOW
                : millis < 2_000 ? Badge.ORANGE : Badge.RED;
        String shown = millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis)
                : millis < 10_000 ? Math.round(millis) + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1_000);
        return new Badge(label, shown, color);
    }

    private RollupPeriod summary(String monitorId, BadgeWindow window) {
        Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        return store.summary(monitorId, nextHour.minus(window.length()), nextHour);
    }

    private record Key(Subject subject, String id, Kind kind, BadgeWindow window) {
    }
}
