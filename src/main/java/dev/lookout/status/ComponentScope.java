package dev.lookout.status;

import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a page that lists its components shows of the whole: those components, in the page's
 * order, and the incidents and maintenances that name at least one of them, with every mention of
 * another component taken out (a public page must not name an internal component because one
 * incident touched both). An incident that names none of them, or no component at all, is not
 * shown there.
 */
final class ComponentScope {
    private final List<String> ids;
    private final Set<String> idSet;

    ComponentScope(Collection<String> componentIds) {
        this.ids = List.copyOf(new LinkedHashSet<>(componentIds));
        this.idSet = Set.copyOf(ids);
    }

    StatusSnapshot snapshot(StatusSnapshot s) {
        Map<String, ComponentView> byId = s.components().stream().collect(Collectors.toMap(ComponentView::id, Function.identity()));
        List<ComponentView> components = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        ComponentStatus overall = ComponentStatus.overall(components.stream().map(ComponentView::status).toList());
        return new StatusSnapshot(overall, PageText.english().banner(overall), components, incidents(s.openIncidents()),
                incidents(s.recentIncidents()), maintenances(s.maintenances()), s.generatedAt(), s.dataAsOf());
    }

    IncidentHistory history(IncidentHistory h, ZoneId zone) {
        return new IncidentHistory(incidents(h.incidents()), maintenances(h.maintenances()), h.truncated(), h.generatedAt(), zone);
    }

    Optional<Incident> incident(Incident i) {
        if (i.components().keySet().stream().noneMatch(idSet::contains)) {
            return Optional.empty();
        }
        return Optional.of(new Incident(i.id(), i.name(), i.status(), i.impact(), i.createdAt(), i.updatedAt(), i.monitoringAt(),
                i.resolvedAt(), i.postmortem(), updates(i.updates()), i.version()));
    }

    Optional<Maintenance> maintenance(Maintenance m) {
        List<String> shown = m.componentIds().stream().filter(idSet::contains).toList();
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Maintenance(m.id(), m.name(), m.status(), m.scheduledFor(), m.scheduledUntil(), shown,
                m.createdAt(), m.updatedAt(), m.startedAt(), m.completedAt(), updates(m.updates()), m.version()));
    }

    private List<Incident> incidents(List<Incident> incidents) {
        return incidents.stream().map(this::incident).flatMap(Optional::stream).toList();
    }

    private List<Maintenance> maintenances(List<Maintenance> maintenances) {
        return maintenances.stream().map(this::maintenance).flatMap(Optional::stream).toList();
    }

    private List<Update> updates(List<Update> updates) {
        return updates.stream().map(u -> new Update(u.id(), u.status(), u.body(), u.createdAt(),
                u.changes().stream().filter(c -> idSet.contains(c.componentId())).toList())).toList();
    }
}
