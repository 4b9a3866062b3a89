package dev.lookout.alert.channel;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.FailedCondition;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.config.ConfigNode;
import dev.lookout.evaluate.MonitorState;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Compiles user templates (Mustache, via jmustache) at configuration load, and proves each one
 * against a message that has every variable set, so that an unknown variable is a configuration
 * error with its position instead of a failed notification at 3 a.m.
 */
public enum TemplateCompiler {
    /** Values inserted as they are (titles and bodies of chat messages). */
    TEXT(Escapers.NONE),
    /** Values escaped for the inside of a JSON string (the webhook's {@code body_template}). */
    JSON(raw -> new String(JsonStringEncoder.getInstance().quoteAsString(raw)));

    private static final AlertMessage SAMPLE = new AlertMessage("sample", AlertKind.DOWN, Instant.EPOCH, "node",
            List.of(new MonitorAlert("episode", AlertKind.DOWN, "id", "name", "type", "component", MonitorState.DOWN,
                    Instant.EPOCH, "cause", List.of(new FailedCondition("condition", "actual")), List.of("dependent"),
                    URI.create("http://monitor"), URI.create("http://ack"))),
            "text");

    private final Mustache.Compiler compiler;

    TemplateCompiler(Mustache.Escaper escaper) {
        // A null value (no ack link) renders empty and is false in a section; a misspelt name still fails.
        this.compiler = Mustache.compiler().withEscaper(escaper).nullValue("").emptyStringIsFalse(true);
    }

    /** The template at {@code node}, or null (with an error on the node) when it does not compile or names unknown variables. */
    public Template compile(ConfigNode node) {
        String text = node.text().orElse(null);
        if (text == null) {
            return null;
        }
        try {
            Template template = compiler.compile(text);
            template.execute(AlertText.variables(SAMPLE));
            return template;
        } catch (MustacheException e) {
            node.error("invalid template: " + e.getMessage() + " (the variables are listed in docs/channels.md, \"Templates\")");
            return null;
        }
    }

    public static String render(Template template, AlertMessage message) {
        return template.execute(AlertText.variables(message));
    }
}
