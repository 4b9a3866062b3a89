package dev.lookout.web.console;

import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.Outbox;
import dev.lookout.config.ConsoleMonitors;
import dev.lookout.control.MonitorControls;
import dev.lookout.web.AccountActions;
import dev.lookout.web.AuditTrail;
import dev.lookout.web.ChannelActions;
import dev.lookout.web.Route;
import dev.lookout.web.SubscriberActions;
import dev.lookout.web.RouteGroup;
import java.time.InstantSource;
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
     * What operators act through and watch in the console besides the monitors' readings.
     *
     * @param controls pause, resume, check now and silence, for the monitor page's actions
     * @param editor   the console's monitors, for the monitor editor
     * @param types    the monitor types a new monitor may have
     * @param alerts   the alert engine, for the alerts page
     * @param outbox   the notifications, for the alerts page and the channels' recent notifications
     * @param desk     incidents, maintenance and their templates, for their pages
     */
    public record Operations(MonitorControls controls, ConsoleMonitors editor, List<String> types, AlertEngine alerts,
                             Outbox outbox, IncidentDesk desk) {
        public Operations {
            types = List.copyOf(types);
        }
    }

    /** The console's pages, reading the monitors from {@code monitors}, on {@code clock}'s time. */
    public Console(MonitorSources monitors, Operations operations, Administration admin, InstantSource clock) {
        ConsoleAssets assets = new ConsoleAssets();
        ConsoleView view = new ConsoleView(assets);
        this.parts = List.of(assets, new DashboardPage(monitors.board(), view, clock), new EventStream(monitors.events()),
                new MonitorPage(monitors, operations.controls(), view, clock),
                new AlertsPage(operations.alerts(), operations.outbox(), monitors.board(), view, clock),
                new MonitorEditPages(operations.editor(), monitors.config(), operations.types(), view),
                new IncidentsPage(operations.desk(), view, clock), new MaintenancePage(operations.desk(), view, clock),
                new MarkdownPreview(), new ChannelsPage(admin.channels(), operations.outbox(), view),
                new SubscribersPage(admin.subscribers(), view), new UsersPage(admin.accounts(), view),
                new ApiKeysPage(admin.accounts(), view, clock), new AuditPage(admin.audit(), view));
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        parts.forEach(part -> routes.addAll(part.routes()));
        return routes;
    }
}
