package dev.lookout.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.status.Pages;
import dev.lookout.status.StatusReadModel;
import dev.lookout.storage.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
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
    private final PingIngest pings;
    private final List<Route> routes;
    private final AccessGate gate;
    private final NotFoundPage notFoundPage;
    /** Authenticates {@link Role#PROBE} routes; null: no probe API here, they answer 403. */
    private final RoleGuard probeGuard;
    /** Records every write route's successful calls; null: this server keeps no audit log (tests of other APIs). */
    private final AuditTrail audit;
    /** Adds each monitor's pause and silence to its JSON; null: no monitor controls here (tests of other APIs). */
    private final MonitorControlApi controls;
    private Javalin app;
    private volatile byte[] openApiDocument;

    /** Monitors come from the configuration, in the hundreds: all of them by default. */
    static final Paging.Limits MONITOR_PAGES = new Paging.Limits(1000, 1000);

    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, String title) {
        this(status, readiness, metrics, title, PingIngest.NONE, null, List.of());
    }

    /**
     * With one status page titled {@code title} that shows everything in English.
     *
     * @param pings      the heartbeat ingest behind {@code /ping/...} and {@code /api/push/...}
     * @param adminToken the token {@link Role#ADMIN} routes require as {@code Authorization: Bearer ...};
     *                   null: none (only API keys and sessions, where the server has accounts)
     * @param groups     the routes of the other capabilities' APIs
     */
    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, String title,
                     PingIngest pings, String adminToken, List<RouteGroup> groups) {
        this(status, readiness, metrics, pings, adminToken, withPages(status, title, groups));
    }

    /**
     * @param pings      the heartbeat ingest behind {@code /ping/...} and {@code /api/push/...}
     * @param adminToken the token {@link Role#ADMIN} routes require as {@code Authorization: Bearer ...};
     *                   null: none (only API keys and sessions, where the server has accounts)
     * @param groups     the routes of the capabilities: status pages, APIs, feeds, badges
     */
    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, PingIngest pings,
                     String adminToken, List<RouteGroup> groups) {
        this(status, readiness, metrics, pings, AccessGate.adminTokenOnly(adminToken), groups);
    }

    /**
     * @param pings  the heartbeat ingest behind {@code /ping/...} and {@code /api/push/...}
     * @param gate   who may call the routes that are not {@link Role#PUBLIC}
     * @param groups the routes of the capabilities: status pages, APIs, feeds, badges, the console
     */
    public WebServer(StatusReadModel status, Readiness readiness, PrometheusMeterRegistry metrics, PingIngest pings,
                     AccessGate gate, List<RouteGroup> groups) {
        this.pings = pings;
        this.gate = gate;
        this.status = status;
        this.readiness = readiness;
        this.metrics = metrics;
        List<Route> all = new ArrayList<>(List.of(
                Route.get("/api/v1/monitors", Role.PUBLIC, this::monitors).readableByAnyOrigin()
                        .documented(ApiDoc.of("Every configured monitor with its state, last result and uptime, by id")
                                .query("state", "only monitors in this state: unknown, up, degraded, down or paused")
                                .query("tag", "only monitors with this tag")
                                .query("component", "only monitors of this component (its id)")
                                .query("type", "only monitors of this check type (http, tcp, heartbeat, ...)")
                                .query("q", "only monitors whose id, name, type, component or tags contain this text, any case")
                                .paged(MONITOR_PAGES)),
                Route.get("/api/v1/monitors/{id}", Role.PUBLIC, this::monitor).readableByAnyOrigin()
                        .documented(ApiDoc.of("One monitor with its state, last result, timings, conditions and uptime")),
                Route.get("/healthz", Role.PUBLIC, ctx -> ctx.json(Map.of("status", "alive")))
                        .documented(ApiDoc.of("Whether the process serves requests: {\"status\": \"alive\"}")),
                Route.get("/readyz", Role.PUBLIC, this::ready)
                        .documented(ApiDoc.of("Whether config, storage, scheduler and cluster membership are fine")
                                .answers(503, "not ready: the problems and the storage's state")),
                Route.get("/metrics", Role.PUBLIC, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape())).documented(ApiDoc.of("Prometheus metrics").produces("text/plain")),
                Route.get(OpenApiDocument.PATH, Role.PUBLIC, this::openApi).readableByAnyOrigin()
                        .documented(ApiDoc.of("This document: the OpenAPI 3.1 description of the API"))));
        // Healthchecks.io-compatible ping URLs and Uptime Kuma's push URL: public, like theirs (the ids are the secret).
        ApiDoc ping = ApiDoc.of("A heartbeat ping (Healthchecks.io's URLs)").produces("text/plain").describedAs("""
                `/ping/{uuid}` (or `/ping/{key}/{slug}`) marks success, `/start` a start, `/fail` a failure, `/{exit code}` \
                the outcome of a command, `/log` a message only; a POST's body is kept in the ping log. Answers `OK` \
                or `OK (not found)` like Healthchecks.io.""");
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST)) {
            all.add(Route.of(method, "/ping/<segments>", Role.PUBLIC, SERVED_BY_PING_HANDLER).takingInData().documented(ping));
        }
        ApiDoc push = ApiDoc.of("A heartbeat ping (Uptime Kuma's push URL)").query("status", "up or down")
                .query("msg", "a message").query("ping", "a response time in milliseconds");
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST)) {
            all.add(Route.of(method, "/api/push/{token}", Role.PUBLIC, SERVED_BY_PING_HANDLER).takingInData().documented(push));
        }
        groups.forEach(group -> all.addAll(group.routes()));
        // A status page's path prefix is a parameter: every fixed route must be matched before it (stable sort).
        all.sort(java.util.Comparator.comparing(r -> r.path().startsWith(PageRequests.PREFIX)));
        this.routes = withHeadAndOptions(all);
        this.notFoundPage = groups.stream().filter(NotFoundPage.class::isInstance).map(NotFoundPage.class::cast).findFirst()
                .orElse(NotFoundPage.PLAIN);
        this.probeGuard = groups.stream().filter(RoleGuard.class::isInstance).map(RoleGuard.class::cast)
                .filter(g -> g.role() == Role.PROBE).findFirst().orElse(null);
        this.audit = groups.stream().filter(AuditTrail.class::isInstance).map(AuditTrail.class::cast).findFirst().orElse(null);
        this.controls = groups.stream().filter(MonitorControlApi.class::isInstance).map(MonitorControlApi.class::cast).findFirst()
                .orElse(null);
    }

    private static List<RouteGroup> withPages(StatusReadModel status, String title, List<RouteGroup> groups) {
        List<RouteGroup> all = new ArrayList<>();
        all.add(new StatusPages(Pages.single(status, title, "http://localhost"), InstantSource.system()));
        all.addAll(groups);
        return all;
    }

    /** Every route the router has, HEAD and OPTIONS included: the route table that access is checked against. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Each GET route also answers HEAD, with the same handler: Jetty sends the status and headers
     * (Content-Type, Content-Length, caching) and drops the body. Javalin alone answers HEAD on a
     * GET route with an empty {@code 200 text/plain}, which tells a link checker or a cache nothing.
     * A GET route readable by any origin also answers the browsers' preflight {@code OPTIONS}.
     */
    private static List<Route> withHeadAndOptions(List<Route> routes) {
        Set<String> declared = new HashSet<>();
        routes.forEach(r -> declared.add(r.method() + " " + r.path()));
        List<Route> out = new ArrayList<>(routes.size() * 3);
        for (Route route : routes) {
            out.add(route);
            if (route.method() == HandlerType.GET && declared.add("HEAD " + route.path())) {
                out.add(route.as(HandlerType.HEAD, route.handler()));
            }
            if (route.method() == HandlerType.GET && route.anyOrigin() && declared.add("OPTIONS " + route.path())) {
                out.add(route.as(HandlerType.OPTIONS, CrossOrigin::preflight));
            }
        }
        return List.copyOf(out);
    }

    public WebServer start(String host, int port) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            // Platform threads for Jetty's own work (its selector parses every request and calls
            // PingHandler); PingHandler runs each other request on a virtual thread of its own
            // (with Jetty's pool there, a 400 KB status page had a p99 three times higher).
            config.concurrency.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(mapper, true));
            // Jetty's default is 8 KB; an answer whose headers outgrew it (a redirect or link repeating an 8 KB
            // request address) was sent without "Connection: close" and the connection left open until the idle
            // timeout. Four times the largest request head, so that whatever an answer repeats of it fits.
            config.jetty.modifyHttpConfiguration(http -> http.setResponseHeaderSize(RESPONSE_HEAD_BYTES));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(2_000);
                // a client that trickles its request line and headers is cut off (the idle timeout restarts per byte)
                server.addEventListener(new HeaderDeadline(HEADER_DEADLINE, server.getScheduler()));
                // Jetty's own refusals (a URI it will not route, a header too large) in the API's JSON form
                server.setErrorHandler(new JettyErrors());
                // Javalin's servlet context goes inside it
                server.setHandler(new PingHandler(pings, Executors.newVirtualThreadPerTaskExecutor()));
            });
            // Before every route (a handler may set stricter ones): no sniffing, no referrer to other sites, and for
            // pages no script but the page's own, no framing, forms only to this origin.
            config.routes.before(WebServer::securityHeaders);
            config.routes.before(ctx -> ctx.attribute(CLIENT_ADDRESS, gate.requests().address(ctx)));
            for (Route route : routes) {
                io.javalin.http.Handler recorded = audit == null ? route.handler() : audit.recording(route, route.handler());
                io.javalin.http.Handler handler = route.role() == Role.PROBE ? gate.vouched(route, probeGuard, recorded)
                        : gate.guard(route, route.anyOrigin() && route.method() != HandlerType.OPTIONS
                        ? CrossOrigin.allowing(recorded) : recorded);
                config.routes.addEndpoint(new io.javalin.router.Endpoint(route.method(), route.path(), handler));
            }
            config.routes.exception(AccessGate.Redirected.class, (e, ctx) -> { }); // to the login page, already answered
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(io.javalin.router.EndpointNotFound.class, (e, ctx) -> unknownUrl(ctx));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(StoreException.class, (e, ctx) -> {
                // the storage is away or refused the call: say so and when to retry, never a 500
                log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", String.valueOf(STORAGE_RETRY_AFTER_SECONDS));
                error(ctx, 503, "storage unavailable, nothing was changed; try again shortly: " + e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log");
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                    unknownUrl(ctx);
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

    /**
     * What every answer says about itself: the Content-Security-Policy allows this origin's styles,
     * images and forms, the status page's one script by its hash, and no framing by other sites
     * (clickjacking on the console's forms).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src " + dev.lookout.status.UptimeBar.scriptHash()
            + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    /** The request attribute with the client's address (behind trusted proxies, the one they name). */
    static final String CLIENT_ADDRESS = "lookout.client";

    /** The address of the client that sent the request, as the access gate sees it. */
    static String clientAddress(Context ctx) {
        String address = ctx.attribute(CLIENT_ADDRESS);
        return address == null ? ctx.ip() : address;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    /**
     * The heartbeat routes are served by {@link PingHandler} before routing; they are declared here
     * with their role. A request that reaches this handler is one PingHandler declined because its
     * path is not a ping URL once normalised ({@code /ping/../healthz}, {@code /ping/%2e%2e}).
     */
    private static final io.javalin.http.Handler SERVED_BY_PING_HANDLER = ctx -> {
        throw ApiException.notFound("no such ping URL: a ping URL has no '.' or '..' segments");
    };

    /** How long a request line and its headers may take to arrive; a browser or a script sends them at once. */
    static final java.time.Duration HEADER_DEADLINE = java.time.Duration.ofSeconds(10);
    /** Room for an answer's status line and headers (Jetty's request head limit stays 8 KB). */
    static final int RESPONSE_HEAD_BYTES = 32 * 1024;

    /** What a 503 for a storage failure asks the client to wait: the health probe looks every second. */
    static final int STORAGE_RETRY_AFTER_SECONDS = 5;

    /** Marks a response whose error body is already written (JSON, or a badge), so the generic 404 handler keeps it. */
    static final String ERROR_WRITTEN = "lookout.error";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        ctx.status(status).json(body);
    }

    /** An address no route serves: a page for a browser, the API's JSON error for anything else. */
    private void unknownUrl(Context ctx) {
        ctx.header("Vary", "Accept"); // a cache must not hand the page to an API client, nor the JSON to a browser
        if (AcceptHeader.prefersHtml(ctx.header("Accept"))) {
            ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
            notFoundPage.render(ctx);
        } else {
            error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path());
        }
    }

    private void monitors(Context ctx) {
        MonitorFilter filter = MonitorFilter.of(ctx);
        // Filtered and paged from memory; the stored figures (uptimes) are read for the page only, not for 10,000 monitors.
        List<dev.lookout.status.MonitorView> shown = status.monitorsWithoutFigures().stream()
                .filter(m -> matches(filter, m, status.tags(m.id()))).toList();
        Paging.Page<dev.lookout.status.MonitorView> page = Paging.of(ctx, shown, MONITOR_PAGES,
                Paging.Order.byText(dev.lookout.status.MonitorView::id));
        boolean operator = forOperators(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monitors", page.items().stream().map(m -> status.monitor(m.id()).orElse(m))
                .map(m -> monitorJson(m, operator)).toList());
        body.put("next", page.next());
        ctx.json(body);
    }

    private static boolean matches(MonitorFilter filter, dev.lookout.status.MonitorView m, List<String> tags) {
        String component = m.componentId() == null ? "" : m.componentId();
        String words = String.join(" ", m.id(), m.name(), m.type(), component, String.join(" ", tags)).toLowerCase(Locale.ROOT);
        return filter.matches(m.state().name().toLowerCase(Locale.ROOT), tags, m.componentId(), m.type(), words);
    }

    /** Built at the first request, once every route is known; the route table does not change while the server runs. */
    private void openApi(Context ctx) {
        byte[] document = openApiDocument;
        if (document == null) {
            document = OpenApiDocument.json(routes, dev.lookout.build.BuildInfo.current().version());
            openApiDocument = document;
        }
        ctx.contentType("application/json").result(document);
    }

    private void monitor(Context ctx) {
        String id = ctx.pathParam("id");
        boolean operator = forOperators(ctx);
        ctx.json(status.monitor(id).map(m -> monitorJson(m, operator))
                .orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'")));
    }

    /**
     * Whether a public monitor answer may show the operators' words (a pause's or a silence's reason,
     * who gave it): to a viewer or more (key or session), not to anyone; the answer depends on the caller.
     */
    private boolean forOperators(Context ctx) {
        ctx.header("Vary", "Authorization, Cookie");
        return gate.admitsOnPublicRoute(ctx, Role.VIEWER);
    }

    private Map<String, Object> monitorJson(dev.lookout.status.MonitorView m, boolean operator) {
        Map<String, Object> json = MonitorJson.of(m, pings.status(m.id()));
        if (controls != null) {
            controls.describe(m.id(), json, operator);
        }
        return json;
    }

    private void ready(Context ctx) {
        Map<String, String> problems = readiness.problems();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ready" : "unready");
        body.put("problems", problems);
        body.putAll(readiness.details());
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
