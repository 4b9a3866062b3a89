package dev.lookout.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.audit.AuditEntry;
import dev.lookout.audit.AuditJson;
import dev.lookout.audit.AuditLog;
import dev.lookout.audit.AuditQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's web side: {@link WebServer} wraps every write route in {@link #recording}, so
 * that each write that succeeds (an answer below 400) leaves an entry with who, when, from where
 * and which route, and what its handler noted ({@link AuditNote}); and admins read the log at
 * {@code GET /api/v1/audit}. Routes that take in data ({@link Route#ingest()}: heartbeat pings,
 * probe results) are not recorded: their data has its own records; nor are posts that change
 * nothing ({@link Route#readOnly()}: the console's Markdown preview).
 */
public final class AuditTrail implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A request body larger than this is recorded as its size only. */
    static final int MAX_RECORDED_BODY = 64 * 1024;
    static final Paging.Limits PAGES = new Paging.Limits(100, 1000);

    private final AuditLog entries;
    private final InstantSource clock;

    public AuditTrail(AuditLog entries, InstantSource clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/audit", Role.ADMIN, this::list).documented(ApiDoc.of("The audit log, newest first")
                .query("actor", "only entries by this actor").query("object_type", "only entries on this kind of object")
                .query("object_id", "only entries on this object").query("from", "only entries at or after this time (ISO-8601)")
                .query("until", "only entries before this time (ISO-8601)").paged(PAGES)));
    }

    /** Whether a route's successful calls are recorded: every write but data intake. */
    static boolean records(Route route) {
        return !READS.contains(route.method()) && !route.ingest() && !route.readOnly();
    }

    /** The route's handler, recording each successful call when the route {@link #records} them. */
    Handler recording(Route route, Handler handler) {
        if (!records(route)) {
            return handler;
        }
        return ctx -> {
            handler.handle(ctx);
            if (ctx.statusCode() < 400) {
                record(route, ctx);
            }
        };
    }

    private void record(Route route, Context ctx) {
        AuditNote note = AuditNote.find(ctx);
        String type = note != null && note.objectType != null ? note.objectType : defaultType(route.path());
        String id = note != null && note.objectType != null ? note.objectId : defaultId(route.path(), ctx);
        String after = note != null && note.afterGiven ? AuditJson.of(note.after) : requestBody(ctx);
        AuditEntry entry = AuditEntry.of(clock.instant(), actor(route, ctx, note), WebServer.clientAddress(ctx),
                route.method() + " " + route.path(), type, id, note == null ? null : AuditJson.of(note.before), after);
        try {
            entries.record(entry);
        } catch (RuntimeException e) {
            // The write is done and its answer stands; saying it failed would be a lie. The log keeps the trace.
            log.error("audit entry lost: {} by {} from {} on {} {}: {}", entry.action(), entry.actor(), entry.address(),
                    entry.objectType(), entry.objectId(), e.getMessage());
        }
    }

    private static String actor(Route route, Context ctx, AuditNote note) {
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        if (caller != null) {
            return route.role() == Role.PROBE ? "probe '" + caller.name() + "'" : caller.name();
        }
        return note != null && note.actor != null ? note.actor : "anonymous";
    }

    /** The route's first fixed segment after {@code /api/v1/}: {@code /api/v1/incidents/{id}/updates} → incidents. */
    static String defaultType(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path.substring(1);
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{") && !segment.startsWith("<")) {
                return segment;
            }
        }
        return null;
    }

    /** The first path parameter that is not a secret (a token in a link is one). */
    private static String defaultId(String path, Context ctx) {
        for (String segment : path.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (!name.toLowerCase(java.util.Locale.ROOT).contains("token")) {
                    return ctx.pathParam(name);
                }
            }
        }
        return null;
    }

    /** What the caller sent, without secrets: a JSON body, or a form's fields. */
    private static String requestBody(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return AuditJson.ofForm(ctx.formParamMap());
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_RECORDED_BODY) {
            return AuditJson.of(Map.of("body_bytes", body.length));
        }
        return AuditJson.ofText(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * One page of the log as a request's query asks for it ({@code actor}, {@code action} (contained),
     * {@code object_type}, {@code object_id}, {@code from}, {@code until}, {@code before}, {@code limit}),
     * newest first; the API and the console's audit page read it the same way. Bad values are 400s.
     *
     * @param next the {@code before} of the next page, or null on the last
     */
    public record Page(List<AuditEntry> entries, String next) {
    }

    public Page page(Context ctx) {
        int limit = Paging.limit(ctx, PAGES);
        // one more than asked for: whether there is a next page
        List<AuditEntry> page = entries.find(new AuditQuery(blankless(ctx, "actor"), blankless(ctx, "action"),
                blankless(ctx, "object_type"), blankless(ctx, "object_id"), time(ctx, "from"), time(ctx, "until"),
                Paging.before(ctx), limit + 1));
        return new Page(page.stream().limit(limit).toList(), page.size() > limit ? String.valueOf(page.get(limit - 1).id()) : null);
    }

    private void list(Context ctx) {
        Page page = page(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries().stream().map(AuditTrail::json).toList());
        Paging.link(ctx, page.next());
        body.put("next", page.next());
        ctx.json(body);
    }

    private static String blankless(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant time(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant at = Instant.parse(text.strip());
            if (at.isBefore(JsonBody.EARLIEST) || at.isAfter(JsonBody.LATEST)) {
                throw ApiException.badRequest(name + " '" + text + "' is not between " + JsonBody.EARLIEST + " and "
                        + JsonBody.LATEST);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + text + "' is not a time in ISO-8601 with a zone, e.g."
                    + " 2026-12-01T02:00:00Z");
        }
    }

    static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", entry.id());
        out.put("at", entry.at().toString());
        out.put("actor", entry.actor());
        out.put("address", entry.address());
        out.put("action", entry.action());
        out.put("object_type", entry.objectType());
        out.put("object_id", entry.objectId());
        out.put("before", tree(entry.before()));
        out.put("after", tree(entry.after()));
        return out;
    }

    private static Object tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
