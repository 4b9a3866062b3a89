package dev.lookout.web.console;

import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.Outbox;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.incident.MonitorHistory;
import dev.lookout.status.MonitorView;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's pages behind the login: the dashboard and its live events, a monitor's page, the
 * alerts, with the files they use. One route group for the node to wire; each page is a class of its own.
 */
public final class Console implements RouteGroup {
    private final List<RouteGroup> parts;

    /**
     * @param views   a monitor as the status read model sees it (its uptimes)
     * @param vantage each vantage point of a monitor as this node's verdicts by quorum see it
     * @param history the stored state changes
     * @param alerts  the alert engine and its outbox, for the alerts page
     * @param monitors the console's monitors, for the monitor editor
     * @param config  the running configuration: where each monitor is defined
     * @param types   the monitor types a new monitor may have
     */
    public Console(MonitorBoard board, StateEvents events, Function<String, Optional<MonitorView>> views,
                   Function<String, List<VantageVerdicts.Point>> vantage, MonitorHistory history, AlertEngine alerts,
                   Outbox outbox, InstantSource clock, dev.lookout.config.ConsoleMonitors monitors,
                   java.util.function.Supplier<dev.lookout.config.LookoutConfig> config, List<String> types) {
        ConsoleAssets assets = new ConsoleAssets();
        ConsoleView view = new ConsoleView(assets);
        this.parts = List.of(assets, new DashboardPage(board, view, clock), new EventStream(events),
                new MonitorPage(board, views, vantage, history, view, clock, config), new AlertsPage(alerts, outbox, board, view, clock),
                new MonitorEditPages(monitors, config, types, view));
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        parts.forEach(part -> routes.addAll(part.routes()));
        return routes;
    }
}
