package dev.lookout.web.console;

import dev.lookout.account.AccountRole;
import dev.lookout.web.Caller;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Renders a console page (a JTE template under {@code console/}) with the console's headers. */
final class ConsoleView {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ConsoleAssets assets;

    ConsoleView(ConsoleAssets assets) {
        this.assets = assets;
    }

    ConsoleFrame frame(Context ctx) {
        Caller caller = Caller.of(ctx);
        return new ConsoleFrame(caller.name(), caller.role().code(),
                caller.session() == null ? "" : caller.session().csrfToken(), caller.session() != null,
                caller.role().atLeast(AccountRole.EDITOR), caller.role().atLeast(AccountRole.ADMIN), assets.integrity(ConsoleAssets.HTMX),
                assets.integrity(ConsoleAssets.SCRIPT));
    }

    /**
     * Renders {@code template} with {@code frame} and the page's own model, with the status already
     * set (200 unless a handler set another); {@code sizeHint} sizes the buffer.
     */
    void render(Context ctx, String template, Map<String, Object> model, int sizeHint) {
        render(ctx, ctx.statusCode(), template, model, sizeHint);
    }

    /** As {@link #render(Context, String, Map, int)}, answered with {@code status} (a form shown again with its refusal). */
    void render(Context ctx, int status, String template, Map<String, Object> model, int sizeHint) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("frame", frame(ctx));
        StringOutput out = new StringOutput(sizeHint);
        templates.render(template, all, out);
        ctx.status(status).header("Cache-Control", "no-store").header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", assets.contentSecurityPolicy())
                .header("Vary", "HX-Request").html(out.toString());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
