package dev.lookout.incident;

import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Opening, updating, resolving and writing up incidents, with their lifecycle rules. */
public final class Incidents {
    private final IncidentRepository repository;
    private final Components components;
    private final InstantSource clock;
    private final AtomicLong changes = new AtomicLong();
    private final Listeners listeners = new Listeners();

    /**
     * @param componentIds the ids of the configured components (read on every request, so a reload applies)
     */
    public Incidents(IncidentRepository repository, Supplier<? extends Collection<String>> componentIds,
                     InstantSource clock) {
        this.repository = repository;
        this.components = new Components(componentIds);
        this.clock = clock;
    }

    public Incident open(String name, IncidentStatus status, Impact impact, String body,
                         Map<String, AffectedStatus> affected) {
        components.require(affected.keySet());
        Incident created = repository.insert(Incident.open(name, status, impact == null ? Impact.NONE : impact,
                Markdown.of(body), affected, clock.instant()));
        changes.incrementAndGet();
        listeners.tell("incident " + created.id(), l -> l.incidentChanged(created, created.updates()));
        return created;
    }

    /** {@code listener} hears of every change made through this object from now on. */
    public void addListener(IncidentListener listener) {
        listeners.add(listener);
    }

    /** {@code impact} null keeps the incident's impact. */
    public Incident update(long id, IncidentStatus status, String body, Map<String, AffectedStatus> affected,
                           Impact impact) {
        components.require(affected.keySet());
        Incident current = get(id);
        return saved(current, current.update(status == null ? current.status() : status, Markdown.of(body), affected, impact,
                clock.instant()));
    }

    /** Resolves with a standard text unless one is given; components not named return to operational. */
    public Incident resolve(long id, String body, Map<String, AffectedStatus> affected) {
        components.require(affected.keySet());
        String text = body == null || body.isBlank() ? "This incident has been resolved." : body;
        Incident current = get(id);
        return saved(current, current.resolve(Markdown.of(text), affected, clock.instant()));
    }

    public Incident publishPostmortem(long id, String body) {
        Incident current = get(id);
        return saved(current, current.publishPostmortem(Markdown.of(body), clock.instant()));
    }

    public Incident get(long id) {
        return repository.incident(id).orElseThrow(() -> IncidentException.notFound("no incident with id " + id));
    }

    public List<Incident> list(IncidentFilter filter, int limit) {
        return list(filter, null, limit);
    }

    /** Newest first, after the last incident of a previous page (null: from the newest). */
    public List<Incident> list(IncidentFilter filter, IncidentRepository.Position after, int limit) {
        return repository.incidents(filter, after, limit);
    }

    /** Grows by one on every change made through this object, so that caches know when to rebuild. */
    public long changes() {
        return changes.get();
    }

    private Incident saved(Incident before, Incident changed) {
        Incident stored = repository.save(changed);
        changes.incrementAndGet();
        List<Update> added = Listeners.added(before.updates(), stored.updates());
        listeners.tell("incident " + stored.id(), l -> l.incidentChanged(stored, added));
        return stored;
    }
}
