package dev.lookout.status;

import dev.lookout.check.CheckResult;
import dev.lookout.condition.Durations;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
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
    private final Object historyLock = new Object(); // a history rebuild must not hold up the status page
    private volatile IncidentHistory history;
    private volatile long historyChanges;

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
    }

    public StatusSnapshot snapshot() {
        StatusSnapshot s = cached;
        LookoutConfig current = config.get();
        if (fresh(s, current)) {
            return s;
        }
        synchronized (this) {
            s = cached;
            if (fresh(s, current)) {
                return s;
            }
            long changes = board.changes(); // read before building: a change during the build triggers another
            s = build(current);
            cached = s;
            cachedFor = current;
            cachedChanges = changes;
            return s;
        }
    }

    private boolean fresh(StatusSnapshot s, LookoutConfig current) {
        return s != null && cachedFor == current && cachedChanges == board.changes()
                && s.generatedAt().plus(snapshotTtl).isAfter(clock.instant());
    }

    /** The incident history, from memory unless something changed or it is {@link #HISTORY_TTL} old. */
    public IncidentHistory history() {
        IncidentHistory h = history;
        if (fresh(h)) {
            return h;
        }
        synchronized (historyLock) {
            h = history;
            if (fresh(h)) {
                return h;
            }
            long changes = board.changes();
            List<Incident> incidents = board.recentIncidents(HISTORY_LIMIT);
            List<Maintenance> maintenances = board.recentMaintenances(HISTORY_LIMIT);
            h = IncidentHistory.of(incidents, maintenances,
                    incidents.size() >= HISTORY_LIMIT || maintenances.size() >= HISTORY_LIMIT, clock.instant());
            history = h;
            historyChanges = changes;
            return h;
        }
    }

    private boolean fresh(IncidentHistory h) {
        return h != null && historyChanges == board.changes() && h.generatedAt().plus(HISTORY_TTL).isAfter(clock.instant());
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

    private StatusSnapshot build(LookoutConfig cfg) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant from = today.minusDays(BAR_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ComponentView> components = new ArrayList<>();
        List<Incident> open = board.openIncidents();
        List<Incident> recent = board.recentIncidents(RECENT_INCIDENTS);
        List<Maintenance> maintenances = board.maintenances();
        Map<String, Instant> monitorCreated = monitorCreationTimes();
        for (ComponentConfig component : cfg.components()) {
            List<MonitorConfig> monitors = cfg.monitors().stream().filter(m -> component.id().equals(m.componentId())).toList();
            ComponentStatus derived = ComponentStatus.of(monitors.stream().map(m -> states.state(m.id())).toList());
            ComponentStatus status = ComponentStatus.effective(derived, calendar(maintenances).componentUnderMaintenance(component.id(), now),
                    setByIncidents(open, component.id()));
            Map<LocalDate, long[]> perDay = new HashMap<>();
            Instant lastChecked = null;
            for (MonitorConfig m : monitors) {
                for (RollupPeriod day : store.rollups(m.id(), RollupPeriod.Granularity.DAY, from, to)) {
                    long[] acc = perDay.computeIfAbsent(LocalDate.ofInstant(day.periodStart(), ZoneOffset.UTC), d -> new long[2]);
                    acc[0] += day.count();
                    acc[1] += day.failed();
                }
                Instant last = lastResult(m.id()).map(CheckResult::startedAt).orElse(null);
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
        return new StatusSnapshot(overall, PageText.english().banner(overall), components, open, recent, maintenances, now);
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
        try {
            store.monitors().forEach(m -> created.put(m.monitor().id(), m.createdAt()));
        } catch (UnsupportedOperationException e) {
            // a store that does not list monitors: components count as created now
        }
        return created;
    }

    public List<MonitorView> monitors() {
        LookoutConfig cfg = config.get();
        return cfg.monitors().stream().sorted(Comparator.comparing(MonitorConfig::id)).map(this::view).toList();
    }

    public Optional<MonitorView> monitor(String id) {
        return config.get().monitor(id).map(this::view);
    }

    private Optional<CheckResult> lastResult(String monitorId) {
        Optional<CheckResult> inMemory = latest.get(monitorId);
        return inMemory.isPresent() ? inMemory : store.lastResult(monitorId);
    }

    private MonitorView view(MonitorConfig m) {
        Instant now = clock.instant();
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        MonitorState state = states.state(m.id());
        return new MonitorView(m.id(), m.name(), m.type(), m.description(), m.componentId(), m.paused(),
                Durations.format(m.interval()), Durations.format(m.timeout()), state, lastResult(m.id()).orElse(null),
                uptime(m.id(), nextHour.minus(Duration.ofHours(24)), nextHour),
                uptime(m.id(), nextHour.minus(Duration.ofDays(7)), nextHour),
                uptime(m.id(), nextHour.minus(Duration.ofDays(30)), nextHour),
                calendar(board.maintenances()).activeFor(m, now).orElse(null));
    }

    private Double uptime(String monitorId, Instant from, Instant to) {
        RollupPeriod summary = store.summary(monitorId, from, to);
        return summary.count() == 0 ? null : summary.uptime();
    }
}
