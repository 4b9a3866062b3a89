package dev.lookout.web.console;

import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.EpisodeRecord;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.Outbox;
import dev.lookout.web.AlertActions;
import dev.lookout.web.Caller;
import dev.lookout.web.Paging;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/alerts}: the open alert episodes with their notifications, and the dead letters;
 * editors acknowledge, take an acknowledgement back and retry a dead letter, through the same
 * {@link AlertEngine} and {@link Outbox} calls as {@code /api/v1/alerts}. Each form posts and
 * comes back to the page (post, redirect, get), so the page works without script.
 */
public final class AlertsPage implements RouteGroup {
    /** Notifications shown per episode, newest first; the API has them all. */
    static final int NOTIFICATIONS_PER_EPISODE = 50;
    static final int DEAD_LETTERS = 100;
    private static final Map<String, String> DONE = Map.of(
            "acknowledged", "Alert %s is acknowledged.",
            "unacknowledged", "Alert %s is unacknowledged.",
            "retried", "Notification %s is queued for one more attempt.");

    private final AlertEngine engine;
    private final Outbox outbox;
    private final MonitorBoard board;
    private final ConsoleView view;
    private final InstantSource clock;

    AlertsPage(AlertEngine engine, Outbox outbox, MonitorBoard board, ConsoleView view, InstantSource clock) {
        this.engine = engine;
        this.outbox = outbox;
        this.board = board;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/alerts", Role.VIEWER, this::page),
                Route.of(HandlerType.POST, "/console/alerts/{episode}/ack", Role.EDITOR, this::acknowledge),
                Route.of(HandlerType.POST, "/console/alerts/{episode}/unack", Role.EDITOR, this::unacknowledge),
                Route.of(HandlerType.POST, "/console/alerts/dead/{id}/retry", Role.EDITOR, this::retry));
    }

    private void page(Context ctx) {
        List<AlertsView.Line> open = outbox.openEpisodes().stream()
                .sorted(Comparator.comparing(EpisodeRecord::startedAt).thenComparing(EpisodeRecord::id))
                .map(e -> new AlertsView.Line(e, board.row(e.monitorId()).map(MonitorRow::name).orElse(e.monitorId()),
                        outbox.notifications(null, e.id(), NOTIFICATIONS_PER_EPISODE)))
                .toList();
        // Dead letters, newest first, a page at a time: ?cursor= names the last one of the page before.
        Paging.TimeAndId after = Paging.timeAndId(ctx);
        List<NotificationRecord> dead = outbox.notifications("dead", null,
                after == null ? null : new Outbox.NotificationKey(after.at(), after.id()), DEAD_LETTERS + 1);
        String older = dead.size() > DEAD_LETTERS ? "/console/alerts?cursor="
                + new Paging.TimeAndId(dead.get(DEAD_LETTERS - 1).createdAt(), dead.get(DEAD_LETTERS - 1).id()).text() : null;
        AlertsView alerts = new AlertsView(open, dead.stream().limit(DEAD_LETTERS).toList(), older, clock.instant());
        Map<String, Object> model = new HashMap<>();
        model.put("alerts", alerts);
        model.put("done", done(ctx.queryParam("done"))); // null: no notice
        view.render(ctx, "console/alerts.jte", model, 16_384);
    }

    private void acknowledge(Context ctx) {
        String id = ctx.pathParam("episode");
        AlertActions.acknowledge(engine, id, Caller.of(ctx).name());
        back(ctx, "acknowledged", id);
    }

    private void unacknowledge(Context ctx) {
        String id = ctx.pathParam("episode");
        AlertActions.unacknowledge(engine, id, Caller.of(ctx).name());
        back(ctx, "unacknowledged", id);
    }

    private void retry(Context ctx) {
        long id = AlertActions.retry(outbox, ctx.pathParam("id"), clock.instant());
        back(ctx, "retried", String.valueOf(id));
    }

    private static void back(Context ctx, String what, String id) {
        DoneNotice.back(ctx, "/console/alerts", what, id);
    }

    /** The notice after an action: only the page's own words, so that a link cannot make the page say anything else. */
    private static String done(String given) {
        return DoneNotice.text(given, DONE);
    }
}
