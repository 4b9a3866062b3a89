package dev.lookout.web;

import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriberCsv;
import dev.lookout.subscribe.Subscribers;
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

    /** How many subscribers an export reads at a time. */
    private static final int EXPORT_PAGE = 1000;

    /** One page of the live subscribers matching the search's text (see {@link Subscriptions#find}), oldest first. */
    public List<Subscriber> find(Subscribers.Search search) {
        return subscriptions.find(new Subscribers.Search(checked(search.text()), search.afterId(), search.offset(), search.limit()));
    }

    /** How many live subscribers match {@code text}. */
    public long count(String text) {
        return subscriptions.count(checked(text));
    }

    private static String checked(String text) {
        if (text != null && text.length() > 200) {
            throw ApiException.badRequest("a search text has at most 200 characters");
        }
        return text;
    }

    /** Answers with the matching subscribers as a CSV download, read and written a page at a time. */
    public void export(Context ctx, String text) throws java.io.IOException {
        List<Subscriber> page = find(Subscribers.Search.after(text, 0, EXPORT_PAGE)); // a 400 before anything is written
        ctx.header("Content-Disposition", "attachment; filename=\"subscribers.csv\"").header("Cache-Control", "no-store")
                .contentType("text/csv; charset=utf-8");
        try (java.io.Writer out = new java.io.OutputStreamWriter(ctx.outputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            out.write(SubscriberCsv.HEADER + "\r\n");
            while (!page.isEmpty()) {
                out.write(SubscriberCsv.lines(page));
                page = page.size() < EXPORT_PAGE ? List.of()
                        : find(Subscribers.Search.after(text, page.getLast().id(), EXPORT_PAGE));
            }
        }
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
        subscriptions.live(id).ifPresent(s -> note.before(json(s)));
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
