package dev.lookout.web;

import dev.lookout.status.Pages;
import dev.lookout.status.StatuspageDocuments;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The public, Statuspage-compatible {@code /api/v2/...} documents, served as pre-rendered bytes
 * with their gzip form, ETag and Last-Modified ({@link CachedResponses}): one set per status page,
 * under the page's host or path prefix ({@code /internal/api/v2/summary.json}).
 */
public final class StatuspageApi implements RouteGroup {
    private static final String CACHE = "public, max-age=10";

    private final Pages pages;
    private final StatuspageDocuments documents;
    private final CachedResponses cache;

    /** The documents of one page only, without prefix. */
    public StatuspageApi(StatuspageDocuments documents) {
        this(documents, InstantSource.system());
    }

    /** The documents of one page only, without prefix. */
    public StatuspageApi(StatuspageDocuments documents, InstantSource clock) {
        this.pages = null;
        this.documents = documents;
        this.cache = new CachedResponses(clock);
    }

    /** The documents of every page. */
    public StatuspageApi(Pages pages, InstantSource clock) {
        this.pages = pages;
        this.documents = null;
        this.cache = new CachedResponses(clock);
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String path : StatuspageDocuments.PATHS) {
            if (pages == null) {
                routes.add(Route.get("/api/v2/" + path, Role.PUBLIC,
                        ctx -> cache.send(ctx, path, documents.document(path), "application/json", CACHE)));
            } else {
                routes.addAll(PageRequests.both("/api/v2/" + path, pages, (ctx, page) ->
                        cache.send(ctx, page.id() + " " + path, page.documents().document(path), "application/json", CACHE)));
            }
        }
        // public reads, for widgets on other sites
        return routes.stream().map(Route::readableByAnyOrigin).map(r -> r.documented(ApiDoc.of(
                "Statuspage-compatible " + r.path().substring(r.path().indexOf("/api/v2/") + 8)
                        + (r.path().startsWith(PageRequests.PREFIX) ? " of the status page at /{page}" : " of the host's status page"))))
                .toList();
    }
}
