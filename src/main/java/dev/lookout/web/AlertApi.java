package dev.lookout.web;

import dev.lookout.alert.AckLinks;
import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.Outbox;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/alerts}: episodes with their notifications (including dead letters), and
 * acknowledgement through the API or through the signed link in a notification.
 */
public final class AlertApi implements RouteGroup {
    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");

    private final AlertEngine engine;
    private final Outbox outbox;
    private final AckLinks links;
    private final InstantSource clock;

    public AlertApi(AlertEngine engine, Outbox outbox, AckLinks links, InstantSource clock) {
        this.engine = engine;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
    }

    record AckRequest(String by) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/alerts", Role.VIEWER, this::list).documented(ApiDoc.of("Alert episodes and notifications, newest first")
                        .query("status", "only notifications with this status: pending, delivered or dead")
                        .query("monitor", "only this monitor's episodes")
                        .paged(PAGES)),
                Route.get("/api/v1/alerts/{episode}", Role.VIEWER, this::episode)
                        .documented(ApiDoc.of("One alert episode with every notification")),
                Route.of(HandlerType.POST, "/api/v1/alerts/{episode}/ack", Role.EDITOR, this::acknowledge)
                        .documented(ApiDoc.of("Acknowledges an episode, as the caller (or `by` via the caller)")
                                .optionalBody(AckRequest.class).answers(409, "the episode is resolved")),
                Route.of(HandlerType.POST, "/api/v1/alerts/{episode}/unack", Role.EDITOR, this::unacknowledge)
                        .documented(ApiDoc.of("Takes an acknowledgement back: reminders and escalation resume")
                                .answers(409, "the episode is resolved")),
                Route.of(HandlerType.POST, "/api/v1/alerts/notifications/{id}/retry", Role.EDITOR, this::retry)
                        .documented(ApiDoc.of("Sends a dead letter again, with the same delivery id")
                                .answers(400, "the id is not a number").answers(409, "not a dead letter")),
                // The token in the link is the credential: public, like the links in the notifications.
                Route.get("/alerts/ack/{token}", Role.PUBLIC, this::confirmPage),
                Route.of(HandlerType.POST, "/alerts/ack/{token}", Role.PUBLIC, this::acknowledgeByLink));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("unknown status '" + status + "' (use pending, delivered or dead)");
        }
        int limit = Paging.limit(ctx, PAGES);
        AlertsCursor cursor = AlertsCursor.parse(Paging.cursor(ctx));
        // Two lists in one answer, each paged on its own: a list that ended stays empty on the pages after.
        List<dev.lookout.alert.EpisodeRecord> episodes = cursor.episodesEnded() ? List.of()
                : outbox.episodes(ctx.queryParam("monitor"), cursor.episodes(), limit + 1);
        List<NotificationRecord> notifications = cursor.notificationsEnded() ? List.of()
                : outbox.notifications(status, null, cursor.notifications(), limit + 1);
        dev.lookout.alert.EpisodeRecord lastEpisode = episodes.size() > limit ? episodes.get(limit - 1) : null;
        NotificationRecord lastNotification = notifications.size() > limit ? notifications.get(limit - 1) : null;
        String next = AlertsCursor.next(
                lastNotification == null ? null : new Outbox.NotificationKey(lastNotification.createdAt(), lastNotification.id()),
                lastEpisode == null ? null : new Outbox.EpisodeKey(lastEpisode.startedAt(), lastEpisode.id()));
        Paging.link(ctx, next);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("episodes", episodes.stream().limit(limit).map(e -> episodeJson(e, false)).toList());
        body.put("notifications", notifications.stream().limit(limit).map(AlertApi::notificationJson).toList());
        body.put("next", next);
        ctx.json(body);
    }

    private void episode(Context ctx) {
        String id = ctx.pathParam("episode");
        ctx.json(outbox.episode(id).map(e -> episodeJson(e, true))
                .orElseThrow(() -> ApiException.notFound("no alert episode with id '" + id + "'")));
    }

    private Map<String, Object> episodeJson(dev.lookout.alert.EpisodeRecord e, boolean withNotifications) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("monitor", e.monitorId());
        out.put("state", e.state().toLowerCase());
        out.put("started_at", text(e.startedAt()));
        out.put("down_at", text(e.downAt()));
        out.put("resolved_at", text(e.resolvedAt()));
        out.put("acknowledged_at", text(e.acknowledgedAt()));
        out.put("acknowledged_by", e.acknowledgedBy());
        // An operator's silence held its alert: nobody was told (until the silence ended, if the problem lasted).
        out.put("silenced", e.silenced());
        if (withNotifications) {
            out.put("notifications", outbox.notifications(null, e.id(), 500).stream().map(AlertApi::notificationJson).toList());
        }
        return out;
    }

    static Map<String, Object> notificationJson(NotificationRecord n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        // The X-Lookout-Delivery of a message with this notification alone; a grouped message derives its own from it.
        out.put("delivery_id", n.deliveryId());
        out.put("key", n.dedupKey());
        out.put("episode", n.episodeId());
        out.put("channel", n.channelId());
        out.put("kind", n.kind().toLowerCase().replace('_', '-'));
        out.put("status", n.status());
        out.put("created_at", text(n.createdAt()));
        out.put("due_at", text(n.dueAt()));
        out.put("attempts", n.attempts());
        out.put("last_attempt_at", text(n.lastAttemptAt()));
        out.put("last_error", n.lastError());
        out.put("last_duration_ms", n.lastDurationMs());
        out.put("delivered_at", text(n.deliveredAt()));
        return out;
    }

    /** ISO-8601, as everywhere in the API: Javalin's mapper has no java.time module. */
    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** Episodes and notifications each: the newest 100 by default, at most 1000. */
    static final Paging.Limits PAGES = new Paging.Limits(100, 1000);

    private void acknowledge(Context ctx) {
        String id = ctx.pathParam("episode");
        // Who acknowledged is who called; a "by" in the body (a chat bot acting for a person) is added to it, never
        // put in its place: any caller could otherwise credit anyone.
        String by = Caller.of(ctx).name();
        if (!ctx.body().isBlank()) {
            AckRequest request = JsonBody.read(ctx, AckRequest.class);
            if (request.by() != null && !request.by().isBlank()) {
                String onBehalf = request.by().strip();
                by = (onBehalf.length() > 100 ? onBehalf.substring(0, 100) : onBehalf) + " via " + by;
            }
        }
        boolean already = AlertActions.acknowledge(engine, id, by);
        AuditNote.of(ctx).object("alert_episode", id).after(Map.of("acknowledged_by", by, "result",
                already ? "already_acknowledged" : "acknowledged"));
        ctx.json(outbox.episode(id).map(e -> episodeJson(e, false)).orElseThrow());
    }

    private void unacknowledge(Context ctx) {
        String id = ctx.pathParam("episode");
        boolean hadNone = AlertActions.unacknowledge(engine, id, Caller.of(ctx).name());
        AuditNote.of(ctx).object("alert_episode", id).after(Map.of("result", hadNone ? "not_acknowledged" : "unacknowledged"));
        ctx.json(outbox.episode(id).map(e -> episodeJson(e, false)).orElseThrow());
    }

    /** A dead letter sent again: the same notification and delivery id, one more attempt (the console's Retry). */
    private void retry(Context ctx) {
        long id = AlertActions.retry(outbox, ctx.pathParam("id"), clock.instant());
        AuditNote.of(ctx).object("notification", String.valueOf(id)).after(Map.of("status", "pending"));
        ctx.json(Map.of("id", id, "status", "pending"));
    }

    private void confirmPage(Context ctx) {
        AckLinks.Verified verified = links.verify(ctx.pathParam("token"), clock.instant());
        if (verified.episodeId().isEmpty()) {
            page(ctx, 400, "Cannot acknowledge", verified.problem(), false);
            return;
        }
        page(ctx, 200, "Acknowledge " + verified.episodeId().get() + "?",
                "Acknowledging stops reminders and escalation for this outage.", true);
    }

    private void acknowledgeByLink(Context ctx) {
        AckLinks.Verified verified = links.verify(ctx.pathParam("token"), clock.instant());
        if (verified.episodeId().isEmpty()) {
            page(ctx, 400, "Cannot acknowledge", verified.problem(), false);
            return;
        }
        String id = verified.episodeId().get();
        AuditNote.of(ctx).actor("acknowledgement link").object("alert_episode", id).after(Map.of("acknowledged_by", "link"));
        switch (engine.acknowledge(id, "link")) {
            case ACKNOWLEDGED -> page(ctx, 200, "Acknowledged", id + " is acknowledged: no more reminders or escalation.", false);
            case ALREADY_ACKNOWLEDGED -> page(ctx, 200, "Already acknowledged", id + " was already acknowledged.", false);
            case RESOLVED -> page(ctx, 409, "Already resolved", id + " has recovered; nothing to acknowledge.", false);
            case UNKNOWN -> page(ctx, 404, "Unknown outage", "No alert episode " + id + ".", false);
        }
    }

    private static void page(Context ctx, int status, String title, String text, boolean form) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"><title>" + escape(title)
                + "</title></head><body><main><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>"
                + (form ? "<form method=\"post\"><button type=\"submit\">Acknowledge</button></form>" : "")
                + "</main></body></html>";
        ctx.status(status).header("Cache-Control", "no-store").html(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
