package dev.lookout.web.console;

import dev.lookout.alert.Outbox;
import dev.lookout.alert.channel.TestNotification;
import dev.lookout.web.ChannelActions;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/channels}: each configured channel with its type, where it sends (never a token)
 * and its recent notifications from the outbox with their errors; editors send one a test message
 * through the real channel code ({@link ChannelActions}, as {@code POST /api/v1/channels/{id}/test}),
 * and the page that answers the form shows whether it was delivered.
 */
final class ChannelsPage implements RouteGroup {
    /** Notifications shown per channel, newest first; the API gives more ({@code ?recent=}). */
    static final int RECENT = 20;

    private final ChannelActions actions;
    private final Outbox outbox;
    private final ConsoleView view;

    ChannelsPage(ChannelActions actions, Outbox outbox, ConsoleView view) {
        this.actions = actions;
        this.outbox = outbox;
        this.view = view;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/channels", Role.VIEWER, ctx -> page(ctx, null, null)),
                Route.of(HandlerType.POST, "/console/channels/{id}/test", Role.EDITOR, this::test));
    }

    /** Answers the form with the page itself and the outcome on top: the outcome is this request's, not a link's. */
    private void test(Context ctx) {
        String id = ctx.pathParam("id");
        TestNotification sent = actions.test(ctx, id);
        page(ctx, id, sent);
    }

    private void page(Context ctx, String testedId, TestNotification tested) {
        List<ChannelsView.Line> lines = actions.list().stream()
                .map(c -> new ChannelsView.Line(c, outbox.notificationsTo(c.id(), RECENT))).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("channels", new ChannelsView(lines, testedId, tested));
        view.render(ctx, "console/channels.jte", model, 16_384);
    }
}
