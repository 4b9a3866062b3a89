package dev.lookout.web;

import dev.lookout.config.PageConfig;
import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.status.ComponentCharts;
import dev.lookout.status.IncidentHistory;
import dev.lookout.status.Page;
import dev.lookout.status.Pages;
import dev.lookout.status.StatusReadModel;
import dev.lookout.status.StatusSnapshot;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The public HTML pages of every configured status page: the status page ({@code /}), the
 * incident history ({@code /history}) and a page per incident and per maintenance, each under the
 * page's host or path prefix ({@link PageRequests}), plus a logo file at {@code /pages/{id}/logo}.
 *
 * <p>A page is rendered once per snapshot or history the read model hands out, not per request:
 * the bytes are kept with the objects they were rendered from and served through
 * {@link CachedResponses} (gzip made once, ETag, Last-Modified, 304). During an outage most
 * visitors reload the same few pages; each reload costs a lookup and a header comparison. An
 * unknown page is an HTML 404 page in the page's language, not the API's JSON error; so is any
 * address that no route serves when a browser asks for it ({@link NotFoundPage}).
 */
public final class StatusPages implements RouteGroup, NotFoundPage {
    /** Pages change when checks run or an incident is updated; browsers and proxies may keep them this long. */
    private static final String CACHE = "public, max-age=10";
    private static final String HTML = "text/html; charset=utf-8";

    /** What a rendering was made from, compared by identity: a new snapshot, history or page (a reload) renders anew. */
    private record Rendered(Page page, StatusSnapshot snapshot, IncidentHistory history, byte[] html) {
        boolean from(Page p, StatusSnapshot s, IncidentHistory h) {
            return page == p && snapshot == s && history == h;
        }
    }

    private final Pages pages;
    private final CachedResponses cache;
    private final PageTemplates templates = new PageTemplates();
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    private final ComponentCharts charts;
    private final InstantSource clock;
    private final Map<String, byte[]> favicons = Map.of("favicon.svg", resource("favicon.svg"), "favicon.ico", resource("favicon.ico"));

    /** Without response-time charts on the component pages. */
    public StatusPages(Pages pages, InstantSource clock) {
        this(pages, clock, null);
    }

    /** @param charts the response-time charts of the component pages (null: the pages show none) */
    public StatusPages(Pages pages, InstantSource clock, ComponentCharts charts) {
        this.pages = pages;
        this.cache = new CachedResponses(clock);
        this.charts = charts;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(PageRequests.both("/", pages, this::statusPage));
        routes.addAll(PageRequests.both("/history", pages, this::history));
        routes.addAll(PageRequests.both("/incidents/{id}", pages, this::incident));
        routes.addAll(PageRequests.both("/maintenances/{id}", pages, this::maintenance));
        routes.addAll(PageRequests.both("/components/{id}", pages, this::component));
        routes.add(Route.get("/pages/{id}/logo", Role.PUBLIC, this::logo));
        routes.add(Route.get("/favicon.svg", Role.PUBLIC, ctx -> favicon(ctx, "favicon.svg", "image/svg+xml")));
        routes.add(Route.get("/favicon.ico", Role.PUBLIC, ctx -> favicon(ctx, "favicon.ico", "image/x-icon")));
        return routes;
    }

    private void statusPage(Context ctx, Page page) {
        StatusSnapshot snapshot = page.snapshot();
        serve(ctx, page, "/", snapshot, null, () -> render("status.jte", page, Map.of("snapshot", snapshot,
                "description", page.description(), "subscribe", pages.emailSubscriptions())));
    }

    private void history(Context ctx, Page page) {
        IncidentHistory history = page.history();
        String number = ctx.queryParam("page");
        boolean delayed = StatusReadModel.delayed(history, clock.instant()); // a rendering of its own: the same history turns delayed
        number(number == null ? "1" : number).flatMap(n -> history.page((int) Math.min(n, Integer.MAX_VALUE))).ifPresentOrElse(
                shown -> serve(ctx, page, "/history?page=" + shown.number() + (delayed ? " delayed" : ""), null, history,
                        () -> render("history.jte", page, Map.of("page", shown, "updatedAt", history.generatedAt(),
                                "delayed", delayed))),
                () -> notFound(ctx, page));
    }

    private void incident(Context ctx, Page page) {
        StatusSnapshot snapshot = page.snapshot();
        IncidentHistory history = page.history();
        Optional<Incident> found = number(ctx.pathParam("id")).flatMap(page::incident);
        found.ifPresentOrElse(incident -> serve(ctx, page, "/incidents/" + incident.id(), snapshot, history,
                        () -> render("incident.jte", page, Map.of("snapshot", snapshot, "incident", incident))),
                () -> notFound(ctx, page));
    }

    private void maintenance(Context ctx, Page page) {
        StatusSnapshot snapshot = page.snapshot();
        IncidentHistory history = page.history();
        Optional<Maintenance> found = number(ctx.pathParam("id")).flatMap(page::maintenance);
        found.ifPresentOrElse(maintenance -> serve(ctx, page, "/maintenances/" + maintenance.id(), snapshot, history,
                        () -> render("maintenance.jte", page, Map.of("snapshot", snapshot, "maintenance", maintenance))),
                () -> notFound(ctx, page));
    }

    /** A component of the page with its uptime bar and its monitors' response-time charts. */
    private void component(Context ctx, Page page) {
        StatusSnapshot snapshot = page.snapshot();
        String id = ctx.pathParam("id");
        snapshot.components().stream().filter(c -> c.id().equals(id)).findFirst().ifPresentOrElse(
                component -> serve(ctx, page, "/components/" + id, snapshot, null, () -> render("component.jte", page,
                        Map.of("snapshot", snapshot, "component", component,
                                "monitors", charts == null ? List.of() : charts.of(id, page.text())))),
                () -> notFound(ctx, page));
    }

    /** A logo file named in {@code pages:}, read when the configuration was loaded. */
    private void logo(Context ctx) {
        PageConfig.Logo logo = pages.page(ctx.pathParam("id")).map(p -> p.config().logo())
                .filter(l -> l.content() != null)
                .orElseThrow(() -> ApiException.notFound("no logo file for a page '" + ctx.pathParam("id") + "'"));
        // An SVG opened on its own must not run script from this origin.
        ctx.header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        cache.send(ctx, "logo " + ctx.pathParam("id"), logo.content(), logo.contentType(), "public, max-age=300");
    }

    /**
     * The site's icon, a green circle with a check mark: {@code favicon.svg} for browsers that take
     * the {@code <link rel="icon">}, and {@code favicon.ico} (the same drawn at 32 px by Chromium,
     * a PNG in an ICO) for those that ask for it by name.
     */
    private void favicon(Context ctx, String name, String contentType) {
        byte[] bytes = favicons.get(name);
        ctx.header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        cache.send(ctx, name, bytes, contentType, "public, max-age=86400");
    }

    private static byte[] resource(String name) {
        try (var in = StatusPages.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Sends the page's rendering at {@code path}, rendering it first when the snapshot or history
     * it shows (null: not used) is not the one the kept bytes were made from.
     */
    private void serve(Context ctx, Page page, String path, StatusSnapshot snapshot, IncidentHistory history,
                       Supplier<byte[]> render) {
        String key = page.id() + " " + path;
        Rendered r = rendered.get(key);
        if (r == null || !r.from(page, snapshot, history)) {
            r = new Rendered(page, snapshot, history, render.get()); // racing requests may both render, with equal bytes
            rendered.put(key, r);
        }
        cache.send(ctx, key, r.html(), HTML, CACHE);
    }

    /**
     * The "page not found" of the page a browser was on: the one whose path prefix begins the
     * address, else the one of its host.
     */
    @Override
    public void render(Context ctx) {
        String host = PageRequests.host(ctx.header("Host"));
        String[] segments = ctx.path().split("/", 3);
        String prefix = segments.length > 1 && !segments[1].isEmpty() ? "/" + segments[1] : "";
        notFound(ctx, pages.resolve(host, prefix).or(() -> pages.resolve(host, "")).orElseThrow());
    }

    private void notFound(Context ctx, Page page) {
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE);
        byte[] html = render("not-found.jte", page, Map.of("updatedAt", page.snapshot().generatedAt()));
        ctx.status(404).header("Cache-Control", CACHE).contentType(HTML);
        // Straight to the servlet stream with its length, as CachedResponses does: through result(), Jetty says the
        // length only of an answer that fits its 8 KB buffer, and this page is larger.
        ctx.res().setContentLength(html.length);
        if (!"HEAD".equals(ctx.method().name())) {
            try {
                ctx.res().getOutputStream().write(html);
            } catch (java.io.IOException e) {
                // The reader went away mid-answer: nothing to answer, nothing wrong here.
            }
        }
    }

    private byte[] render(String template, Page page, Map<String, Object> params) {
        return templates.render(template, page, params);
    }

    /** An id or page number as digits only; anything else (a sign, letters, too long) leads to the 404 page. */
    private static Optional<Long> number(String raw) {
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(raw));
    }
}
