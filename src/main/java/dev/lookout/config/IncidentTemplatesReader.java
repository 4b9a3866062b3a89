package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.choice;
import static dev.lookout.config.ValueShape.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code incident_templates:}, the saved messages of the console's incident forms. */
final class IncidentTemplatesReader {
    static final List<String> STATUSES = List.of("investigating", "identified", "monitoring", "resolved");
    static final List<String> IMPACTS = List.of("none", "minor", "major", "critical");

    static final ValueShape.Mapping TEMPLATE = mapping(
            required("id", TEXT, "Unique id of the template"),
            key("name", TEXT, null, "Name shown in the template menu (default: the id)"),
            key("title", TEXT, null, "Title of an incident opened from this template"),
            key("status", choice(STATUSES.toArray(String[]::new)), null, "Status the template sets in the form"),
            key("impact", choice(IMPACTS.toArray(String[]::new)), null, "Impact the template sets in a new incident's form"),
            required("body", TEXT, "The message, in Markdown"));

    List<IncidentTemplateConfig> read(ConfigNode node) {
        List<IncidentTemplateConfig> out = new ArrayList<>();
        if (!node.isPresent()) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (ConfigNode t : node.elements()) {
            if (!t.isMapping()) {
                t.error("expected an incident template (a mapping with id and body)");
                continue;
            }
            String id = t.requiredString("id").orElse(null);
            if (id != null && !ids.add(id)) {
                t.get("id").error("duplicate incident template id '" + id + "'");
            }
            String status = word(t, "status", STATUSES);
            String impact = word(t, "impact", IMPACTS);
            String body = t.requiredString("body").orElse(null);
            IncidentTemplateConfig template = new IncidentTemplateConfig(id, t.string("name", id), t.string("title", null),
                    status, impact, body);
            t.rejectUnknownKeys(TEMPLATE.keys());
            if (id != null && body != null) {
                out.add(template);
            }
        }
        return List.copyOf(out);
    }

    private static String word(ConfigNode node, String key, List<String> known) {
        String value = node.string(key, null);
        if (value != null && !known.contains(value)) {
            node.get(key).error("unknown " + key + " '" + value + "' (known: " + String.join(", ", known) + ")");
            return null;
        }
        return value;
    }
}
