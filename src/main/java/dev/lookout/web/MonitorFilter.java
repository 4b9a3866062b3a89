package dev.lookout.web;

import dev.lookout.evaluate.MonitorState;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Which monitors a list shows, from the query string ({@code ?state=down&tag=prod&component=api&type=http&q=shop}):
 * one set of rules for {@code GET /api/v1/monitors} and the console dashboard, so that a filtered
 * view is a link to share. An empty parameter filters nothing; {@code q} looks, without case, in
 * the words the list gives (id, name, type, component and tags). The browser applies the same
 * rules as the operator types ({@code console.js}).
 */
public record MonitorFilter(String state, String tag, String component, String type, String text) {
    /** Longer query values are refused: no monitor id, tag or name is this long. */
    static final int MAX_LENGTH = 200;

    /** The filter of the query string; a 400 for an unknown state or a value longer than {@value #MAX_LENGTH}. */
    public static MonitorFilter of(Context ctx) {
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

    /**
     * Whether a monitor passes.
     *
     * @param state     its state in lower case ({@code up}, {@code down}, ...)
     * @param component its component's id, or null when it has none
     * @param words     the lower-case words {@code q} looks in
     */
    public boolean matches(String state, List<String> tags, String component, String type, String words) {
        return (this.state.isEmpty() || this.state.equals(state))
                && (tag.isEmpty() || tags.contains(tag))
                && (this.component.isEmpty() || this.component.equals(component))
                && (this.type.isEmpty() || this.type.equals(type))
                && (text.isEmpty() || words.contains(text));
    }

    /** This filter with another state: the links of the dashboard's counts. */
    public MonitorFilter withState(String other) {
        return new MonitorFilter(other, tag, component, type, text);
    }

    /** The query string of this filter ({@code ?state=down&tag=prod}), or "" when it filters nothing. */
    public String query() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "state", state);
        add(query, "tag", tag);
        add(query, "component", component);
        add(query, "type", type);
        add(query, "q", text);
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (!value.isEmpty()) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
