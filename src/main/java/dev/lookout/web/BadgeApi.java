package dev.lookout.web;

import dev.lookout.status.Badge;
import dev.lookout.status.BadgeRenderer;
import dev.lookout.status.BadgeStyle;
import dev.lookout.status.BadgeWindow;
import dev.lookout.status.Badges;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Public SVG badges of monitors and components: {@code /badge/{monitor|component}/{id}/status.svg},
 * {@code .../uptime/{window}.svg} and {@code .../response-time/{window}.svg}, with optional
 * {@code ?label=} and {@code ?style=flat|flat-square}. An unknown id is answered 404 with a grey
 * "not found" badge (an image, so that a page embedding it shows something, as Shields and Uptime
 * Kuma do), a bad window or style with the usual JSON error.
 */
public final class BadgeApi implements RouteGroup {
    static final int MAX_LABEL_LENGTH = 100;
    private static final String SVG = "image/svg+xml;charset=utf-8";

    private final Badges badges;
    private final Duration maxAge;

    /** @param maxAge how long browsers and proxies may keep a badge; the values are cached that long on our side too */
    public BadgeApi(Badges badges, Duration maxAge) {
        this.badges = badges;
        this.maxAge = maxAge;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Badges.Subject subject : Badges.Subject.values()) {
            String base = "/badge/" + subject.name().toLowerCase() + "/{id}";
            routes.add(Route.get(base + "/status.svg", Role.PUBLIC, ctx -> serve(ctx, subject, Badges.Kind.STATUS, BadgeWindow.H24)));
            routes.add(Route.get(base + "/uptime/{window}.svg", Role.PUBLIC,
                    ctx -> serve(ctx, subject, Badges.Kind.UPTIME, window(ctx))));
            routes.add(Route.get(base + "/response-time/{window}.svg", Role.PUBLIC,
                    ctx -> serve(ctx, subject, Badges.Kind.RESPONSE_TIME, window(ctx))));
        }
        return routes.stream().map(Route::readableByAnyOrigin).toList(); // public reads, for widgets on other sites
    }

    private void serve(Context ctx, Badges.Subject subject, Badges.Kind kind, BadgeWindow window) {
        BadgeStyle style = style(ctx);
        String label = ctx.queryParam("label");
        if (label != null && label.length() > MAX_LABEL_LENGTH) {
            throw ApiException.badRequest("label is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        var found = badges.badge(subject, ctx.pathParam("id"), kind, window);
        Badge badge = found.orElseGet(() -> new Badge(subject.name().toLowerCase(), "not found", Badge.LIGHT_GREY));
        if (label != null) {
            badge = badge.withLabel(label);
        }
        byte[] svg = BadgeRenderer.render(badge, style).getBytes(StandardCharsets.UTF_8);
        ctx.header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        if (found.isEmpty()) {
            ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE);
            ctx.status(404).header("Cache-Control", "no-cache").contentType(SVG).result(svg);
            return;
        }
        String etag = etag(svg);
        ctx.header("Cache-Control", "public, max-age=" + maxAge.toSeconds()).header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(SVG).result(svg);
    }

    private static BadgeWindow window(Context ctx) {
        String code = ctx.pathParam("window");
        return BadgeWindow.parse(code).orElseThrow(() -> ApiException.notFound(
                "no badge window '" + code + "'; use 24h, 7d, 30d or 90d"));
    }

    private static BadgeStyle style(Context ctx) {
        String code = ctx.queryParam("style");
        if (code == null) {
            return BadgeStyle.FLAT;
        }
        return BadgeStyle.parse(code).orElseThrow(() -> ApiException.badRequest("style must be flat or flat-square"));
    }

    private static String etag(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + body.length + "\"";
    }
}
