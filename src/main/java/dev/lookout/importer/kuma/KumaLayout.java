package dev.lookout.importer.kuma;

import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where Kuma's monitors go on Lookout's pages. A Kuma group becomes a component and its monitors
 * (those of groups nested in it too, down to the nearest group) name it; a monitor shown on a
 * status page outside any group becomes a component of its own. A component is listed under the
 * heading of the status page group it first appears in.
 */
final class KumaLayout {
    private final Map<Long, KumaRow> monitors = new LinkedHashMap<>();
    /** Component id by Kuma group id, or by the id of a monitor that has a component of its own. */
    private final Map<Long, String> components = new HashMap<>();

    private KumaLayout(KumaData data) {
        data.monitors().forEach(m -> monitors.put(m.id(), m));
    }

    static KumaLayout build(KumaData data, Draft draft, Predicate<KumaRow> imported) {
        KumaLayout layout = new KumaLayout(data);
        Map<Long, String> headings = new LinkedHashMap<>();
        for (KumaData.StatusPage page : data.statusPages()) {
            for (KumaData.PageGroup group : page.groups()) {
                for (long id : group.monitorIds()) {
                    Long key = layout.groupFor(id);
                    KumaRow row = layout.monitors.get(id);
                    if (key == null && row != null && imported.test(row)) {
                        key = id;
                    }
                    if (key != null) {
                        headings.putIfAbsent(key, group.name());
                    }
                }
            }
        }
        layout.monitors.values().stream().filter(KumaLayout::isGroup).forEach(g -> headings.putIfAbsent(g.id(), null));
        headings.forEach((key, heading) -> {
            KumaRow row = layout.monitors.get(key);
            String id = draft.newComponentId(row.name(), "component-" + key);
            draft.addComponent(id, row.name(), new Node().put("group", heading)
                    .put("description", isGroup(row) ? row.text("description") : null));
            layout.components.put(key, id);
        });
        List<String> groups = new ArrayList<>();
        for (KumaRow row : layout.monitors.values()) {
            if (!isGroup(row)) {
                continue;
            }
            groups.add(row.name());
            Long outer = row.parent() == null ? null : layout.groupFor(row.parent());
            if (outer != null) {
                draft.notCarried("group '" + row.name() + "' is inside group '" + layout.monitors.get(outer).name()
                        + "': it became component '" + layout.components.get(row.id()) + "' of its own (Lookout's components"
                        + " do not nest), so '" + layout.components.get(outer) + "' does not show its monitors");
            }
        }
        if (!groups.isEmpty()) {
            draft.note("Kuma groups became components (a group is not a check in Lookout): " + String.join(", ", groups));
        }
        return layout;
    }

    static boolean isGroup(KumaRow row) {
        return "group".equals(row.type());
    }

    /** The group itself for a group, else the nearest group above the monitor, or null. */
    Long groupFor(long id) {
        Set<Long> seen = new HashSet<>();
        KumaRow row = monitors.get(id);
        while (row != null && seen.add(row.id())) {
            if (isGroup(row)) {
                return row.id();
            }
            row = row.parent() == null ? null : monitors.get(row.parent());
        }
        return null;
    }

    /** The component a monitor is part of, or null when it is on no page and in no group. */
    String componentOf(long id) {
        Long group = groupFor(id);
        return components.get(group == null ? id : group);
    }

    /** Paused in Kuma, itself or through a group above it. */
    boolean paused(long id) {
        Set<Long> seen = new HashSet<>();
        KumaRow row = monitors.get(id);
        while (row != null && seen.add(row.id())) {
            if (row.has("active") && !row.flag("active")) {
                return true;
            }
            row = row.parent() == null ? null : monitors.get(row.parent());
        }
        return false;
    }

    KumaRow monitor(long id) {
        return monitors.get(id);
    }
}
