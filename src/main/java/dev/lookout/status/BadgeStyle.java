package dev.lookout.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Shields.io styles Lookout draws ({@code ?style=}): {@code flat} (rounded, a light gradient),
 * {@code flat-square}, {@code plastic} (shinier, 18 px high), {@code for-the-badge} (capitals,
 * 28 px high) and {@code social} (a GitHub-like button with a speech bubble, grey on white).
 */
public enum BadgeStyle {
    FLAT, FLAT_SQUARE, PLASTIC, FOR_THE_BADGE, SOCIAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<BadgeStyle> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    /** The codes, for an error message: "flat, flat-square, ...". */
    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(BadgeStyle::code).toList());
    }
}
