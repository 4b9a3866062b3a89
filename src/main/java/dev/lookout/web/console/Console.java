package dev.lookout.web.console;

import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's pages behind the login: the dashboard and its live events, with the files they
 * use. One route group for the node to wire; each page is a class of its own.
 */
public final class Console implements RouteGroup {
    private final List<RouteGroup> parts;

    public Console(MonitorBoard board, StateEvents events, InstantSource clock) {
        ConsoleAssets assets = new ConsoleAssets();
        ConsoleView view = new ConsoleView(assets);
        this.parts = List.of(assets, new DashboardPage(board, view, clock), new EventStream(events));
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        parts.forEach(part -> routes.addAll(part.routes()));
        return routes;
    }
}
