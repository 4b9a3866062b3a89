package dev.lookout.incident;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled maintenance: announcing, updating, the automatic transitions ({@link #tick}) and the
 * question the alerting engine asks, {@link #inProgress}. Maintenances that are not completed,
 * and the recent ones, are kept in memory and re-read on every change and every {@link #reread}, so that question
 * never waits for the database.
 */
public final class Maintenances {
    private static final Logger log = LoggerFactory.getLogger(Maintenances.class);
    /** How many recent maintenances are kept in memory beside the unfinished ones. */
    static final int RECENT = 50;

    private final IncidentRepository repository;
    private final Components components;
    private final InstantSource clock;
    private final AtomicLong changes = new AtomicLong();
    private final Listeners listeners = new Listeners();
    private volatile List<Maintenance> known = List.of();

    public Maintenances(IncidentRepository repository, Supplier<? extends Collection<String>> componentIds,
                        InstantSource clock) {
        this.repository = repository;
        this.components = new Components(componentIds);
        this.clock = clock;
        try {
            refresh();
        } catch (RuntimeException e) { // the storage fails or is held: the node's refresh job reads them again in a few seconds
            log.warn("maintenances: cannot read them at start ({}); reading them again with the next tick", e.getMessage());
        }
    }

    public Maintenance schedule(String name, String body, Instant scheduledFor, Instant scheduledUntil,
                                List<String> componentIds) {
        components.require(componentIds);
        Maintenance stored = repository.insert(Maintenance.schedule(name, Markdown.of(body), scheduledFor,
                scheduledUntil, componentIds, clock.instant()));
        Maintenance now = stored.advance(clock.instant()).map(repository::save).orElse(stored);
        changed();
        listeners.tell("maintenance " + now.id(), l -> l.maintenanceChanged(now, now.updates()));
        return now;
    }

    /** {@code listener} hears of every change made through this object or by {@link #tick} from now on. */
    public void addListener(IncidentListener listener) {
        listeners.add(listener);
    }

    /** {@code status} null posts a note and keeps the status. */
    public Maintenance update(long id, MaintenanceStatus status, String body) {
        Maintenance before = get(id);
        Maintenance stored = repository.save(before.update(status, Markdown.of(body), clock.instant()));
        changed();
        List<Update> added = Listeners.added(before.updates(), stored.updates());
        listeners.tell("maintenance " + stored.id(), l -> l.maintenanceChanged(stored, added));
        return stored;
    }

    public Maintenance get(long id) {
        return repository.maintenance(id).orElseThrow(() -> IncidentException.notFound("no maintenance with id " + id));
    }

    /** Latest start first, at most {@code limit}. */
    public List<Maintenance> list(int limit) {
        return list(null, limit);
    }

    /** Latest start first, after the last maintenance of a previous page (null: from the latest). */
    public List<Maintenance> list(IncidentRepository.Position after, int limit) {
        return repository.maintenances(after, limit);
    }

    /**
     * Moves every maintenance whose time has come and reads them again: {@link #advance} then
     * {@link #reread}, for one node and for tests with the time they want.
     */
    public void tick(Instant now) {
        if (!advance(now)) {
            reread();
        }
    }

    /**
     * Moves every maintenance whose time has come ({@code scheduled → in_progress → completed});
     * when one moved, reads them again and tells the listeners. The leader's job in a cluster (its
     * listeners write the subscribers' notices); a maintenance another node moved first is skipped.
     *
     * @return whether a maintenance moved
     */
    public boolean advance(Instant now) {
        List<Runnable> tell = new ArrayList<>();
        for (Maintenance m : repository.unfinishedMaintenances()) {
            var next = m.advance(now);
            if (next.isPresent()) {
                try {
                    Maintenance saved = repository.save(next.get());
                    log.info("maintenance {} '{}' is now {}", saved.id(), saved.name(), saved.status().code());
                    List<Update> added = Listeners.added(m.updates(), saved.updates());
                    tell.add(() -> listeners.tell("maintenance " + saved.id(), l -> l.maintenanceChanged(saved, added)));
                } catch (IncidentException e) {
                    log.info("maintenance {} was moved elsewhere first: {}", m.id(), e.getMessage());
                }
            }
        }
        if (tell.isEmpty()) {
            return false;
        }
        changes.incrementAndGet();
        refresh();
        tell.forEach(Runnable::run);
        return true;
    }

    /**
     * Reads the unfinished and recent maintenances again into memory: every node's job, so that
     * what another node scheduled or moved silences this node's alerts within a period.
     */
    public void reread() {
        refresh();
    }

    /**
     * Whether a maintenance covering {@code componentId} is under way at {@code at}: the alerting
     * engine silences the component's alerts then. Answered from memory.
     */
    public boolean inProgress(String componentId, Instant at) {
        for (Maintenance m : known) {
            if (m.componentIds().contains(componentId) && m.underWayAt(at)) {
                return true;
            }
        }
        return false;
    }

    /** Under way at {@code at}, soonest end first. From memory. */
    public List<Maintenance> active(Instant at) {
        return known.stream().filter(m -> m.underWayAt(at)).sorted(Comparator.comparing(Maintenance::scheduledUntil)).toList();
    }

    /** Announced and not started at {@code at}, soonest first. From memory. */
    public List<Maintenance> upcoming(Instant at) {
        return known.stream().filter(m -> m.upcomingAt(at)).sorted(Comparator.comparing(Maintenance::scheduledFor)).toList();
    }

    /** The unfinished and the {@value #RECENT} latest maintenances, latest start first. From memory. */
    public List<Maintenance> recent() {
        return known;
    }

    /** Grows on every change made through this object or by the timer. */
    public long changes() {
        return changes.get();
    }

    private void changed() {
        changes.incrementAndGet();
        refresh();
    }

    private void refresh() {
        Map<Long, Maintenance> all = new LinkedHashMap<>();
        repository.unfinishedMaintenances().forEach(m -> all.put(m.id(), m));
        repository.maintenances(null, RECENT).forEach(m -> all.put(m.id(), m));
        List<Maintenance> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing(Maintenance::scheduledFor).reversed().thenComparing(Maintenance::id, Comparator.reverseOrder()));
        known = List.copyOf(sorted);
    }
}
