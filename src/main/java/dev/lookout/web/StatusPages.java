package dev.lookout.web;

import dev.lookout.status.PageText;
import dev.lookout.status.StatusReadModel;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public HTML pages: the status page ({@code /}), the incident history ({@code /history}) and
 * a page per incident and per maintenance. Rendered on the server from the status read model's
 * cached snapshot and history (no query per view), without script, with their text from
 * {@link PageText}. An unknown page is an HTML 404 page, not the API's JSON error.
 */
final class StatusPages implements RouteGroup {
    /** Pages change when checks run or an incident is updated; browsers and proxies may keep them this long. */
    private static final String CACHE = "public, max-age=10";

    private final StatusReadModel status;
    private final String title;
    private final PageText text;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    StatusPages(StatusReadModel status, String title, PageText text) {
        this.status = status;
        this.title = title;
        this.text = text;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/", Role.PUBLIC, this::statusPage),
                Route.get("/history", Role.PUBLIC, this::history),
                Route.get("/incidents/{id}", Role.PUBLIC, this::incident),
                Route.get("/maintenances/{id}", Role.PUBLIC, this::maintenance));
    }

    private void statusPage(Context ctx) {
        render(ctx, "status.jte", Map.of("text", text, "title", title, "snapshot", status.snapshot()));
    }

    private void history(Context ctx) {
        var history = status.history();
        String page = ctx.queryParam("page");
        number(page == null ? "1" : page).flatMap(n -> history.page((int) Math.min(n, Integer.MAX_VALUE))).ifPresentOrElse(
                shown -> render(ctx, "history.jte", Map.of("text", text, "title", title, "page", shown,
                        "updatedAt", history.generatedAt())),
                () -> notFound(ctx));
    }

    private void incident(Context ctx) {
        number(ctx.pathParam("id")).flatMap(status::incident).ifPresentOrElse(
                incident -> render(ctx, "incident.jte", Map.of("text", text, "title", title, "snapshot", status.snapshot(),
                        "incident", incident)),
                () -> notFound(ctx));
    }

    private void maintenance(Context ctx) {
        number(ctx.pathParam("id")).flatMap(status::maintenance).ifPresentOrElse(
                maintenance -> render(ctx, "maintenance.jte", Map.of("text", text, "title", title,
                        "snapshot", status.snapshot(), "maintenance", maintenance)),
                () -> notFound(ctx));
    }

    private void notFound(Context ctx) {
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(404);
        render(ctx, "not-found.jte", Map.of("text", text, "title", title, "updatedAt", status.snapshot().generatedAt()));
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.header("Cache-Control", CACHE).html(out.toString());
    }

    /** An id or page number as digits only; anything else (a sign, letters, too long) leads to the 404 page. */
    private static Optional<Long> number(String raw) {
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(raw));
    }
}
