package dev.lookout.web.console;

import dev.lookout.subscribe.Subscriber;
import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import dev.lookout.web.SubscriberActions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/subscribers} (editors: addresses are personal data): the live subscribers with a
 * text search and pages of {@value #PER_PAGE}, removing one, and the search's result as CSV; the
 * same {@link SubscriberActions} as {@code /api/v1/subscribers}.
 */
final class SubscribersPage implements RouteGroup {
    static final int PER_PAGE = 50;
    private static final Map<String, String> DONE = Map.of("removed", "Subscriber %s is removed.");

    private final SubscriberActions actions;
    private final ConsoleView view;

    SubscribersPage(SubscriberActions actions, ConsoleView view) {
        this.actions = actions;
        this.view = view;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/subscribers", Role.EDITOR, this::page),
                Route.get("/console/subscribers.csv", Role.EDITOR, ctx -> actions.export(ctx, ctx.queryParam("q"))),
                Route.of(HandlerType.POST, "/console/subscribers/{id}/delete", Role.EDITOR, this::delete));
    }

    private void page(Context ctx) {
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        // Without a search only the page is read: 20,000 subscribers took a tenth of a second to list.
        List<Subscriber> found = query.isEmpty() ? null : actions.find(query);
        int total = found == null ? actions.count() : found.size();
        int pages = Math.max(1, (total + PER_PAGE - 1) / PER_PAGE);
        int page = pageNumber(ctx.queryParam("page"), pages);
        List<Subscriber> shown = found == null ? actions.page((page - 1) * PER_PAGE, PER_PAGE)
                : found.subList((page - 1) * PER_PAGE, Math.min(found.size(), page * PER_PAGE));
        Map<String, Object> model = new HashMap<>();
        model.put("subscribers", new SubscribersView(shown, query, page, pages, total,
                DoneNotice.text(ctx.queryParam("done"), DONE)));
        view.render(ctx, "console/subscribers.jte", model, 16_384);
    }

    private void delete(Context ctx) {
        long id = actions.delete(ctx, ctx.pathParam("id"));
        DoneNotice.back(ctx, "/console/subscribers", "removed", String.valueOf(id));
    }

    /** {@code ?page=}: 1 when absent, else a number from 1 to the last page, or a 400. */
    private static int pageNumber(String raw, int pages) {
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(raw.strip());
            if (page >= 1 && page <= pages) {
                return page;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("page must be a number from 1 to " + pages + ", not '" + raw + "'");
    }
}
