package dev.lookout.incident;

import java.util.Objects;

/**
 * A text written in Markdown, kept as written, with its HTML rendering made safe to put in a
 * page: rendered by commonmark, then passed through an allow-list sanitiser, so that script,
 * event handlers and {@code javascript:} links come out inert.
 */
public record Markdown(String source, String html) {
    public Markdown {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(html, "html");
    }

    public static Markdown of(String source) {
        String text = source == null ? "" : source;
        return new Markdown(text, MarkdownRenderer.INSTANCE.render(text));
    }
}
