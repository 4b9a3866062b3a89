package dev.lookout.web.console;

import dev.lookout.config.ConfigError;
import dev.lookout.config.ConsoleMonitors;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.MonitorOrigin;
import dev.lookout.web.ApiException;
import dev.lookout.web.MonitorWrites;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's monitor editor (admins): a new monitor from a type's starting definition, a
 * console monitor's definition to change or delete. The definition is YAML, one {@code monitors:}
 * entry, checked by the server as the file's entries are; a refused one comes back with each error
 * at its line. Forms post and redirect, so the pages work without script. A monitor of
 * {@code lookout.yaml} is not editable here: its page says where it is defined.
 */
final class MonitorEditPages implements RouteGroup {
    /** A starting definition per type; other types start from their id and type. */
    private static final Map<String, String> STARTS = Map.of(
            "http", """
                    id: my-site
                    name: My site
                    type: http
                    url: https://example.com/health
                    interval: 60s
                    conditions:
                      - status == 200
                    """,
            "tcp", """
                    id: my-service
                    name: My service
                    type: tcp
                    host: 127.0.0.1
                    port: 5432
                    interval: 60s
                    """);

    private final ConsoleMonitors monitors;
    private final Supplier<LookoutConfig> config;
    private final List<String> types;
    private final ConsoleView view;

    MonitorEditPages(ConsoleMonitors monitors, Supplier<LookoutConfig> config, List<String> types, ConsoleView view) {
        this.monitors = monitors;
        this.config = config;
        this.types = types.stream().sorted().toList();
        this.view = view;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/new-monitor", Role.ADMIN, this::newForm),
                Route.of(HandlerType.POST, "/console/new-monitor", Role.ADMIN, this::create),
                Route.get("/console/monitors/{id}/edit", Role.ADMIN, this::editForm),
                Route.of(HandlerType.POST, "/console/monitors/{id}/edit", Role.ADMIN, this::update),
                Route.of(HandlerType.POST, "/console/monitors/{id}/delete", Role.ADMIN, this::delete));
    }

    private void newForm(Context ctx) {
        String type = ctx.queryParam("type");
        if (type != null && !types.contains(type)) {
            throw ApiException.badRequest("unknown type '" + type + "' (known: " + String.join(", ", types) + ")");
        }
        String start = type == null ? "" : STARTS.getOrDefault(type, "id: my-monitor\nname: My monitor\ntype: " + type + "\n"
                + "# the keys of this type: docs/monitors.md\n");
        render(ctx, new MonitorForm(null, start, 0, List.of(), null, types, type, leftOut()), 200);
    }

    private void create(Context ctx) {
        String definition = definition(ctx);
        try {
            ManagedMonitor created = MonitorWrites.create(monitors, ctx, definition);
            redirect(ctx, "/console/monitors/" + encode(created.id()));
        } catch (ConsoleMonitors.Refusal refusal) {
            render(ctx, new MonitorForm(null, definition, 0, refusal.errors(), refusal.getMessage(), types, null, leftOut()),
                    status(refusal));
        }
    }

    private void editForm(Context ctx) {
        String id = ctx.pathParam("id");
        ManagedMonitor monitor = managed(id);
        render(ctx, new MonitorForm(id, monitor.definition(), monitor.version(), config.get().origins().problemsOf(id), null,
                types, null, List.of()), 200);
    }

    private void update(Context ctx) {
        String id = ctx.pathParam("id");
        managed(id);
        String definition = definition(ctx);
        long version = version(ctx);
        try {
            MonitorWrites.update(monitors, ctx, id, definition, version);
            redirect(ctx, "/console/monitors/" + encode(id));
        } catch (ConsoleMonitors.Refusal refusal) {
            render(ctx, new MonitorForm(id, definition, version, refusal.errors(), refusal.getMessage(), types, null,
                    List.of()), status(refusal));
        }
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        managed(id);
        try {
            MonitorWrites.delete(monitors, ctx, id, version(ctx));
            redirect(ctx, "/console");
        } catch (ConsoleMonitors.Refusal refusal) {
            throw new ApiException(status(refusal), refusal.getMessage());
        }
    }

    /** A console monitor, or 404 (409 for a monitor of the file, which is changed there). */
    private ManagedMonitor managed(String id) {
        MonitorOrigin origin = config.get().origins().of(id).orElse(null);
        if (origin != null && origin.fromFile()) {
            throw new ApiException(409, "monitor '" + id + "' is defined in " + origin.describe() + ": change it there");
        }
        return monitors.find(id).orElseThrow(() -> ApiException.notFound("no console monitor with id '" + id + "'"));
    }

    /** The console monitors that do not run, and why. */
    private List<ConfigError> leftOut() {
        return config.get().origins().problems();
    }

    private void render(Context ctx, MonitorForm form, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        view.render(ctx, "console/monitor_edit.jte", model, 8_192);
        ctx.status(status);
    }

    private static String definition(Context ctx) {
        String definition = ctx.formParam("definition");
        if (definition == null) {
            throw ApiException.badRequest("the form has no definition field");
        }
        return definition.replace("\r\n", "\n");
    }

    private static long version(Context ctx) {
        String given = ctx.formParam("version");
        try {
            long version = Long.parseLong(given == null ? "" : given);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version: '" + given + "' is not a version number: reload the page");
        }
    }

    private static int status(ConsoleMonitors.Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case IN_FILE, TAKEN, STALE -> 409;
        };
    }

    private static void redirect(Context ctx, String to) {
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(to, HttpStatus.SEE_OTHER);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
