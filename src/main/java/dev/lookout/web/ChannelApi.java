package dev.lookout.web;

import dev.lookout.alert.Outbox;
import dev.lookout.alert.channel.TestNotification;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/channels}: the configured channels with where they send (never a token) and their
 * recent notifications (viewers), and a test message through one of them (editors).
 */
public final class ChannelApi implements RouteGroup {
    static final int DEFAULT_RECENT = 10;
    static final int MAX_RECENT = 500;

    private final ChannelActions actions;
    private final Outbox outbox;

    public ChannelApi(ChannelActions actions, Outbox outbox) {
        this.actions = actions;
        this.outbox = outbox;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/channels", Role.VIEWER, this::list)
                        .documented(ApiDoc.of("The channels: id, name, type, where they send (never a secret) and their recent failures")),
                Route.of(HandlerType.POST, "/api/v1/channels/{id}/test", Role.EDITOR, this::test)
                        .documented(ApiDoc.of("Sends a test message through the channel now; the answer says whether it was delivered")));
    }

    /** {@code ?recent=N} (default 10): how many of each channel's newest notifications to include. */
    private void list(Context ctx) {
        int recent = recent(ctx);
        ctx.json(Map.of("channels", actions.list().stream().map(c -> {
            Map<String, Object> out = json(c);
            out.put("recent", outbox.notificationsTo(c.id(), recent).stream().map(AlertApi::notificationJson).toList());
            return out;
        }).toList()));
    }

    private void test(Context ctx) {
        TestNotification sent = actions.test(ctx, ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", ctx.pathParam("id"));
        out.put("delivered", sent.delivered());
        out.put("error", sent.failure());
        out.put("duration_ms", sent.millis());
        ctx.json(out);
    }

    static Map<String, Object> json(ConfiguredChannel channel) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", channel.id());
        out.put("type", channel.type());
        out.put("name", channel.name());
        out.put("target", channel.target());
        return out;
    }

    private static int recent(Context ctx) {
        String raw = ctx.queryParam("recent");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_RECENT;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 0 && n <= MAX_RECENT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("recent must be a number from 0 to " + MAX_RECENT + ", not '" + raw + "'");
    }
}
