package dev.lookout.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriptionException;
import dev.lookout.subscribe.Subscriptions;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/subscribers} and the confirm and unsubscribe links. Anyone may subscribe an
 * email address (the double opt-in protects its owner); adding a webhook subscriber
 * ({@code /api/v1/subscribers/webhooks}), the list and deleting need an editor: the list holds
 * people's addresses.
 */
public final class SubscriberApi implements RouteGroup {

    /** A subscription request: {@code email}; {@code webhook_url} only to point at the webhook route. */
    record SubscribeRequest(String email, @JsonProperty("webhook_url") String webhookUrl, List<String> components) {
    }

    private final Subscriptions subscriptions;
    private final SubscriberActions actions;

    public SubscriberApi(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.actions = new SubscriberActions(subscriptions);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                // Two routes, two roles: anyone may ask for mail (and must confirm it); a webhook is an editor's.
                Route.of(HandlerType.POST, "/api/v1/subscribers", Role.PUBLIC, mapped(this::subscribe))
                        .documented(ApiDoc.of("Subscribes an email address (confirmed by the link mailed to it)")
                                .body(SubscribeRequest.class).answers(202, "a confirmation mail is on its way")),
                Route.of(HandlerType.POST, "/api/v1/subscribers/webhooks", Role.EDITOR, mapped(this::subscribeWebhook))
                        .documented(ApiDoc.of("Subscribes a webhook URL").body(SubscribeRequest.class)
                                .answers(201, "the subscriber")),
                Route.get("/api/v1/subscribers", Role.EDITOR, mapped(this::list))
                        .documented(ApiDoc.of("Every subscriber, oldest first; `q` finds text in the address or URL")
                                .query("q", "only subscribers whose address or URL contains this text").paged(PAGES)),
                Route.get("/api/v1/subscribers.csv", Role.EDITOR, ctx -> actions.export(ctx, ctx.queryParam("q")))
                        .documented(ApiDoc.of("Every subscriber as CSV (personal data: editors only)")
                                .query("q", "only subscribers whose address or URL contains this text").produces("text/csv")),
                Route.of(HandlerType.DELETE, "/api/v1/subscribers/{id}", Role.EDITOR, mapped(this::delete))
                        .documented(ApiDoc.of("Removes a subscriber").answers(204, "removed")),
                // The token in the link is the credential: public, like the links in the mails.
                Route.get("/subscribe/confirm/{token}", Role.PUBLIC, this::confirmPage),
                Route.of(HandlerType.POST, "/subscribe/confirm/{token}", Role.PUBLIC, this::confirm),
                Route.get("/unsubscribe/{token}", Role.PUBLIC, this::unsubscribePage),
                Route.of(HandlerType.POST, "/unsubscribe/{token}", Role.PUBLIC, this::unsubscribe));
    }

    /**
     * Turns the subscribe package's refusals into API errors: invalid → 400, not found → 404,
     * disabled → 403, too many sign-ups → 429 with {@code Retry-After}.
     */
    private static Handler mapped(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (SubscriptionException e) {
                if (e.reason() == SubscriptionException.Reason.LIMITED) {
                    ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                }
                throw new ApiException(switch (e.reason()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case DISABLED -> 403;
                    case LIMITED -> 429;
                }, e.getMessage());
            }
        };
    }

    private void subscribe(Context ctx) throws Exception {
        SubscribeRequest request = JsonBody.read(ctx, SubscribeRequest.class);
        if (request.webhookUrl() != null) {
            throw ApiException.badRequest("webhook subscribers are added at POST /api/v1/subscribers/webhooks, by an editor");
        }
        if (request.email() == null) {
            throw ApiException.badRequest("email is required (a webhook is added at POST /api/v1/subscribers/webhooks)");
        }
        subscriptions.subscribeByEmail(request.email(), request.components(), WebServer.clientAddress(ctx));
        AuditNote.of(ctx).object("subscriber", null);
        // The same answer whether the address was new, pending or confirmed: it tells nobody who subscribed.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("message", "If this address can receive mail, a confirmation link is on its way. Nothing else is sent to it"
                + " until the link is followed.");
        ctx.status(202).json(body);
    }

    private void subscribeWebhook(Context ctx) {
        SubscribeRequest request = JsonBody.read(ctx, SubscribeRequest.class);
        if (request.webhookUrl() == null) {
            throw ApiException.badRequest("webhook_url is required");
        }
        if (request.email() != null) {
            throw ApiException.badRequest("give either email or webhook_url, not both");
        }
        var added = subscriptions.addWebhook(request.webhookUrl(), request.components());
        Subscriber subscriber = added.subscriber();
        AuditNote.of(ctx).object("subscriber", subscriber.id()).after(json(subscriber));
        ctx.status(added.created() ? 201 : 200).json(json(subscriber));
    }

    /** Searched and cut by the database, oldest first: a page after the id of the last one shown. */
    static final Paging.Limits PAGES = new Paging.Limits(1000, 1000);

    private void list(Context ctx) {
        int limit = Paging.limit(ctx, PAGES);
        Long after = Paging.before(ctx); // the cursor: the id of the previous page's last subscriber
        List<Subscriber> found = actions.find(dev.lookout.subscribe.Subscribers.Search.after(ctx.queryParam("q"),
                after == null ? 0 : after, limit + 1));
        String next = found.size() > limit ? String.valueOf(found.get(limit - 1).id()) : null;
        Paging.link(ctx, next);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("subscribers", found.stream().limit(limit).map(SubscriberApi::json).toList());
        body.put("next", next);
        ctx.json(body);
    }

    private void delete(Context ctx) {
        actions.delete(ctx, ctx.pathParam("id"));
        ctx.status(204);
    }

    private static Map<String, Object> json(Subscriber s) {
        return SubscriberActions.json(s);
    }

    private String about(Subscriber s) {
        List<String> names = subscriptions.componentNames(s);
        return names.isEmpty() ? "all components" : String.join(", ", names);
    }

    private static void invalidLink(Context ctx) {
        SubscriberPages.page(ctx, 404, "This link does not work",
                "It may be mistyped or incomplete, or the subscription it belongs to was cancelled.", null);
    }

    private void confirmPage(Context ctx) {
        Optional<Subscriber> subscriber = subscriptions.byConfirmToken(ctx.pathParam("token"));
        if (subscriber.isEmpty()) {
            invalidLink(ctx);
        } else if (subscriber.get().confirmedAt() != null) {
            SubscriberPages.page(ctx, 200, "Already confirmed", subscriber.get().address()
                    + " receives status updates about " + about(subscriber.get()) + ".", null);
        } else {
            SubscriberPages.page(ctx, 200, "Confirm your subscription", subscriber.get().address()
                    + " will receive status updates about " + about(subscriber.get()) + ".", "Confirm");
        }
    }

    private void confirm(Context ctx) {
        String token = ctx.pathParam("token");
        switch (subscriptions.confirm(token)) {
            case DONE -> {
                Subscriber s = subscriptions.byConfirmToken(token).orElseThrow();
                AuditNote.of(ctx).actor("subscriber " + s.id()).object("subscriber", s.id()).after(json(s));
                SubscriberPages.page(ctx, 200, "Subscribed", s.address() + " will receive status updates about " + about(s)
                        + ". Every mail has a link to unsubscribe.", null);
            }
            case ALREADY_DONE -> SubscriberPages.page(ctx, 200, "Already confirmed",
                    "This subscription was confirmed before; nothing changed.", null);
            case UNKNOWN -> invalidLink(ctx);
        }
    }

    private void unsubscribePage(Context ctx) {
        Optional<Subscriber> subscriber = subscriptions.byUnsubscribeToken(ctx.pathParam("token"));
        if (subscriber.isEmpty()) {
            invalidLink(ctx);
        } else if (!subscriber.get().active()) {
            SubscriberPages.page(ctx, 200, "Already unsubscribed", subscriber.get().address()
                    + " no longer receives status updates.", null);
        } else {
            SubscriberPages.page(ctx, 200, "Unsubscribe?", subscriber.get().address()
                    + " will no longer receive status updates about " + about(subscriber.get()) + ".", "Unsubscribe");
        }
    }

    /** Also what a mail program's one-click unsubscribe (RFC 8058) posts to. */
    private void unsubscribe(Context ctx) {
        subscriptions.byUnsubscribeToken(ctx.pathParam("token")).ifPresent(s -> AuditNote.of(ctx).actor("subscriber " + s.id())
                .object("subscriber", s.id()).before(json(s)).after(null));
        switch (subscriptions.unsubscribe(ctx.pathParam("token"))) {
            case DONE -> SubscriberPages.page(ctx, 200, "Unsubscribed", "You will receive no more status updates at this"
                    + " address. Subscribe again from the status page at any time.", null);
            case ALREADY_DONE -> SubscriberPages.page(ctx, 200, "Already unsubscribed",
                    "This address no longer receives status updates.", null);
            case UNKNOWN -> invalidLink(ctx);
        }
    }
}
