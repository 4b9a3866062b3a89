package dev.lookout.web.console;

import dev.lookout.web.MonitorFilter;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /console}: every monitor with its state, last check, latency, component, type and
 * tags; counts per state; filtered by the query string. The page works without script; with it,
 * {@code console.js} filters as the operator types and applies the state changes of
 * {@link EventStream} to the rows.
 */
public final class DashboardPage implements RouteGroup {
    /** Bytes of HTML per monitor, about: sizes the render buffer once. */
    private static final int ROW_BYTES = 400;

    private final MonitorBoard board;
    private final ConsoleView view;
    private final InstantSource clock;

    DashboardPage(MonitorBoard board, ConsoleView view, InstantSource clock) {
        this.board = board;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console", Role.VIEWER, this::dashboard));
    }

    private void dashboard(Context ctx) {
        MonitorFilter filter = MonitorFilter.of(ctx);
        DashboardView dashboard = DashboardView.of(board.rows(), filter, clock.instant());
        view.render(ctx, "console/dashboard.jte", Map.of("view", dashboard), 8192 + dashboard.rows().size() * ROW_BYTES);
    }
}
