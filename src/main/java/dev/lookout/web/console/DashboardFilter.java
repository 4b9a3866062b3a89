package dev.lookout.web.console;

import dev.lookout.evaluate.MonitorState;
import dev.lookout.web.ApiException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What the dashboard shows, from the query string ({@code ?state=down&tag=prod&component=api&type=http&q=shop}),
 * so that a filtered view is a link to share. Empty parameters filter nothing; the browser applies
 * the same rules as the operator types ({@code console.js}).
 */
public record DashboardFilter(String state, String tag, String component, String type, String text) {
    /** Longer query values are refused: no monitor id, tag or name is this long. */
    static final int MAX_LENGTH = 200;
    static final DashboardFilter NONE = new DashboardFilter("", "", "", "", "");

    static DashboardFilter of(Context ctx) {
        String state = param(ctx, "state").toLowerCase(Locale.ROOT);
        if (!state.isEmpty() && Arrays.stream(MonitorState.values()).noneMatch(s -> s.name().equalsIgnoreCase(state))) {
            throw ApiException.badRequest("unknown state '" + state + "' (use unknown, up, degraded, down or paused)");
        }
        return new DashboardFilter(state, param(ctx, "tag"), param(ctx, "component"), param(ctx, "type"),
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

    boolean matches(MonitorRow row) {
        return (state.isEmpty() || state.equals(row.state()))
                && (tag.isEmpty() || row.tags().contains(tag))
                && (component.isEmpty() || component.equals(row.component()))
                && (type.isEmpty() || type.equals(row.type()))
                && (text.isEmpty() || row.words().contains(text));
    }

    /** This filter with another state: the links of the counts. */
    public DashboardFilter withState(String other) {
        return new DashboardFilter(other, tag, component, type, text);
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
