package dev.lookout.web;

import dev.lookout.status.Page;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The precompiled templates of {@code src/main/jte}, rendered for one status page (its text, title, prefix and logo). */
final class PageTemplates {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    /** {@code template} with {@code params} and the page's own; the model is copied into a map, as jte's map overload wants. */
    byte[] render(String template, Page page, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("text", page.text());
        all.put("title", page.title());
        all.put("base", page.base());
        all.put("logo", page.logoUrl());
        StringOutput out = new StringOutput(16 * 1024);
        templates.render(template, all, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
