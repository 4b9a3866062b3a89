package dev.lookout.importer;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns names into ids Lookout accepts ({@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 100
 * characters), unique within one list: "Shop (EU)" becomes {@code shop-eu}, a second one
 * {@code shop-eu-2}.
 */
public final class Ids {
    private static final int MAX = 100;
    private final Set<String> used = new HashSet<>();

    /** A new unique id made from {@code name}, or from {@code fallback} when the name has no letter or digit. */
    public String allocate(String name, String fallback) {
        String base = slug(name);
        if (base.isEmpty()) {
            base = slug(fallback);
        }
        if (base.isEmpty()) {
            base = "item";
        }
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            String suffix = "-" + n;
            id = base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
        }
        return id;
    }

    /** Lower case, accents removed, every run of other characters one '-', at most 100 characters. */
    public static String slug(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = plain.replaceAll("[^a-z0-9_.]+", "-").replaceAll("^[-_.]+|[-_.]+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("[-_.]+$", "");
        }
        return slug;
    }
}
