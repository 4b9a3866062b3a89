package dev.lookout.alert.channel;

import java.net.URI;

/**
 * The text formats receivers understand. {@link AlertText} writes every message once and asks
 * the markup how to escape, embolden, link and break lines, so that a channel only picks one.
 */
public enum Markup {
    /** Plain text (email's text/plain part, PagerDuty and Opsgenie descriptions): links written out. */
    PLAIN,
    /** CommonMark-like (Discord, Teams, Mattermost, ntfy, Gotify). */
    MARKDOWN,
    /** Slack's mrkdwn: {@code *bold*}, {@code <url|label>}, with &amp;, &lt; and &gt; escaped. */
    SLACK,
    /** HTML for a whole document (email's text/html part): lines end with {@code <br>}. */
    HTML,
    /** The few inline HTML tags of Telegram and Pushover; line breaks stay newlines. */
    CHAT_HTML;

    public String escape(String text) {
        return switch (this) {
            case PLAIN -> text;
            case MARKDOWN -> text.replaceAll("([\\\\*_\\[\\]`~|<>])", "\\\\$1");
            case SLACK -> text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            case HTML, CHAT_HTML -> text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;");
        };
    }

    /** {@code text} in bold; {@code text} is escaped here. */
    public String bold(String text) {
        String escaped = escape(text);
        return switch (this) {
            case PLAIN -> escaped;
            case MARKDOWN -> "**" + escaped + "**";
            case SLACK -> "*" + escaped + "*";
            case HTML, CHAT_HTML -> "<b>" + escaped + "</b>";
        };
    }

    /** A link labelled {@code label} (escaped here). */
    public String link(String label, URI url) {
        String href = url.toString();
        return switch (this) {
            case PLAIN -> label + ": " + href;
            case MARKDOWN -> "[" + escape(label) + "](" + href.replace(")", "%29") + ")";
            case SLACK -> "<" + href.replace("|", "%7C").replace(">", "%3E") + "|" + escape(label) + ">";
            case HTML, CHAT_HTML -> "<a href=\"" + escape(href) + "\">" + escape(label) + "</a>";
        };
    }

    /** Joins lines the way this format breaks them. */
    public String lines(Iterable<String> lines) {
        return String.join(this == HTML ? "<br>\n" : "\n", lines);
    }

    /**
     * Text a user wrote in a {@code template:}: markup languages take it as written (so that a
     * template may use them), HTML receivers get it escaped with its line breaks kept.
     */
    public String verbatim(String text) {
        return switch (this) {
            case PLAIN, MARKDOWN, SLACK -> text;
            case HTML -> escape(text).replace("\n", "<br>\n");
            case CHAT_HTML -> escape(text);
        };
    }
}
