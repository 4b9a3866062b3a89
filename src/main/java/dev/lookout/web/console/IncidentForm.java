package dev.lookout.web.console;

import dev.lookout.config.IncidentTemplateConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an incident form holds, as typed: shown again with the refusal's message when the incident
 * package refuses it, so nothing typed is lost.
 *
 * @param components component id to the status code chosen; a component left at "not affected"
 *                   (or "unchanged") is not in it
 */
public record IncidentForm(String title, String status, String impact, String body, Map<String, String> components) {
    /** The prefix of a component's field: {@code component.web}. */
    static final String COMPONENT = "component.";

    public IncidentForm {
        components = Map.copyOf(components);
    }

    static final IncidentForm EMPTY = new IncidentForm("", "investigating", "none", "", Map.of());

    /** The fields of a posted form; blank fields are absent (null, or not in {@code components}). */
    static IncidentForm posted(Context ctx) {
        Map<String, String> components = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.startsWith(COMPONENT) && !values.isEmpty() && !values.getFirst().isBlank()) {
                components.put(name.substring(COMPONENT.length()), values.getFirst());
            }
        });
        return new IncidentForm(field(ctx, "title"), field(ctx, "status"), field(ctx, "impact"), field(ctx, "body"), components);
    }

    /** This form with what {@code template} sets. */
    IncidentForm with(IncidentTemplateConfig template) {
        return new IncidentForm(template.title() != null ? template.title() : title,
                template.status() != null ? template.status() : status,
                template.impact() != null ? template.impact() : impact, template.body(), components);
    }

    /** The status chosen for a component, or "" for none. */
    public String component(String id) {
        return components.getOrDefault(id, "");
    }

    /** A text field, null when absent or blank. */
    static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
