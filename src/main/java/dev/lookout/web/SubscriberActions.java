package dev.lookout.web;

import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriberCsv;
import dev.lookout.subscribe.SubscriptionException;
import dev.lookout.subscribe.Subscriptions;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an editor does to subscribers, the same through the API ({@link SubscriberApi}) and the
 * console's subscribers page: search them, export them as CSV, remove one (noted for the audit log
 * with the subscriber before). Addresses are personal data: every route that calls this is an editor's.
 */
public final class SubscriberActions {
    private final Subscriptions subscriptions;

    public SubscriberActions(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Live subscribers matching {@code text} (see {@link Subscriptions#find}), oldest first. */
    public List<Subscriber> find(String text) {
        if (text != null && text.length() > 200) {
            throw ApiException.badRequest("a search text has at most 200 characters");
        }
        return subscriptions.find(text);
    }

    /** {@code limit} live subscribers from the {@code offset}-th, oldest first, without reading the others. */
    public List<Subscriber> page(int offset, int limit) {
        return subscriptions.list(offset, limit);
    }

    /** How many live subscribers there are. */
    public int count() {
        return subscriptions.count();
    }

    /** Answers with the matching subscribers as a CSV download. */
    public void export(Context ctx, String text) {
        ctx.header("Content-Disposition", "attachment; filename=\"subscribers.csv\"").header("Cache-Control", "no-store")
                .contentType("text/csv; charset=utf-8").result(SubscriberCsv.of(find(text)));
    }

    /** Removes subscriber {@code idText}; a malformed or unknown id is a 404. */
    public long delete(Context ctx, String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no subscriber with id '" + idText + "'");
        }
        AuditNote note = AuditNote.of(ctx).object("subscriber", id);
        subscriptions.list().stream().filter(s -> s.id() == id).findFirst().ifPresent(s -> note.before(json(s)));
        try {
            subscriptions.delete(id);
        } catch (SubscriptionException e) {
            throw ApiException.notFound(e.getMessage());
        }
        note.after(null);
        return id;
    }

    static Map<String, Object> json(Subscriber s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("kind", s.kind().code());
        out.put("address", s.address());
        out.put("components", s.componentIds());
        out.put("created_at", s.createdAt().toString());
        out.put("confirmed_at", s.confirmedAt() == null ? null : s.confirmedAt().toString());
        return out;
    }
}
