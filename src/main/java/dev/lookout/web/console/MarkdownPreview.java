package dev.lookout.web.console;

import dev.lookout.incident.Markdown;
import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * {@code POST /console/markdown}: a message rendered as the status page will show it, by the same
 * renderer and sanitiser ({@link Markdown}), for the preview beside the console's text fields
 * (htmx swaps the answer in). A POST because a postmortem is too long for a URL; it changes
 * nothing, so it is not in the audit log ({@link Route#readingOnly()}).
 */
final class MarkdownPreview implements RouteGroup {
    /** The longest text previewed, in characters. */
    static final int MAX_LENGTH = 100_000;

    @Override
    public List<Route> routes() {
        return List.of(Route.of(HandlerType.POST, "/console/markdown", Role.EDITOR, this::preview).readingOnly());
    }

    private void preview(Context ctx) {
        String body = ctx.formParam("body");
        if (body != null && body.length() > MAX_LENGTH) {
            throw ApiException.badRequest("the text is " + body.length() + " characters; the preview takes at most " + MAX_LENGTH);
        }
        String html = body == null || body.isBlank() ? "<p class=\"muted\">Nothing to preview yet.</p>" : Markdown.of(body).html();
        ctx.header("Cache-Control", "no-store").html("<div class=\"markdown\">" + html + "</div>");
    }
}
