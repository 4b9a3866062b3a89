package dev.lookout.status;

import dev.lookout.check.CheckResult;
import dev.lookout.condition.Durations;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MaintenanceCalendar;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import dev.lookout.store.RollupPeriod;
import dev.lookout.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds what the page and the API show from the configuration, the live states and the stored
 * rollups. The page snapshot is cached for {@code snapshotTtl}: a spike of visitors during an
 * outage costs one computation per TTL, not one per view. The incident history is cached the
 * same way, for {@link #HISTORY_TTL}; both are rebuilt at once when an incident or a maintenance
 * changes on this node.
 *
 * <p>The public side never waits for storage: what is read from it (rollups, incidents,
 * maintenances, the history, a monitor's uptimes) is kept as the {@link LastGood last good} copy.
 * While the storage fails the snapshot is still rebuilt from the live states, with the stored part
 * as last read; {@link StatusSnapshot#dataAsOf()} says when that was, and the page says its data
 * is delayed when that is more than a minute ago.
 */
public final class StatusReadModel {
    static final int BAR_DAYS = 90;
    /** How many incidents the snapshot keeps, like Statuspage's incidents.json. */
    static final int RECENT_INCIDENTS = 50;
    /** How many incidents, and how many maintenances, the history pages reach back. */
    static final int HISTORY_LIMIT = 500;
    /**
     * How long the history is kept when nothing changes on this node: it costs more to build than
     * the snapshot, and what changes on another node shows on the detail pages through the snapshot.
     */
    static final Duration HISTORY_TTL = Duration.ofMinutes(1);

    private final Supplier<LookoutConfig> config;
    private final MonitorStates states;
    private final Store store;
    private final LatestResults latest;
    private final InstantSource clock;
    private final Duration snapshotTtl;
    private final IncidentBoard board;
    private volatile StatusSnapshot cached;
    private volatile LookoutConfig cachedFor;
    private volatile long cachedChanges;
    private final java.util.concurrent.locks.ReentrantLock building = new java.util.concurrent.locks.ReentrantLock();
    private final LastGood<Stamp, Stored> stored;
    private final LastGood<Long, IncidentHistory> history;
    private final Map<String, LastGood<LookoutConfig, Figures>> figures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile LookoutConfig figuresFor;

    /** What the stored part was read for: this configuration (by identity) and this count of changes. */
    private record Stamp(LookoutConfig config, long changes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp s && s.config == config && s.changes == changes;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(config) * 31 + Long.hashCode(changes);
        }
    }

    /** The part of the snapshot read from storage; {@link #NONE} until a read has succeeded. */
    private record Stored(Map<String, List<RollupPeriod>> days, Map<String, Instant> monitorCreated,
                          List<Incident> open, List<Incident> recent, List<Maintenance> maintenances) {
        static final Stored NONE = new Stored(Map.of(), Map.of(), List.of(), List.of(), List.of());
    }

    /** A monitor's stored figures for the API: its uptimes and its last stored result (null: none). */
    private record Figures(Double day, Double week, Double month, CheckResult lastStored) {
        static final Figures NONE = new Figures(null, null, null, null);
    }

    public StatusReadModel(Supplier<LookoutConfig> config, MonitorStates states, Store store, LatestResults latest,
                           InstantSource clock, Duration snapshotTtl) {
        this(config, states, store, latest, clock, snapshotTtl, IncidentBoard.NONE);
    }

    /** @param board the incidents and maintenances; a change there rebuilds the snapshot at once */
    public StatusReadModel(Supplier<LookoutConfig> config, MonitorStates states, Store store, LatestResults latest,
                           InstantSource clock, Duration snapshotTtl, IncidentBoard board) {
        this.board = board;
        this.config = config;
        this.states = states;
        this.store = store;
        this.latest = latest;
        this.clock = clock;
        this.snapshotTtl = snapshotTtl;
        java.util.function.BooleanSupplier storageWorks = LastGood.storageWorks(store);
        this.stored = new LastGood<>("the status page's uptime, incidents and maintenances", this::readStored, snapshotTtl,
                clock, storageWorks);
        this.history = new LastGood<>("the incident history", changes -> readHistory(), HISTORY_TTL, clock, storageWorks);
    }

    public StatusSnapshot snapshot() {
        StatusSnapshot s = cached;
        LookoutConfig current = config.get();
        if (fresh(s, current)) {
            return s;
        }
        long changes = board.changes(); // read before reading: a change meanwhile triggers another build
        LastGood.Read<Stamp, Stored> read = stored.get(new Stamp(current, changes)); // may wait, never long: outside the lock
        building.lock();
        try {
            s = cached;
            if (fresh(s, current)) {
                return s;
            }
            s = build(current, read == null ? Stored.NONE : read.value(), read == null ? null : read.at());
            cached = s;
            cachedFor = current;
            cachedChanges = changes; // tried for these changes: while storage fails, rebuilt per TTL, not per view
            return s;
        } finally {
            building.unlock();
        }
    }

    private boolean fresh(StatusSnapshot s, LookoutConfig current) {
        return s != null && cachedFor == current && cachedChanges == board.changes()
                && s.generatedAt().plus(snapshotTtl).isAfter(clock.instant());
    }

    /**
     * The incident history, from memory unless something changed or it is {@link #HISTORY_TTL} old;
     * while the storage fails, the last one read (an empty one if none could be read yet).
     */
    public IncidentHistory history() {
        LastGood.Read<Long, IncidentHistory> read = history.get(board.changes());
        return read != null ? read.value() : IncidentHistory.of(List.of(), List.of(), false, Instant.EPOCH);
    }

    /** Whether the history was read so long ago that its page should say it is delayed. */
    public static boolean delayed(IncidentHistory history, Instant now) {
        return history.generatedAt().plus(HISTORY_TTL).plus(StatusSnapshot.DELAYED_AFTER).isBefore(now);
    }

    private IncidentHistory readHistory() {
        List<Incident> incidents = board.recentIncidents(HISTORY_LIMIT);
        List<Maintenance> maintenances = board.recentMaintenances(HISTORY_LIMIT);
        return IncidentHistory.of(incidents, maintenances,
                incidents.size() >= HISTORY_LIMIT || maintenances.size() >= HISTORY_LIMIT, clock.instant());
    }

    /** Everything the snapshot needs from storage, read in one go (on a read thread, not a visitor's). */
    private Stored readStored(Stamp stamp) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant from = today.minusDays(BAR_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<RollupPeriod>> days = new HashMap<>();
        for (MonitorConfig m : stamp.config().monitors()) {
            if (m.componentId() != null) {
                days.put(m.id(), store.rollupCounts(m.id(), RollupPeriod.Granularity.DAY, from, to));
            }
        }
        return new Stored(days, monitorCreationTimes(), board.openIncidents(), board.recentIncidents(RECENT_INCIDENTS),
                board.maintenances());
    }

    /** An incident for its page: from the snapshot when it is among the recent ones (fresher), else from the history. */
    public Optional<Incident> incident(long id) {
        return snapshot().recentIncidents().stream().filter(i -> i.id() == id).findFirst()
                .or(() -> history().incident(id));
    }

    /** A maintenance for its page: from the snapshot when unfinished or recent, else from the history. */
    public Optional<Maintenance> maintenance(long id) {
        return snapshot().maintenances().stream().filter(m -> m.id() == id).findFirst()
                .or(() -> history().maintenance(id));
    }

    /** The snapshot from the live states and the stored part read at {@code dataAsOf} (null: none could be read). */
    private StatusSnapshot build(LookoutConfig cfg, Stored part, Instant dataAsOf) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<ComponentView> components = new ArrayList<>();
        List<Incident> open = part.open();
        List<Incident> recent = part.recent();
        List<Maintenance> maintenances = part.maintenances();
        Map<String, Instant> monitorCreated = part.monitorCreated();
        // Grouped once: filtering all monitors per component took most of a rebuild at 10,000 monitors in 50 components.
        Map<String, List<MonitorConfig>> byComponent = cfg.monitors().stream().filter(m -> m.componentId() != null)
                .collect(java.util.stream.Collectors.groupingBy(MonitorConfig::componentId));
        for (ComponentConfig component : cfg.components()) {
            List<MonitorConfig> monitors = byComponent.getOrDefault(component.id(), List.of());
            ComponentStatus derived = ComponentStatus.of(monitors.stream()
                    .map(m -> MonitorView.shown(states.state(m.id()), latest.get(m.id()).orElse(null))).toList());
            ComponentStatus status = ComponentStatus.effective(derived, calendar(maintenances).componentUnderMaintenance(component.id(), now),
                    setByIncidents(open, component.id()));
            Map<LocalDate, long[]> perDay = new HashMap<>();
            Instant lastChecked = null;
            for (MonitorConfig m : monitors) {
                for (RollupPeriod day : part.days().getOrDefault(m.id(), List.of())) {
                    long[] acc = perDay.computeIfAbsent(LocalDate.ofInstant(day.periodStart(), ZoneOffset.UTC), d -> new long[2]);
                    acc[0] += day.count();
                    acc[1] += day.failed();
                }
                Instant last = latest.get(m.id()).map(CheckResult::startedAt).orElse(null);
                if (last != null && (lastChecked == null || last.isAfter(lastChecked))) {
                    lastChecked = last;
                }
            }
            List<DayUptime> days = new ArrayList<>(BAR_DAYS);
            long total = 0;
            long failed = 0;
            for (int i = BAR_DAYS - 1; i >= 0; i--) {
                LocalDate date = today.minusDays(i);
                long[] acc = perDay.get(date);
                List<String> that = incidentsOn(recent, component.id(), date, now);
                if (acc == null || acc[0] == 0) {
                    days.add(new DayUptime(date, null, 0, 0, that));
                } else {
                    days.add(new DayUptime(date, (double) (acc[0] - acc[1]) / acc[0], acc[0], acc[1], that));
                    total += acc[0];
                    failed += acc[1];
                }
            }
            Double uptime90 = total == 0 ? null : (double) (total - failed) / total;
            Instant created = monitors.stream().map(m -> monitorCreated.get(m.id())).filter(java.util.Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(now);
            components.add(new ComponentView(component.id(), component.name(), component.group(), component.description(),
                    status, days, uptime90, lastChecked, created, lastNamed(recent, maintenances, component.id()).orElse(created)));
        }
        ComponentStatus overall = ComponentStatus.overall(components.stream().map(ComponentView::status).toList());
        return new StatusSnapshot(overall, PageText.english().banner(overall), components, open, recent, maintenances, now,
                dataAsOf);
    }

    /** The configuration's maintenance windows and the scheduled maintenances (API), as the alert engine sees them. */
    private MaintenanceCalendar calendar(List<Maintenance> maintenances) {
        return new MaintenanceCalendar(config, (componentId, at) ->
                maintenances.stream().anyMatch(m -> m.componentIds().contains(componentId) && m.underWayAt(at)));
    }

    /** The names of the incidents that named the component and were open at some time of that (UTC) day. */
    private static List<String> incidentsOn(List<Incident> incidents, String componentId, LocalDate day, Instant now) {
        List<String> names = new ArrayList<>();
        for (Incident incident : incidents) {
            if (!incident.components().containsKey(componentId)) {
                continue;
            }
            LocalDate from = LocalDate.ofInstant(incident.createdAt(), ZoneOffset.UTC);
            LocalDate to = LocalDate.ofInstant(incident.resolvedAt() != null ? incident.resolvedAt() : now, ZoneOffset.UTC);
            if (!day.isBefore(from) && !day.isAfter(to)) {
                names.add(incident.name());
            }
        }
        return names;
    }

    /** The worst status that open incidents currently set for the component, or null. */
    private static ComponentStatus setByIncidents(List<Incident> open, String componentId) {
        ComponentStatus worst = null;
        for (Incident incident : open) {
            AffectedStatus set = incident.components().get(componentId);
            if (set != null) {
                ComponentStatus s = ComponentStatus.of(set);
                if (worst == null || s.severity() > worst.severity()) {
                    worst = s;
                }
            }
        }
        return worst;
    }

    /** When an incident or maintenance update last named the component. */
    private static Optional<Instant> lastNamed(List<Incident> incidents, List<Maintenance> maintenances, String componentId) {
        return java.util.stream.Stream.concat(incidents.stream().flatMap(i -> i.updates().stream()),
                        maintenances.stream().flatMap(m -> m.updates().stream()))
                .filter(u -> u.changes().stream().anyMatch(c -> c.componentId().equals(componentId)))
                .map(Update::createdAt).max(Comparator.naturalOrder());
    }

    private Map<String, Instant> monitorCreationTimes() {
        Map<String, Instant> created = new HashMap<>();
        store.monitors().forEach(m -> created.put(m.monitor().id(), m.createdAt()));
        return created;
    }

    public List<MonitorView> monitors() {
        return monitors(true);
    }

    /**
     * {@link #monitors()} without the stored figures (no uptimes, no last result from storage): to
     * filter and page from memory, then read the figures of the page's monitors only ({@link #monitor}).
     */
    public List<MonitorView> monitorsWithoutFigures() {
        return monitors(false);
    }

    private List<MonitorView> monitors(boolean withFigures) {
        LookoutConfig cfg = config.get();
        List<Maintenance> maintenances = snapshot().maintenances();
        return cfg.monitors().stream().sorted(Comparator.comparing(MonitorConfig::id))
                .map(m -> view(m, maintenances, withFigures)).toList();
    }

    /** The tags a monitor has in the configuration; none for an unknown id. */
    public List<String> tags(String monitorId) {
        return config.get().monitor(monitorId).map(MonitorConfig::tags).orElse(List.of());
    }

    public Optional<MonitorView> monitor(String id) {
        return config.get().monitor(id).map(m -> view(m, snapshot().maintenances(), true));
    }

    private MonitorView view(MonitorConfig m, List<Maintenance> maintenances, boolean withFigures) {
        Instant now = clock.instant();
        MonitorState state = states.state(m.id());
        Figures f = withFigures ? figures(m) : Figures.NONE;
        CheckResult last = latest.get(m.id()).orElse(f.lastStored());
        return new MonitorView(m.id(), m.name(), m.type(), m.description(), m.componentId(), m.paused(),
                Durations.format(m.interval()), Durations.format(m.timeout()), state, last, f.day(), f.week(), f.month(),
                calendar(maintenances).activeFor(m, now).orElse(null));
    }

    /** The monitor's stored figures as last read (kept one snapshot TTL, like the page); none while nothing could be read. */
    private Figures figures(MonitorConfig m) {
        LookoutConfig current = config.get();
        if (figuresFor != current) { // a monitor no longer configured must not stay in memory
            figures.clear();
            figuresFor = current;
        }
        LastGood.Read<LookoutConfig, Figures> read = figures.computeIfAbsent(m.id(), id -> new LastGood<>(
                "the uptimes of monitor " + id, cfg -> readFigures(id), snapshotTtl, clock, LastGood.storageWorks(store)))
                .get(current);
        return read == null ? Figures.NONE : read.value();
    }

    private Figures readFigures(String monitorId) {
        Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        CheckResult last = latest.get(monitorId).isPresent() ? null : store.lastResult(monitorId).orElse(null);
        return new Figures(uptime(monitorId, nextHour.minus(Duration.ofHours(24)), nextHour),
                uptime(monitorId, nextHour.minus(Duration.ofDays(7)), nextHour),
                uptime(monitorId, nextHour.minus(Duration.ofDays(30)), nextHour), last);
    }

    private Double uptime(String monitorId, Instant from, Instant to) {
        RollupPeriod summary = store.summaryCounts(monitorId, from, to);
        return summary.count() == 0 ? null : summary.uptime();
    }
}
