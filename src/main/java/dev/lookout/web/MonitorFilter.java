package dev.lookout.web;

import dev.lookout.evaluate.MonitorState;
import dev.lookout.status.MonitorView;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which monitors {@code GET /api/v1/monitors} lists, from the query string: the console
 * dashboard's filters ({@code ?state=down&tag=prod&component=api&type=http&q=shop}) with the same
 * rules. An empty parameter filters nothing; {@code q} looks, without case, in the id, name, type,
 * component and tags.
 */
record MonitorFilter(String state, String tag, String component, String type, String text) {
    /** Longer query values are refused: no monitor id, tag or name is this long. */
    static final int MAX_LENGTH = 200;

    static MonitorFilter of(Context ctx) {
        String state = param(ctx, "state").toLowerCase(Locale.ROOT);
        if (!state.isEmpty() && Arrays.stream(MonitorState.values()).noneMatch(s -> s.name().equalsIgnoreCase(state))) {
            throw ApiException.badRequest("unknown state '" + state + "' (use unknown, up, degraded, down or paused)");
        }
        return new MonitorFilter(state, param(ctx, "tag"), param(ctx, "component"), param(ctx, "type"),
                param(ctx, "q").toLowerCase(Locale.ROOT));
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return "";
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw ApiException.badRequest("query parameter '" + name + "' is longer than " + MAX_LENGTH + " characters");
        }
        return value;
    }

    boolean matches(MonitorView m, List<String> tags) {
        String component = m.componentId() == null ? "" : m.componentId();
        return (state.isEmpty() || state.equals(m.state().name().toLowerCase(Locale.ROOT)))
                && (tag.isEmpty() || tags.contains(tag))
                && (this.component.isEmpty() || this.component.equals(component))
                && (type.isEmpty() || type.equals(m.type()))
                && (text.isEmpty() || String.join(" ", m.id(), m.name(), m.type(), component, String.join(" ", tags))
                .toLowerCase(Locale.ROOT).contains(text));
    }
}
