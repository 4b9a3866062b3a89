package dev.lookout.web.console;

import dev.lookout.evaluate.StateChange;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.heartbeat.PingLog;
import dev.lookout.incident.MonitorHistory;
import dev.lookout.status.MonitorView;
import dev.lookout.status.ResponseTimes;
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
 * storage (the last {@link #HISTORY_DAYS} days, at most {@link #HISTORY_LIMIT} changes), and so
 * are a heartbeat monitor's newest {@link #PINGS} pings (through the ping log's index by monitor);
 * latency percentiles come from the hourly and daily rollups by primary key (at most 30 days of
 * hours, kept a minute), the rest from memory and the status read model.
 */
public final class MonitorPage implements RouteGroup {
    static final int HISTORY_DAYS = 7;
    static final int HISTORY_LIMIT = 200;
    static final int PINGS = 20;

    private final MonitorBoard board;
    private final Function<String, Optional<MonitorView>> views;
    private final Function<String, List<VantageVerdicts.Point>> vantage;
    private final MonitorHistory history;
    private final ConsoleView view;
    private final InstantSource clock;
    private final ResponseTimes responseTimes;
    private final PingLog pingLog;

    MonitorPage(MonitorBoard board, Function<String, Optional<MonitorView>> views,
                Function<String, List<VantageVerdicts.Point>> vantage, MonitorHistory history, ConsoleView view,
                InstantSource clock, ResponseTimes responseTimes, PingLog pingLog) {
        this.responseTimes = responseTimes;
        this.pingLog = pingLog;
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
        Double day = shown.map(MonitorView::uptime24h).orElse(null);
        Double week = shown.map(MonitorView::uptime7d).orElse(null);
        Double month = shown.map(MonitorView::uptime30d).orElse(null);
        List<MonitorDetail.Window> windows = List.of(
                new MonitorDetail.Window("24 hours", day, responseTimes.summary(id, ResponseTimes.Window.DAY)),
                new MonitorDetail.Window("7 days", week, responseTimes.summary(id, ResponseTimes.Window.WEEK)),
                new MonitorDetail.Window("30 days", month, responseTimes.summary(id, ResponseTimes.Window.MONTH)));
        List<PingLog.LoggedPing> pings = "heartbeat".equals(row.type()) ? pingLog.page(id, null, PINGS) : List.of();
        MonitorDetail detail = new MonitorDetail(row, day, week, month,
                board.last(id).or(() -> shown.map(MonitorView::lastResult)).orElse(null), vantage.apply(id), changes, now,
                windows, pings);
        view.render(ctx, "console/monitor.jte", Map.of("detail", detail), 16_384);
    }
}
