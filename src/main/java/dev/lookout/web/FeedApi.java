package dev.lookout.web;

import dev.lookout.status.Feeds;
import dev.lookout.status.Pages;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The public feeds under {@code /feeds/}: pre-rendered bytes with a strong ETag and
 * Last-Modified, answered 304 when the reader already has them ({@code If-None-Match} first,
 * {@code If-Modified-Since} only without it, as RFC 9110 orders them). One set per status page,
 * under the page's host or path prefix ({@code /internal/feeds/incidents.rss}).
 */
public final class FeedApi implements RouteGroup {
    static final String CACHE_CONTROL = "public, max-age=60";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Feeds feeds;
    private final Pages pages;

    /** The feeds of one page only, without prefix. */
    public FeedApi(Feeds feeds) {
        this.feeds = feeds;
        this.pages = null;
    }

    /** The feeds of every page. */
    public FeedApi(Pages pages) {
        this.feeds = null;
        this.pages = pages;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String name : Feeds.NAMES) {
            if (pages == null) {
                routes.add(Route.get("/feeds/" + name, Role.PUBLIC, ctx -> serve(ctx, feeds, name)));
            } else {
                routes.addAll(PageRequests.both("/feeds/" + name, pages, (ctx, page) -> serve(ctx, page.feeds(), name)));
            }
        }
        return routes;
    }

    private static void serve(Context ctx, Feeds feeds, String name) {
        Feeds.Feed feed = feeds.feed(name).orElseThrow(() -> ApiException.notFound("no feed " + name));
        Instant modified = feed.lastModified().truncatedTo(ChronoUnit.SECONDS);
        ctx.header("Cache-Control", CACHE_CONTROL).header("ETag", feed.etag())
                .header("Last-Modified", HTTP_DATE.format(modified)).header("X-Content-Type-Options", "nosniff");
        if (notModified(ctx, feed.etag(), modified)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(feed.contentType()).result(feed.body());
    }

    private static boolean notModified(Context ctx, String etag, Instant modified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = ctx.header("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = Instant.from(HTTP_DATE.parse(ifModifiedSince.strip()));
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored (RFC 9110 §13.1.3)
        }
    }
}
