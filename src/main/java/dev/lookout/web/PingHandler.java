package dev.lookout.web;

import dev.lookout.heartbeat.PingIngest;
import dev.lookout.heartbeat.Ping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Serves the heartbeat routes ({@code /ping/...}, {@code /api/push/{token}}) as a Jetty handler in
 * front of Javalin's servlet: the ping path is the one hot path of the server, and the servlet
 * layer, Javalin's context and its async support cost about as much CPU as storing the ping.
 * The routes are still declared (with their role) in {@link WebServer}'s route list.
 *
 * <p>The handler is non-blocking, so Jetty parses each request and calls it on the selector
 * thread, without a hand-off per request. A ping without a body only enqueues its row and
 * returns; its answer is written by the thread that completes the group commit's future (the
 * committer's reply thread). Everything that may block is passed at once to {@code others}:
 * every other request (Javalin's handlers query the database) and pings with a body (reading it
 * may wait for the network).
 */
final class PingHandler extends Handler.Wrapper {
    private static final Set<String> PING_METHODS = Set.of("GET", "HEAD", "POST");
    private static final Set<String> PUSH_METHODS = Set.of("GET", "POST");

    private final PingIngest pings;
    private final Executor others;

    /** @param others runs whatever may block: every request that is not a ping, and pings with a body */
    PingHandler(PingIngest pings, Executor others) {
        this.pings = pings;
        this.others = others;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean ping = path.startsWith("/ping/") && PING_METHODS.contains(method);
        boolean push = !ping && path.startsWith("/api/push/") && path.indexOf('/', "/api/push/".length()) < 0
                && PUSH_METHODS.contains(method);
        if (ping && !mayHaveBody(request)) {
            answer(request, response, callback, () -> ping(request, path));
        } else if (ping) {
            others.execute(() -> answer(request, response, callback, () -> ping(request, path)));
        } else if (push) {
            answer(request, response, callback, () -> push(request, path));
        } else {
            others.execute(() -> {
                try {
                    if (!super.handle(request, response, callback)) {
                        Response.writeError(request, response, callback, 404);
                    }
                } catch (Throwable failure) {
                    callback.failed(failure);
                }
            });
        }
        return true;
    }

    private CompletableFuture<PingIngest.Reply> ping(Request request, String path) throws IOException {
        List<String> segments = List.of(path.substring("/ping/".length()).split("/", -1));
        Fields query = query(request);
        if (query == null) {
            return CompletableFuture.completedFuture(new PingIngest.Reply(400, "text/plain; charset=utf-8",
                    "the query string is not UTF-8 percent-encoding", java.util.Map.of()));
        }
        return pings.ping(segments, query.getValue("rid"), pingRequest(request, request.getMethod(), true));
    }

    /** Uptime Kuma's push: everything is in the query; a body is not read. */
    private CompletableFuture<PingIngest.Reply> push(Request request, String path) throws IOException {
        String token = path.substring("/api/push/".length());
        Fields query = query(request);
        if (query == null) {
            return CompletableFuture.completedFuture(new PingIngest.Reply(400, "application/json",
                    "{\"ok\":false,\"msg\":\"The query string is not UTF-8 percent-encoding.\"}", java.util.Map.of()));
        }
        return pings.push(token, query.getValue("status"), query.getValue("msg"), query.getValue("ping"),
                pingRequest(request, request.getMethod(), false));
    }

    /** The query's parameters; null when they are not UTF-8 percent-encoding ({@code ?rid=%C3%28}): the client's error. */
    private static Fields query(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException bad) {
            // Jetty says "400: Bad query" as an HttpException.IllegalStateException
            if (bad instanceof org.eclipse.jetty.http.HttpException || bad instanceof IllegalArgumentException) {
                return null;
            }
            throw bad;
        }
    }

    private interface Ingest {
        CompletableFuture<PingIngest.Reply> call() throws IOException;
    }

    private void answer(Request request, Response response, Callback callback, Ingest ingest) {
        CompletableFuture<PingIngest.Reply> reply;
        try {
            reply = ingest.call();
        } catch (IOException | RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, failure) -> write(request, response, callback, r, failure));
    }

    private static boolean mayHaveBody(Request request) {
        long length = request.getLength();
        return !request.getMethod().equals("HEAD")
                && (length > 0 || length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** Reads at most {@link Ping#MAX_BODY_BYTES} + 1 bytes: the extra byte tells that the body was longer. */
    private static PingIngest.Request pingRequest(Request request, String method, boolean withBody) throws IOException {
        byte[] body = new byte[0];
        boolean truncated = false;
        if (withBody && mayHaveBody(request)) {
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
