package dev.lookout.importer.gatus;

import dev.lookout.importer.Draft;
import dev.lookout.importer.Variable;
import dev.lookout.importer.Verbatim;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatus expands {@code $VAR} and {@code ${VAR}} in its whole configuration ({@code $$} is a literal
 * {@code $}). Such a value becomes the same reference in Lookout's syntax, so that secrets the
 * operator already kept in the environment stay there; a value without one is plain text.
 */
final class GatusText {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Draft draft;

    GatusText(Draft draft) {
        this.draft = draft;
    }

    static boolean hasReference(String text) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            if (!m.group().equals("$$")) {
                return true;
            }
        }
        return false;
    }

    /** The value as Lookout must write it: a {@link Verbatim} with {@code ${VAR}} references, or plain text. */
    Object value(String text, String sample) {
        if (text == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean references = false;
        int last = 0;
        while (m.find()) {
            // text between references is literal: Lookout would read its "${" as a reference
            out.append(text, last, m.start());
            last = m.end();
            if (m.group().equals("$$")) {
                out.append('$');
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            boolean whole = m.start() == 0 && m.end() == text.length();
            draft.reference(name, whole ? sample : "imported", "referred to by the Gatus configuration (set it as for Gatus)");
            out.append("\u0000").append(name).append("\u0001");
            references = true;
        }
        out.append(text.substring(last));
        if (!references) {
            return out.toString();
        }
        String escaped = out.toString().replace("${", "$${").replace("\u0000", "${").replace("\u0001", "}");
        return new Verbatim(escaped);
    }

    /** A secret: the operator's own reference when the value has one, else a new variable named from {@code nameHint}. */
    Object secret(String text, String nameHint, String sample, String origin) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (hasReference(text)) {
            return value(text, sample);
        }
        Variable variable = draft.secret(nameHint, sample, origin);
        return variable;
    }
}
