package dev.lookout.status;

import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the public status page and its JSON API show, computed once and cached; a page
 * view never queries the store. {@code headline} is the banner's wording in English (the page
 * takes it from {@link PageText} in its language); {@code recentIncidents} are the newest 50, open
 * or not; {@code maintenances} the unfinished and recent ones, latest start first. The statuses
 * come from the live states; the uptime bars, incidents and maintenances were read from storage
 * at {@code dataAsOf} (null: they could not be read yet, the storage failing since the start).
 */
public record StatusSnapshot(ComponentStatus overall, String headline, List<ComponentView> components,
                             List<Incident> openIncidents, List<Incident> recentIncidents,
                             List<Maintenance> maintenances, Instant generatedAt, Instant dataAsOf) {
    /** Stored data older than this when the snapshot is made is shown with a note that it is delayed. */
    public static final java.time.Duration DELAYED_AFTER = java.time.Duration.ofMinutes(1);

    public StatusSnapshot(ComponentStatus overall, String headline, List<ComponentView> components, Instant generatedAt) {
        this(overall, headline, components, List.of(), List.of(), List.of(), generatedAt);
    }

    /** All of it read just now. */
    public StatusSnapshot(ComponentStatus overall, String headline, List<ComponentView> components,
                          List<Incident> openIncidents, List<Incident> recentIncidents, List<Maintenance> maintenances,
                          Instant generatedAt) {
        this(overall, headline, components, openIncidents, recentIncidents, maintenances, generatedAt, generatedAt);
    }

    /** Whether what was read from storage is older than {@link #DELAYED_AFTER}: the page says so. */
    public boolean delayed() {
        return dataAsOf == null || dataAsOf.plus(DELAYED_AFTER).isBefore(generatedAt);
    }

    /** Components by group, in configuration order; ungrouped components under "". */
    public Map<String, List<ComponentView>> groups() {
        Map<String, List<ComponentView>> out = new LinkedHashMap<>();
        for (ComponentView c : components) {
            out.computeIfAbsent(c.group(), g -> new java.util.ArrayList<>()).add(c);
        }
        return out;
    }

    /** The name of a configured component, or the id itself for one no longer configured. */
    public String componentName(String id) {
        return components.stream().filter(c -> c.id().equals(id)).map(ComponentView::name).findFirst().orElse(id);
    }

    /** Maintenances under way when the snapshot was taken. */
    public List<Maintenance> activeMaintenances() {
        return maintenances.stream().filter(m -> m.underWayAt(generatedAt)).toList();
    }

    /** The open incidents that name the component, as its page lists them. */
    public List<Incident> openIncidentsOf(String componentId) {
        return openIncidents.stream().filter(i -> i.components().containsKey(componentId)).toList();
    }

    /** The maintenances under way that name the component. */
    public List<Maintenance> activeMaintenancesOf(String componentId) {
        return activeMaintenances().stream().filter(m -> m.componentIds().contains(componentId)).toList();
    }

    /** Maintenances announced and not started when the snapshot was taken, soonest first. */
    public List<Maintenance> upcomingMaintenances() {
        return maintenances.stream().filter(m -> m.upcomingAt(generatedAt))
                .sorted(java.util.Comparator.comparing(Maintenance::scheduledFor)).toList();
    }
}
