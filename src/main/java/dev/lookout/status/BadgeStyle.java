package dev.lookout.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two Shields.io styles Lookout draws: {@code flat} (rounded, with a light gradient) and {@code flat-square}. */
public enum BadgeStyle {
    FLAT, FLAT_SQUARE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<BadgeStyle> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
