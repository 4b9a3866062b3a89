package dev.lookout.web;

import dev.lookout.status.Badge;
import dev.lookout.status.BadgeRenderer;
import dev.lookout.status.BadgeStyle;
import dev.lookout.status.BadgeWindow;
import dev.lookout.status.Badges;
import dev.lookout.storage.StoreException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public SVG badges of monitors and components: {@code /badge/{monitor|component}/{id}/status.svg},
 * {@code .../uptime/{window}.svg} and {@code .../response-time/{window}.svg}, with optional
 * {@code ?label=} and {@code ?style=} (the Shields.io styles, {@link BadgeStyle}). A badge URL is
 * answered with an image whatever goes wrong, as Shields and Uptime Kuma do, so that the page
 * embedding it shows what is wrong instead of a broken image: an unknown id, window or badge is a
 * 404, a bad style or label a 400, storage trouble a 503, each a grey badge saying so.
 */
public final class BadgeApi implements RouteGroup {
    static final int MAX_LABEL_LENGTH = 100;
    private static final Logger log = LoggerFactory.getLogger(BadgeApi.class);
    private static final String SVG = "image/svg+xml;charset=utf-8";
    /** How much of a bad value from the URL a refusal badge repeats. */
    private static final int QUOTED = 24;

    /** Why a badge URL cannot show its badge: the status and the badge's value that says so. */
    private static final class Refusal extends RuntimeException {
        private final int status;
        private final Badge badge;

        Refusal(int status, String label, String value) {
            super(value, null, false, false);
            this.status = status;
            this.badge = new Badge(label, value, Badge.LIGHT_GREY);
        }

        Refusal(int status, String value) {
            this(status, "badge", value);
        }
    }

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
            routes.add(Route.get(base + "/status.svg", Role.PUBLIC, image(ctx -> serve(ctx, subject, Badges.Kind.STATUS,
                    BadgeWindow.H24))));
            routes.add(Route.get(base + "/uptime/{window}.svg", Role.PUBLIC,
                    image(ctx -> serve(ctx, subject, Badges.Kind.UPTIME, window(ctx)))));
            routes.add(Route.get(base + "/response-time/{window}.svg", Role.PUBLIC,
                    image(ctx -> serve(ctx, subject, Badges.Kind.RESPONSE_TIME, window(ctx)))));
        }
        // After the badges above (routes match in order): any other address under /badge/ is an image too.
        routes.add(Route.get("/badge/<rest>", Role.PUBLIC, image(ctx -> {
            throw new Refusal(404, "no such badge");
        })));
        return routes.stream().map(Route::readableByAnyOrigin).toList(); // public reads, for widgets on other sites
    }

    private void serve(Context ctx, Badges.Subject subject, Badges.Kind kind, BadgeWindow window) {
        BadgeStyle style = style(ctx);
        String label = ctx.queryParam("label");
        if (label != null && label.length() > MAX_LABEL_LENGTH) {
            throw new Refusal(400, "label too long");
        }
        Badge badge = badges.badge(subject, ctx.pathParam("id"), kind, window)
                .orElseThrow(() -> new Refusal(404, subject.name().toLowerCase(), "not found"));
        if (label != null) {
            badge = badge.withLabel(label);
        }
        byte[] svg = BadgeRenderer.render(badge, style).getBytes(StandardCharsets.UTF_8);
        headers(ctx);
        String etag = etag(svg);
        ctx.header("Cache-Control", "public, max-age=" + maxAge.toSeconds()).header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(SVG).result(svg);
    }

    /** {@code handler}, with every refusal and failure answered as a badge image. */
    private static Handler image(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Refusal r) {
                refuse(ctx, r.status, r.badge);
            } catch (StoreException e) {
                log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", String.valueOf(WebServer.STORAGE_RETRY_AFTER_SECONDS));
                refuse(ctx, 503, new Badge("badge", "unavailable", Badge.LIGHT_GREY));
            } catch (RuntimeException e) {
                log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), e);
                refuse(ctx, 500, new Badge("badge", "error", Badge.LIGHT_GREY));
            }
        };
    }

    /** A grey badge saying what is wrong, never cached, drawn in the asked style when that one is known. */
    private static void refuse(Context ctx, int status, Badge badge) {
        BadgeStyle style = BadgeStyle.parse(ctx.queryParam("style")).orElse(BadgeStyle.FLAT);
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE); // the generic 404 handler keeps this body
        headers(ctx);
        ctx.status(status).header("Cache-Control", "no-cache").contentType(SVG)
                .result(BadgeRenderer.render(badge, style).getBytes(StandardCharsets.UTF_8));
    }

    /** An SVG opened on its own must not run script from this origin. */
    private static void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    }

    private static BadgeWindow window(Context ctx) {
        String code = ctx.pathParam("window");
        return BadgeWindow.parse(code).orElseThrow(() -> new Refusal(404, "unknown window " + quoted(code)));
    }

    private static BadgeStyle style(Context ctx) {
        String code = ctx.queryParam("style");
        if (code == null) {
            return BadgeStyle.FLAT;
        }
        return BadgeStyle.parse(code).orElseThrow(() -> new Refusal(400, "unknown style " + quoted(code)));
    }

    private static String quoted(String fromUrl) {
        return fromUrl.length() > QUOTED ? fromUrl.substring(0, QUOTED) + "…" : fromUrl;
    }

    private static String etag(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + body.length + "\"";
    }
}
