package dev.lookout.importer.kuma;

import dev.lookout.config.PageConfig;
import dev.lookout.importer.Draft;
import dev.lookout.importer.Ids;
import dev.lookout.importer.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kuma status pages to Lookout pages: title, description, the components of the monitors shown,
 * in the page's order, at {@code /SLUG} (Kuma: {@code /status/SLUG}) or on its custom domain.
 */
final class KumaPages {
    private final Draft draft;
    private final KumaLayout layout;

    KumaPages(Draft draft, KumaLayout layout) {
        this.draft = draft;
        this.layout = layout;
    }

    /** @return Kuma status page id to the slug it was known by, for the maintenance report */
    Map<Long, String> translate(List<KumaData.StatusPage> pages) {
        Map<Long, String> slugs = new LinkedHashMap<>();
        for (KumaData.StatusPage page : pages) {
            KumaRow row = page.page();
            String slug = row.text("slug") == null ? "page-" + row.id() : row.text("slug");
            slugs.put(row.id(), slug);
            String what = "status page '" + slug + "'";
            Set<String> components = new LinkedHashSet<>();
            Map<String, List<String>> collapsed = new LinkedHashMap<>();
            for (KumaData.PageGroup group : page.groups()) {
                for (long id : group.monitorIds()) {
                    String component = layout.componentOf(id);
                    KumaRow monitor = layout.monitor(id);
                    if (component == null || monitor == null) {
                        continue;
                    }
                    components.add(component);
                    Long kumaGroup = layout.groupFor(id);
                    if (kumaGroup != null && kumaGroup != id) {
                        collapsed.computeIfAbsent(layout.monitor(kumaGroup).name(), g -> new ArrayList<>()).add(monitor.name());
                    }
                }
            }
            if (components.isEmpty()) {
                draft.notCarried(what + ": not imported: none of its monitors was imported");
                continue;
            }
            Node settings = new Node().put("title", row.text("title")).put("description", row.text("description"));
            List<String> domains = KumaJson.list(row.raw("domains"));
            if (!domains.isEmpty()) {
                settings.put("host", domains.getFirst());
                if (domains.size() > 1) {
                    draft.notCarried(what + ": domains " + String.join(", ", domains.subList(1, domains.size()))
                            + " not carried over: a Lookout page has one host");
                }
            } else {
                String path = Ids.slug(slug).replaceAll("[^a-z0-9_.-]", "");
                if (path.isEmpty() || PageConfig.RESERVED_PATHS.contains(path)) {
                    path = "status-" + path;
                }
                settings.put("path", "/" + path);
                draft.note(what + " is served at /" + path + " (Kuma served it at /status/" + slug + ")");
            }
            settings.put("components", List.copyOf(components));
            draft.addPage(slug, settings);
            collapsed.forEach((group, monitors) -> draft.notCarried(what + ": " + String.join(", ", monitors)
                    + " are shown as their group's component '" + group + "' (a Lookout page lists components, not monitors)"));
            reportSettings(what, row);
        }
        return slugs;
    }

    private void reportSettings(String what, KumaRow row) {
        List<String> lost = new ArrayList<>();
        if (row.text("footer_text") != null) lost.add("footer text");
        if (row.text("custom_css") != null) lost.add("custom CSS");
        if (row.text("password") != null) lost.add("password");
        if (row.text("analytics_id") != null) lost.add("analytics");
        if (row.flag("show_tags")) lost.add("tags shown next to monitors");
        if (row.flag("show_certificate_expiry")) lost.add("certificate expiry shown");
        if (row.text("icon") != null && !row.text("icon").equals("/icon.svg")) lost.add("icon (an uploaded file; see pages[].logo)");
        if (row.text("theme") != null && !row.text("theme").equals("light") && !row.text("theme").equals("auto")) lost.add(row.text("theme") + " theme");
        if (!lost.isEmpty()) {
            draft.notCarried(what + ": " + String.join(", ", lost) + " not carried over: Lookout's page has no such setting");
        }
        if (row.has("published") && !row.flag("published")) {
            draft.notCarried(what + ": it was unpublished in Kuma; Lookout serves every page it is given (remove it from pages: to hide it)");
        }
    }
}
