package dev.lookout.web;

import dev.lookout.status.Page;
import dev.lookout.status.Pages;
import dev.lookout.subscribe.SubscriptionException;
import dev.lookout.subscribe.Subscriptions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * The status page's "Subscribe to updates" form ({@code POST /subscribe}, under each page's host
 * or prefix): the same double opt-in as {@code POST /api/v1/subscribers}, for a browser with or
 * without script. The answer is a page in the status page's language that tells nobody whether
 * the address was subscribed before; a page that shows some components subscribes to those.
 */
public final class SubscribeForm implements RouteGroup {
    private final Pages pages;
    private final Subscriptions subscriptions;
    private final PageTemplates templates = new PageTemplates();

    public SubscribeForm(Pages pages, Subscriptions subscriptions) {
        this.pages = pages;
        this.subscriptions = subscriptions;
    }

    @Override
    public List<Route> routes() {
        return PageRequests.both(HandlerType.POST, "/subscribe", pages, this::subscribe);
    }

    private void subscribe(Context ctx, Page page) {
        String email = ctx.formParam("email");
        if (email == null || email.isBlank()) {
            answer(ctx, page, 400, "invalid");
            return;
        }
        try {
            subscriptions.subscribeByEmail(email.strip(), page.config().filtered() ? page.config().components() : List.of(),
                    WebServer.clientAddress(ctx));
        } catch (SubscriptionException e) {
            switch (e.reason()) {
                case DISABLED -> answer(ctx, page, 403, "disabled");
                case LIMITED -> {
                    ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                    answer(ctx, page, 429, "limited");
                }
                default -> answer(ctx, page, 400, "invalid");
            }
            return;
        }
        answer(ctx, page, 202, "sent");
    }

    private void answer(Context ctx, Page page, int status, String outcome) {
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE); // a refusal stays this page, not the generic JSON
        ctx.status(status).header("Cache-Control", "no-store").contentType("text/html; charset=utf-8")
                .result(templates.render("subscribed.jte", page, Map.of("outcome", outcome,
                        "updatedAt", page.snapshot().generatedAt())));
    }
}
