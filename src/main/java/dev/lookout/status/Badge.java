package dev.lookout.status;

import java.util.Objects;

/**
 * One badge as Shields.io draws it: a grey label on the left, a value on a coloured background on
 * the right. {@code color} is a CSS hex colour; texts are plain text (escaped when rendered).
 */
public record Badge(String label, String value, String color) {
    /** Shields' colour names, the ones Lookout uses. */
    public static final String BRIGHT_GREEN = "#4c1";
    public static final String GREEN = "#97ca00";
    public static final String YELLOW_GREEN = "#a4a61d";
    public static final String YELLOW = "#dfb317";
    public static final String ORANGE = "#fe7d37";
    public static final String RED = "#e05d44";
    public static final String LIGHT_GREY = "#9f9f9f";
    public static final String BLUE = "#007ec6";
    static final String LABEL_GREY = "#555";

    public Badge {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        if (!color.matches("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("color must be #rgb or #rrggbb, was " + color);
        }
    }

    public Badge withLabel(String newLabel) {
        return new Badge(newLabel, value, color);
    }
}
