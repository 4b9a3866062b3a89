package dev.lookout.web;

import dev.lookout.status.StatuspageDocuments;
import java.util.List;

/** The public, Statuspage-compatible {@code /api/v2/...} documents, served as pre-rendered bytes. */
public final class StatuspageApi implements RouteGroup {
    private final StatuspageDocuments documents;

    public StatuspageApi(StatuspageDocuments documents) {
        this.documents = documents;
    }

    @Override
    public List<Route> routes() {
        return StatuspageDocuments.PATHS.stream().map(path -> Route.get("/api/v2/" + path, Role.PUBLIC,
                ctx -> ctx.header("Cache-Control", "public, max-age=10").contentType("application/json")
                        .result(documents.document(path)))).toList();
    }
}
