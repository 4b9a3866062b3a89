package dev.lookout.web;

import dev.lookout.heartbeat.Ping;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.heartbeat.PingLog;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/monitors/{id}/pings} (admin): a heartbeat monitor's stored pings, newest
 * first, with their bodies, like Healthchecks.io's event log. Paged as the other lists are
 * ({@code ?limit=}), and further back with {@code ?cursor=} set to the previous page's
 * {@code next}. Admin only: bodies are job output and may hold anything.
 */
public final class PingLogApi implements RouteGroup {
    private final PingLog log;
    private final PingIngest heartbeats;
    private final Predicate<String> knownMonitor;

    /**
     * @param heartbeats   tells which monitors are heartbeat monitors (those with a status)
     * @param knownMonitor whether a monitor with this id is configured
     */
    public PingLogApi(PingLog log, PingIngest heartbeats, Predicate<String> knownMonitor) {
        this.log = log;
        this.heartbeats = heartbeats;
        this.knownMonitor = knownMonitor;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/monitors/{id}/pings", Role.VIEWER, this::pings)
                .documented(ApiDoc.of("A heartbeat monitor's stored pings, newest first, with their bodies").paged(PAGES)));
    }

    static final Paging.Limits PAGES = new Paging.Limits(50, 500);

    private void pings(Context ctx) {
        String id = ctx.pathParam("id");
        if (!knownMonitor.test(id)) {
            throw ApiException.notFound("no monitor with id '" + id + "'");
        }
        if (heartbeats.status(id).isEmpty()) {
            throw ApiException.notFound("monitor '" + id + "' is not a heartbeat monitor: it receives no pings");
        }
        int limit = Paging.limit(ctx, PAGES);
        Paging.TimeAndId after = Paging.timeAndId(ctx);
        List<PingLog.LoggedPing> page = log.page(id, after == null ? null : new PingLog.Cursor(after.at(), after.id()), limit + 1);
        String next = null;
        if (page.size() > limit) {
            PingLog.Cursor last = page.get(limit - 1).cursor();
            next = new Paging.TimeAndId(last.receivedAt(), last.id()).text();
        }
        Paging.link(ctx, next);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pings", page.stream().limit(limit).map(PingLogApi::json).toList());
        body.put("next", next);
        ctx.json(body);
    }


    private static Map<String, Object> json(PingLog.LoggedPing logged) {
        Ping ping = logged.ping();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", logged.id());
        out.put("received_at", ping.receivedAt().toString());
        out.put("kind", ping.kind().code());
        out.put("exit_code", ping.exitCode());
        out.put("run_id", ping.runId());
        out.put("duration_ms", ping.durationMs());
        out.put("message", ping.message());
        out.put("method", ping.method());
        out.put("remote_addr", ping.remoteAddr());
        out.put("user_agent", ping.userAgent());
        String text = utf8(ping.body());
        out.put("body", text != null ? text : Base64.getEncoder().encodeToString(ping.body()));
        out.put("body_encoding", text != null ? "utf-8" : "base64");
        out.put("body_truncated", ping.bodyTruncated());
        return out;
    }

    /** The body as text when it is valid UTF-8, else null (it is then sent in base64). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
