package dev.lookout.web;

import dev.lookout.heartbeat.PingIngest;
import dev.lookout.store.Ping;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves the heartbeat routes ({@code /ping/...}, {@code /api/push/{token}}) as a Jetty handler in
 * front of Javalin's servlet: the ping path is the one hot path of the server, and the servlet
 * layer, Javalin's context and its async support cost about as much CPU as storing the ping.
 * The request holds no thread while its ping waits for the group commit: the answer is written
 * when the commit's future completes. Everything else goes on to Javalin. The routes are still
 * declared (with their role) in {@link WebServer}'s route list.
 */
final class PingHandler extends Handler.Wrapper {
    private static final Set<String> PING_METHODS = Set.of("GET", "HEAD", "POST");
    private static final Set<String> PUSH_METHODS = Set.of("GET", "POST");

    private final PingIngest pings;

    PingHandler(PingIngest pings) {
        this.pings = pings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.startsWith("/ping/") && PING_METHODS.contains(method)) {
            List<String> segments = List.of(path.substring("/ping/".length()).split("/", -1));
            String rid = Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue("rid");
            PingIngest.Request ping = pingRequest(request, method, true);
            pings.ping(segments, rid, ping).whenComplete((reply, failure) -> write(request, response, callback, reply, failure));
            return true;
        }
        if (path.startsWith("/api/push/") && path.indexOf('/', "/api/push/".length()) < 0 && PUSH_METHODS.contains(method)) {
            String token = path.substring("/api/push/".length());
            Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            PingIngest.Request push = pingRequest(request, method, false);
            pings.push(token, query.getValue("status"), query.getValue("msg"), query.getValue("ping"), push)
                    .whenComplete((reply, failure) -> write(request, response, callback, reply, failure));
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Reads at most {@link Ping#MAX_BODY_BYTES} + 1 bytes: the extra byte tells that the body was longer. */
    private static PingIngest.Request pingRequest(Request request, String method, boolean withBody) throws java.io.IOException {
        byte[] body = new byte[0];
        boolean truncated = false;
        long length = request.getLength();
        boolean mayHaveBody = length > 0 || length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (withBody && mayHaveBody && !method.equals("HEAD")) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(Ping.MAX_BODY_BYTES + 1);
            }
            truncated = body.length > Ping.MAX_BODY_BYTES;
            if (truncated) {
                body = Arrays.copyOf(body, Ping.MAX_BODY_BYTES);
            }
        }
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        return new PingIngest.Request(method, body, truncated, Request.getRemoteAddr(request), userAgent == null ? "" : userAgent);
    }

    private static void write(Request request, Response response, Callback callback, PingIngest.Reply reply, Throwable failure) {
        if (failure != null) {
            reply = new PingIngest.Reply(500, "text/plain; charset=utf-8", "internal error; see the server log", java.util.Map.of());
            org.slf4j.LoggerFactory.getLogger(PingHandler.class).error("unexpected error serving {} {}", request.getMethod(),
                    request.getHttpURI().getPath(), failure);
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        reply.headers().forEach(headers::put);
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }
}
