package dev.lookout.web;

import dev.lookout.status.StatuspageDocuments;
import java.time.InstantSource;
import java.util.List;

/**
 * The public, Statuspage-compatible {@code /api/v2/...} documents, served as pre-rendered bytes
 * with their gzip form, ETag and Last-Modified ({@link CachedResponses}).
 */
public final class StatuspageApi implements RouteGroup {
    private final StatuspageDocuments documents;
    private final CachedResponses cache;

    public StatuspageApi(StatuspageDocuments documents) {
        this(documents, InstantSource.system());
    }

    public StatuspageApi(StatuspageDocuments documents, InstantSource clock) {
        this.documents = documents;
        this.cache = new CachedResponses(clock);
    }

    @Override
    public List<Route> routes() {
        return StatuspageDocuments.PATHS.stream().map(path -> Route.get("/api/v2/" + path, Role.PUBLIC,
                ctx -> cache.send(ctx, path, documents.document(path), "application/json", "public, max-age=10"))).toList();
    }
}
