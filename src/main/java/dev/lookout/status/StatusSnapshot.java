package dev.lookout.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the public status page shows, computed once and cached; a page view never queries the store. */
public record StatusSnapshot(ComponentStatus overall, String headline, List<ComponentView> components, Instant generatedAt) {

    /** Components by group, in configuration order; ungrouped components under "". */
    public Map<String, List<ComponentView>> groups() {
        Map<String, List<ComponentView>> out = new LinkedHashMap<>();
        for (ComponentView c : components) {
            out.computeIfAbsent(c.group(), g -> new java.util.ArrayList<>()).add(c);
        }
        return out;
    }
}
