package dev.lookout.web;

import dev.lookout.storage.StorageStatus;
import dev.lookout.store.StorageHealth;
import dev.lookout.store.StorageReport;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /api/v1/storage} (admin): the storage's state, and accepting a database that is not the
 * one Lookout was using ({@code lookout storage accept-new} calls it).
 */
public final class StorageApi implements RouteGroup {

    private final Supplier<StorageReport> report;
    private final StorageHealth health;
    private final Supplier<String> accept;

    /** @param accept accepts the database as it is now and returns its id (the node re-writes what it holds) */
    public StorageApi(Supplier<StorageReport> report, StorageHealth health, Supplier<String> accept) {
        this.report = report;
        this.health = health;
        this.accept = accept;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/storage", Role.VIEWER, ctx -> ctx.json(report.get()))
                        .documented(ApiDoc.of("The storage's state, as in /readyz")),
                Route.of(HandlerType.POST, "/api/v1/storage/accept-new", Role.ADMIN, this::acceptNew)
                        .documented(ApiDoc.of("Accepts a database Lookout holds as not its own")
                                .answers(409, "there is nothing to accept")));
    }

    private void acceptNew(Context ctx) {
        StorageStatus before = health.status();
        if (!before.replaced()) {
            throw new ApiException(409, "nothing to accept: " + health.database() + " is the database Lookout was using"
                    + (before.ok() ? "" : " (it is failing: " + before.fault().label() + ", which heals by itself)"));
        }
        String id = accept.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", health.database());
        body.put("database_id", id);
        body.put("was", before.reason());
        AuditNote.of(ctx).object("database", id).after(body);
        ctx.json(body);
    }
}
