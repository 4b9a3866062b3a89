package dev.lookout.incident;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown to safe HTML. Raw HTML in the source is escaped by commonmark already; the sanitiser
 * is the second wall, so a renderer bug or a future option that lets HTML through cannot put
 * script on the status page.
 */
final class MarkdownRenderer {
    static final MarkdownRenderer INSTANCE = new MarkdownRenderer();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final PolicyFactory policy = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a").allowAttributes("href", "title").onElements("a")
                    .allowStandardUrlProtocols().requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .allowElements("pre", "code", "hr", "br").toFactory());

    private MarkdownRenderer() {
    }

    String render(String markdown) {
        return policy.sanitize(renderer.render(parser.parse(markdown)));
    }
}
