package dev.lookout.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the console's pages: never cached, never framed, no path sent to other sites. */
final class ConsoleTemplates {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, int status, String template, Map<String, Object> model) {
        StringOutput out = new StringOutput(4096);
        templates.render(template, model, out);
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin").html(out.toString());
    }
}
