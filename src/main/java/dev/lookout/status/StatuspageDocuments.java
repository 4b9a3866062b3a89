package dev.lookout.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The documents of Atlassian Statuspage's public API v2 ({@code /api/v2/summary.json} and the
 * others), with its object shapes, field names and enum values, so that existing consumers work
 * unchanged. All eight are rendered to bytes together from one {@link StatusSnapshot} and kept
 * until the read model hands out a new snapshot: a request costs a map lookup.
 */
public final class StatuspageDocuments {
    /** The paths under {@code /api/v2/}, as served. */
    public static final List<String> PATHS = List.of("summary.json", "status.json", "components.json", "incidents.json",
            "incidents/unresolved.json", "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
            "scheduled-maintenances/active.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private record Rendered(StatusSnapshot source, Map<String, byte[]> documents) {
    }

    private final Supplier<StatusSnapshot> snapshots;
    private final StatuspagePage page;
    private volatile Rendered rendered;

    public StatuspageDocuments(StatusReadModel model, StatuspagePage page) {
        this(model::snapshot, page);
    }

    /** @param snapshots what the page shows, the same object until it changes (the documents are kept until then) */
    public StatuspageDocuments(Supplier<StatusSnapshot> snapshots, StatuspagePage page) {
        this.snapshots = snapshots;
        this.page = page;
    }

    /** The JSON of one of {@link #PATHS}, or null for another path. */
    public byte[] document(String path) {
        StatusSnapshot snapshot = snapshots.get();
        Rendered r = rendered;
        if (r == null || r.source() != snapshot) {
            r = new Rendered(snapshot, render(snapshot));
            rendered = r;
        }
        return r.documents().get(path);
    }

    private Map<String, byte[]> render(StatusSnapshot s) {
        Map<String, Object> components = componentsById(s);
        Map<String, Object> pageObject = pageObject(s);
        List<Object> componentList = componentList(s, components);
        List<Object> unresolved = s.openIncidents().stream().<Object>map(i -> incident(i, components)).toList();
        List<Object> active = s.activeMaintenances().stream().<Object>map(m -> maintenance(m, components)).toList();
        List<Object> upcoming = s.upcomingMaintenances().stream().<Object>map(m -> maintenance(m, components)).toList();
        Map<String, Object> status = status(s);

        Map<String, byte[]> out = new HashMap<>();
        out.put("summary.json", bytes(doc(pageObject, "components", componentList, "incidents", unresolved,
                "scheduled_maintenances", Stream.concat(active.stream(), upcoming.stream()).toList(), "status", status)));
        out.put("status.json", bytes(doc(pageObject, "status", status)));
        out.put("components.json", bytes(doc(pageObject, "components", componentList)));
        out.put("incidents.json", bytes(doc(pageObject, "incidents",
                s.recentIncidents().stream().map(i -> incident(i, components)).toList())));
        out.put("incidents/unresolved.json", bytes(doc(pageObject, "incidents", unresolved)));
        out.put("scheduled-maintenances.json", bytes(doc(pageObject, "scheduled_maintenances",
                s.maintenances().stream().limit(StatusReadModel.RECENT_INCIDENTS).map(m -> maintenance(m, components)).toList())));
        out.put("scheduled-maintenances/upcoming.json", bytes(doc(pageObject, "scheduled_maintenances", upcoming)));
        out.put("scheduled-maintenances/active.json", bytes(doc(pageObject, "scheduled_maintenances", active)));
        return Map.copyOf(out);
    }

    private static Map<String, Object> doc(Map<String, Object> page, Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", page);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private Map<String, Object> pageObject(StatusSnapshot s) {
        Instant updated = Stream.of(
                        s.components().stream().map(ComponentView::updatedAt),
                        s.recentIncidents().stream().map(Incident::updatedAt),
                        s.maintenances().stream().map(Maintenance::updatedAt))
                .flatMap(x -> x).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(s.generatedAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", page.id());
        out.put("name", page.name());
        out.put("url", page.url());
        out.put("time_zone", page.timeZone());
        out.put("updated_at", time(updated));
        return out;
    }

    /**
     * Statuspage's indicator: the worst of the open incidents' impacts and the components'
     * statuses (degraded → minor, partial → major, major outage → critical); {@code maintenance}
     * when nothing is worse than none and a maintenance is under way.
     */
    private static Map<String, Object> status(StatusSnapshot s) {
        int worst = 0;
        for (Incident i : s.openIncidents()) {
            worst = Math.max(worst, i.impact().ordinal());
        }
        for (ComponentView c : s.components()) {
            worst = Math.max(worst, switch (c.status()) {
                case DEGRADED_PERFORMANCE -> Impact.MINOR.ordinal();
                case PARTIAL_OUTAGE -> Impact.MAJOR.ordinal();
                case MAJOR_OUTAGE -> Impact.CRITICAL.ordinal();
                default -> 0;
            });
        }
        boolean maintenance = !s.activeMaintenances().isEmpty()
                || s.components().stream().anyMatch(c -> c.status() == ComponentStatus.UNDER_MAINTENANCE);
        String indicator = worst == 0 && maintenance ? "maintenance" : Impact.values()[worst].code();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("indicator", indicator);
        out.put("description", switch (indicator) {
            case "minor" -> "Minor Service Outage";
            case "major" -> "Partial System Outage";
            case "critical" -> "Major Service Outage";
            case "maintenance" -> "Service Under Maintenance";
            default -> "All Systems Operational";
        });
        return out;
    }

    /** The component objects by id (Statuspage has no "no data": a component not checked yet shows operational). */
    private Map<String, Object> componentsById(StatusSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (ComponentView c : s.components()) {
            int position = positions.merge(c.group(), 1, Integer::sum);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", c.id());
            json.put("name", c.name());
            json.put("status", statusCode(c.status()));
            json.put("created_at", time(c.createdAt()));
            json.put("updated_at", time(c.updatedAt()));
            json.put("position", position);
            json.put("description", c.description() == null || c.description().isEmpty() ? null : c.description());
            json.put("showcase", true);
            json.put("start_date", LocalDate.ofInstant(c.createdAt(), ZoneOffset.UTC).toString());
            json.put("group_id", c.group().isEmpty() ? null : groupId(c.group()));
            json.put("page_id", page.id());
            json.put("group", false);
            json.put("only_show_if_degraded", false);
            out.put(c.id(), json);
        }
        return out;
    }

    /** Components and their groups in page order; a group object lists its members' ids, as Statuspage's do. */
    private List<Object> componentList(StatusSnapshot s, Map<String, Object> components) {
        List<Object> out = new ArrayList<>();
        int topLevel = 0;
        for (Map.Entry<String, List<ComponentView>> group : s.groups().entrySet()) {
            if (group.getKey().isEmpty()) {
                for (ComponentView c : group.getValue()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) components.get(c.id()));
                    json.put("position", ++topLevel);
                    out.add(json);
                }
                continue;
            }
            List<ComponentView> members = group.getValue();
            ComponentStatus worst = members.stream().map(ComponentView::status)
                    .max(Comparator.comparingInt(ComponentStatus::severity)).orElse(ComponentStatus.OPERATIONAL);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", groupId(group.getKey()));
            json.put("name", group.getKey());
            json.put("status", statusCode(worst));
            json.put("created_at", time(members.stream().map(ComponentView::createdAt).min(Comparator.naturalOrder()).orElseThrow()));
            json.put("updated_at", time(members.stream().map(ComponentView::updatedAt).max(Comparator.naturalOrder()).orElseThrow()));
            json.put("position", ++topLevel);
            json.put("description", null);
            json.put("showcase", false);
            json.put("start_date", null);
            json.put("group_id", null);
            json.put("page_id", page.id());
            json.put("group", true);
            json.put("only_show_if_degraded", false);
            json.put("components", members.stream().map(ComponentView::id).toList());
            out.add(json);
            members.forEach(c -> out.add(components.get(c.id())));
        }
        return out;
    }

    private Map<String, Object> incident(Incident i, Map<String, Object> components) {
        Map<String, Object> out = event(String.valueOf(i.id()), i.name(), i.status().code(), i.createdAt(), i.updatedAt(),
                i.monitoringAt(), i.resolvedAt(), i.impact().code(), "incidents", i.createdAt());
        out.put("incident_updates", updates(String.valueOf(i.id()), i.updates(), components));
        out.put("components", i.components().keySet().stream().map(components::get).filter(Objects::nonNull).toList());
        return out;
    }

    private Map<String, Object> maintenance(Maintenance m, Map<String, Object> components) {
        Map<String, Object> out = event(String.valueOf(m.id()), m.name(), m.status().code(), m.createdAt(), m.updatedAt(),
                null, m.completedAt(), "maintenance", "maintenances",
                m.startedAt() == null ? m.scheduledFor() : m.startedAt());
        out.put("incident_updates", updates(String.valueOf(m.id()), m.updates(), components));
        out.put("components", m.componentIds().stream().map(components::get).filter(Objects::nonNull).toList());
        out.put("scheduled_for", time(m.scheduledFor()));
        out.put("scheduled_until", time(m.scheduledUntil()));
        return out;
    }

    private Map<String, Object> event(String id, String name, String status, Instant created, Instant updated,
                                      Instant monitoring, Instant resolved, String impact, String collection,
                                      Instant started) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("status", status);
        out.put("created_at", time(created));
        out.put("updated_at", time(updated));
        out.put("monitoring_at", time(monitoring));
        out.put("resolved_at", time(resolved));
        out.put("impact", impact);
        out.put("shortlink", page.url().replaceAll("/+$", "") + "/" + collection + "/" + id); // the HTML page, as Statuspage's
        out.put("started_at", time(started));
        out.put("page_id", page.id());
        return out;
    }

    /** Newest first, as Statuspage lists them; the body is the Markdown as written (Statuspage's bodies are text). */
    private static List<Object> updates(String parentId, List<Update> updates, Map<String, Object> components) {
        List<Object> out = new ArrayList<>();
        for (Update u : updates.reversed()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", String.valueOf(u.id()));
            json.put("status", u.status().code());
            json.put("body", u.body().source());
            json.put("incident_id", parentId);
            json.put("created_at", time(u.createdAt()));
            json.put("updated_at", time(u.createdAt()));
            json.put("display_at", time(u.createdAt()));
            json.put("affected_components", u.changes().isEmpty() ? null : u.changes().stream().map(c -> {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("code", c.componentId());
                @SuppressWarnings("unchecked")
                Map<String, Object> component = (Map<String, Object>) components.get(c.componentId());
                change.put("name", component == null ? c.componentId() : component.get("name"));
                change.put("old_status", c.oldStatus().code());
                change.put("new_status", c.newStatus().code());
                return change;
            }).toList());
            json.put("deliver_notifications", false);
            json.put("custom_tweet", null);
            json.put("tweet_id", null);
            out.add(json);
        }
        return out;
    }

    private static String statusCode(ComponentStatus status) {
        return status == ComponentStatus.NO_DATA ? ComponentStatus.OPERATIONAL.code() : status.code();
    }

    private static String groupId(String group) {
        return "group-" + group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    private static byte[] bytes(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a Statuspage document", e);
        }
    }
}
