package dev.lookout.alert.channel;

import dev.lookout.alert.AlertKind;

/** How urgent a kind of notification looks: the colour, severity or priority a channel gives it. */
public enum Tone {
    PROBLEM(0xD93F3F), WARNING(0xE8A317), GOOD(0x2EA44F), INFO(0x6A737D);

    private final int rgb;

    Tone(int rgb) {
        this.rgb = rgb;
    }

    /** 0xRRGGBB, as Discord's embed colour wants it. */
    public int rgb() {
        return rgb;
    }

    /** {@code #rrggbb}, as Mattermost's attachment colour wants it. */
    public String hex() {
        return String.format("#%06x", rgb);
    }

    public static Tone of(AlertKind kind) {
        return switch (kind) {
            case DOWN, STILL_DOWN, ESCALATED, MONITORING_SIDE_FAILURE, UNDELIVERABLE -> PROBLEM;
            case DEGRADED, FLAPPING -> WARNING;
            case RECOVERED -> GOOD;
            case ACKNOWLEDGED, LOOKOUT_WAS_DOWN, TEST -> INFO;
        };
    }
}
