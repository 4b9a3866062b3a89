package dev.lookout.web.console;

import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.Outbox;
import dev.lookout.control.MonitorControls;
import dev.lookout.web.AccountActions;
import dev.lookout.web.AuditTrail;
import dev.lookout.web.ChannelActions;
import dev.lookout.web.Route;
import dev.lookout.web.SubscriberActions;
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
 * alerts, incidents and maintenance, the channels, and for editors and admins the subscribers, users,
 * API keys and audit log, with the files they use. One route group for the node to wire; each page
 * is a class of its own.
 */
public final class Console implements RouteGroup {
    private final List<RouteGroup> parts;

    /**
     * What the administration pages act through, shared with the API: channels, subscribers, users
     * and API keys, and the audit log.
     */
    public record Administration(ChannelActions channels, SubscriberActions subscribers, AccountActions accounts,
                                 AuditTrail audit) {
    }

    /**
     * @param views   a monitor as the status read model sees it (its uptimes)
     * @param vantage each vantage point of a monitor as this node's verdicts by quorum see it
     * @param history the stored state changes
     * @param alerts  the alert engine and its outbox, for the alerts page and the channels' recent notifications
     * @param controls pause, resume, check now and silence, for the monitor page's actions
     * @param desk    incidents, maintenance and their templates, for their pages
     * @param responseTimes the monitors' latency percentiles, from the rollups
     * @param pingLog the heartbeat monitors' stored pings
     * @param monitors the console's monitors, for the monitor editor
     * @param config  the running configuration: where each monitor is defined
     * @param types   the monitor types a new monitor may have
     */
    public Console(MonitorBoard board, StateEvents events, Function<String, Optional<MonitorView>> views,
                   Function<String, List<VantageVerdicts.Point>> vantage, MonitorHistory history, AlertEngine alerts,
                   Outbox outbox, MonitorControls controls, IncidentDesk desk, Administration admin, InstantSource clock,
                   dev.lookout.status.ResponseTimes responseTimes, dev.lookout.heartbeat.PingLog pingLog,
                   dev.lookout.config.ConsoleMonitors monitors,
                   java.util.function.Supplier<dev.lookout.config.LookoutConfig> config, List<String> types) {
        ConsoleAssets assets = new ConsoleAssets();
        ConsoleView view = new ConsoleView(assets);
        this.parts = List.of(assets, new DashboardPage(board, view, clock), new EventStream(events),
                new MonitorPage(board, views, vantage, history, controls, view, clock, responseTimes, pingLog, config),
                new AlertsPage(alerts, outbox, board, view, clock), new MonitorEditPages(monitors, config, types, view),
                new IncidentsPage(desk, view, clock), new MaintenancePage(desk, view, clock), new MarkdownPreview(),
                new ChannelsPage(admin.channels(), outbox, view), new SubscribersPage(admin.subscribers(), view),
                new UsersPage(admin.accounts(), view), new ApiKeysPage(admin.accounts(), view, clock),
                new AuditPage(admin.audit(), view));
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        parts.forEach(part -> routes.addAll(part.routes()));
        return routes;
    }
}
