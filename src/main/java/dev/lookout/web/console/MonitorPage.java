package dev.lookout.web.console;

import dev.lookout.evaluate.StateChange;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.incident.MonitorHistory;
import dev.lookout.status.MonitorView;
import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /console/monitors/{id}}: one monitor in detail. The state history is read from
 * storage (the last {@link #HISTORY_DAYS} days, at most {@link #HISTORY_LIMIT} changes); the rest
 * comes from memory and the status read model.
 */
public final class MonitorPage implements RouteGroup {
    static final int HISTORY_DAYS = 7;
    static final int HISTORY_LIMIT = 200;

    private final MonitorBoard board;
    private final Function<String, Optional<MonitorView>> views;
    private final Function<String, List<VantageVerdicts.Point>> vantage;
    private final MonitorHistory history;
    private final ConsoleView view;
    private final InstantSource clock;
    private final java.util.function.Supplier<dev.lookout.config.LookoutConfig> config;

    MonitorPage(MonitorBoard board, Function<String, Optional<MonitorView>> views,
                Function<String, List<VantageVerdicts.Point>> vantage, MonitorHistory history, ConsoleView view,
                InstantSource clock, java.util.function.Supplier<dev.lookout.config.LookoutConfig> config) {
        this.config = config;
        this.board = board;
        this.views = views;
        this.vantage = vantage;
        this.history = history;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console/monitors/{id}", Role.VIEWER, this::monitor));
    }

    private void monitor(Context ctx) {
        String id = ctx.pathParam("id");
        MonitorRow row = board.row(id).orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'"));
        Instant now = clock.instant();
        Optional<MonitorView> shown = views.apply(id);
        List<StateChange> changes = new ArrayList<>(history.stateChanges(List.of(id), now.minus(Duration.ofDays(HISTORY_DAYS)),
                now, HISTORY_LIMIT));
        Collections.reverse(changes);
        MonitorDetail detail = new MonitorDetail(row, shown.map(MonitorView::uptime24h).orElse(null),
                shown.map(MonitorView::uptime7d).orElse(null), shown.map(MonitorView::uptime30d).orElse(null),
                board.last(id).or(() -> shown.map(MonitorView::lastResult)).orElse(null), vantage.apply(id), changes, now);
        view.render(ctx, "console/monitor.jte", Map.of("detail", detail, "source", source(ctx, id)), 16_384);
    }

    /** Where the monitor is defined; its YAML for admins only (a file's entry may hold a literal secret). */
    private MonitorSource source(Context ctx, String id) {
        var origins = config.get().origins();
        var origin = origins.of(id).orElse(null);
        boolean admin = dev.lookout.web.Caller.of(ctx).role().atLeast(dev.lookout.account.AccountRole.ADMIN);
        return new MonitorSource(origin, admin && origin != null ? origin.yaml() : null, origins.problemsOf(id), admin);
    }
}
