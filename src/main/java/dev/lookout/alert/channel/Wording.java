package dev.lookout.alert.channel;

import com.samskivert.mustache.Template;
import dev.lookout.alert.AlertMessage;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.ValueShape;
import java.util.List;

/**
 * What one channel says: {@link AlertText}'s wording, or the channel's own
 * {@code template: {title, body}} where given (each part optional).
 */
public record Wording(Template title, Template body) {

    public static final Wording DEFAULT = new Wording(null, null);
    private static final ValueShape.Mapping TEMPLATE = ValueShape.mapping(
            ConfigKey.key("title", ValueShape.TEXT, null, "Mustache template of the title"),
            ConfigKey.key("body", ValueShape.TEXT, null, "Mustache template of the body"));
    /** The {@code template:} key every channel type reads with {@link #read}. */
    public static final ConfigKey KEY = ConfigKey.key("template", TEMPLATE, null,
            "The channel's own wording: {title, body}, Mustache templates (variables in docs/channels.md)");

    /** Reads the optional {@code template:} key of a channel. */
    public static Wording read(ConfigNode channel) {
        ConfigNode node = channel.get("template");
        if (!node.isPresent()) {
            return DEFAULT;
        }
        Template title = TemplateCompiler.TEXT.compile(node.get("title"));
        Template body = TemplateCompiler.TEXT.compile(node.get("body"));
        node.rejectUnknownKeys(TEMPLATE.keys());
        return new Wording(title, body);
    }

    public String title(AlertMessage message) {
        return title == null ? AlertText.title(message) : TemplateCompiler.render(title, message).strip();
    }

    /** The sections of the message: one per alert, or the template's body as one section. */
    public List<AlertText.Section> sections(AlertMessage message, Markup markup) {
        return body == null ? AlertText.sections(message, markup)
                : List.of(new AlertText.Section(message.kind(), markup.verbatim(TemplateCompiler.render(body, message))));
    }

    /**
     * At most {@code maxSections} sections of at most {@code maxChars} characters in all (a
     * receiver's limits); the alerts left out are counted in a last section.
     */
    public List<AlertText.Section> sections(AlertMessage message, Markup markup, int maxSections, int maxChars) {
        List<AlertText.Section> all = sections(message, markup);
        List<AlertText.Section> kept = new java.util.ArrayList<>();
        int chars = 0;
        for (AlertText.Section s : all) {
            boolean last = kept.size() == all.size() - 1;
            if (kept.size() >= (last ? maxSections : maxSections - 1) || chars + s.text().length() > maxChars - 40) {
                break;
            }
            kept.add(s);
            chars += s.text().length();
        }
        if (kept.isEmpty()) {
            kept.add(new AlertText.Section(all.getFirst().kind(), AlertText.cut(all.getFirst().text(), maxChars - 40)));
        }
        if (kept.size() < all.size()) {
            kept.add(new AlertText.Section(message.kind(), markup.escape("… and " + (all.size() - kept.size())
                    + " more alerts in this message (see Lookout)")));
        }
        return kept;
    }

    /** The vantage-point line, or nothing when a template writes the body. */
    public String footer(AlertMessage message, Markup markup) {
        return body == null ? markup.escape(AlertText.footer(message)) : "";
    }

    /** Sections and footer as one text. */
    public String body(AlertMessage message, Markup markup) {
        return body(message, markup, Integer.MAX_VALUE);
    }

    /** Sections and footer as one text of at most about {@code maxChars} characters. */
    public String body(AlertMessage message, Markup markup, int maxChars) {
        String footer = footer(message, markup);
        List<String> parts = new java.util.ArrayList<>(sections(message, markup, Integer.MAX_VALUE,
                maxChars == Integer.MAX_VALUE ? maxChars : maxChars - footer.length()).stream()
                .map(AlertText.Section::text).toList());
        if (!footer.isEmpty()) {
            parts.add(footer);
        }
        return String.join(markup == Markup.HTML ? "<br>\n<br>\n" : "\n\n", parts);
    }

    @Override
    public String toString() {
        return "Wording[" + (title == null && body == null ? "default" : "template") + "]";
    }
}
