package dev.lookout.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.status.StatusReadModel;
import dev.lookout.store.Ping;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the public status page, the JSON API, health and metrics. Handlers are thin
 * (parse, ask a capability, render); every error leaves as JSON with a message, never a stack
 * trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final StatusReadModel status;
    private final Readiness readiness;
    private final PrometheusMeterRegistry metrics;
    private final String title;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final PingIngest pings;
    private final List<Route> routes;
    private Javalin app;

    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, String title) {
        this(status, readiness, metrics, title, PingIngest.NONE);
    }

    /** @param pings the heartbeat ingest behind {@code /ping/...} and {@code /api/push/...} */
    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, String title,
                     PingIngest pings) {
        this.pings = pings;
        this.status = status;
        this.readiness = readiness;
        this.metrics = metrics;
        this.title = title;
        List<Route> all = new ArrayList<>(List.of(
                Route.get("/", Role.PUBLIC, this::statusPage),
                Route.get("/api/v1/monitors", Role.PUBLIC, this::monitors),
                Route.get("/api/v1/monitors/{id}", Role.PUBLIC, this::monitor),
                Route.get("/healthz", Role.PUBLIC, ctx -> ctx.json(Map.of("status", "alive"))),
                Route.get("/readyz", Role.PUBLIC, this::ready),
                Route.get("/metrics", Role.PUBLIC, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()))));
        // Healthchecks.io-compatible ping URLs and Uptime Kuma's push URL: public, like theirs (the ids are the secret).
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST)) {
            all.add(Route.of(method, "/ping/<segments>", Role.PUBLIC, this::ping));
        }
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST)) {
            all.add(Route.of(method, "/api/push/{token}", Role.PUBLIC, this::push));
        }
        this.routes = List.copyOf(all);
    }

    List<Route> routes() {
        return routes;
    }

    public WebServer start(String host, int port) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            // Compression is the reverse proxy's job; Javalin's per-response check showed up on the ping path.
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(mapper, true));
            config.jetty.modifyServer(server -> server.setStopTimeout(2_000));
            for (Route route : routes) {
                config.routes.addEndpoint(new io.javalin.router.Endpoint(route.method(), route.path(), route.handler()));
            }
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(io.javalin.router.EndpointNotFound.class,
                    (e, ctx) -> error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log");
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                    error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
        });
        app.start(host, port);
        log.info("HTTP server listening on {}:{}", host, app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Marks a response whose JSON error body is already written, so the generic 404 handler keeps it. */
    private static final String ERROR_WRITTEN = "lookout.error";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        ctx.status(status).json(body);
    }

    private void statusPage(Context ctx) {
        StringOutput out = new StringOutput();
        templates.render("status.jte", Map.of("title", title, "snapshot", status.snapshot()), out);
        ctx.header("Cache-Control", "public, max-age=10").html(out.toString());
    }

    private void monitors(Context ctx) {
        ctx.json(Map.of("monitors", status.monitors().stream().map(m -> MonitorJson.of(m, pings.status(m.id()))).toList()));
    }

    private void monitor(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(status.monitor(id).map(m -> MonitorJson.of(m, pings.status(m.id())))
                .orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'")));
    }

    private void ping(Context ctx) throws IOException {
        List<String> segments = List.of(ctx.pathParam("segments").split("/", -1));
        PingIngest.Request request = pingRequest(ctx, true);
        String rid = ctx.queryParam("rid");
        ctx.future(() -> pings.ping(segments, rid, request).thenAccept(reply -> render(ctx, reply)));
    }

    private void push(Context ctx) throws IOException {
        PingIngest.Request request = pingRequest(ctx, false);
        String token = ctx.pathParam("token");
        String status = ctx.queryParam("status");
        String msg = ctx.queryParam("msg");
        String latency = ctx.queryParam("ping");
        ctx.future(() -> pings.push(token, status, msg, latency, request).thenAccept(reply -> render(ctx, reply)));
    }

    /** Reads at most {@link Ping#MAX_BODY_BYTES} + 1 bytes: the extra byte tells that the body was longer. */
    private static PingIngest.Request pingRequest(Context ctx, boolean withBody) throws IOException {
        byte[] body = new byte[0];
        boolean truncated = false;
        boolean mayHaveBody = ctx.req().getContentLengthLong() > 0
                || ctx.req().getContentLengthLong() < 0 && ctx.header("Transfer-Encoding") != null;
        if (withBody && mayHaveBody && ctx.method() != HandlerType.HEAD) {
            try (InputStream in = ctx.req().getInputStream()) {
                body = in.readNBytes(Ping.MAX_BODY_BYTES + 1);
            }
            truncated = body.length > Ping.MAX_BODY_BYTES;
            if (truncated) {
                body = Arrays.copyOf(body, Ping.MAX_BODY_BYTES);
            }
        }
        String userAgent = ctx.userAgent();
        return new PingIngest.Request(ctx.method().name(), body, truncated, ctx.ip(), userAgent == null ? "" : userAgent);
    }

    private static void render(Context ctx, PingIngest.Reply reply) {
        reply.headers().forEach(ctx::header);
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE); // a 404 "not found" here is the ping protocol's answer, not a missing route
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }

    private void ready(Context ctx) {
        Map<String, String> problems = readiness.problems();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ready" : "unready");
        body.put("problems", problems);
        ctx.status(problems.isEmpty() ? 200 : 503).json(body);
    }

    /** Stops accepting requests and finishes the ones in flight. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
