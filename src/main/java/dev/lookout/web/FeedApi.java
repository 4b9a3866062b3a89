package dev.lookout.web;

import dev.lookout.status.Feeds;
import dev.lookout.status.Pages;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The public feeds under {@code /feeds/}: pre-rendered bytes with a strong ETag and
 * Last-Modified, answered 304 when the reader already has them (the same rule as every cached
 * document: {@link CachedResponses#notModified}). One set per status page,
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
        return routes.stream().map(Route::readableByAnyOrigin).toList(); // public reads, for widgets on other sites
    }

    private static void serve(Context ctx, Feeds feeds, String name) {
        Feeds.Feed feed = feeds.feed(name).orElseThrow(() -> ApiException.notFound("no feed " + name));
        Instant modified = feed.lastModified().truncatedTo(ChronoUnit.SECONDS);
        ctx.header("Cache-Control", CACHE_CONTROL).header("ETag", feed.etag())
                .header("Last-Modified", HTTP_DATE.format(modified)).header("X-Content-Type-Options", "nosniff");
        if (CachedResponses.notModified(ctx, feed.etag(), modified)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(feed.contentType()).result(feed.body());
    }
}
