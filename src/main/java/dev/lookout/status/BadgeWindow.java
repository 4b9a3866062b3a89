package dev.lookout.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The time windows an uptime or response-time badge covers, ending at the next full hour (rollups are hourly). */
public enum BadgeWindow {
    H24("24h", Duration.ofHours(24)),
    D7("7d", Duration.ofDays(7)),
    D30("30d", Duration.ofDays(30)),
    D90("90d", Duration.ofDays(90));

    private final String code;
    private final Duration length;

    BadgeWindow(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    public String code() {
        return code;
    }

    Duration length() {
        return length;
    }

    public static Optional<BadgeWindow> parse(String code) {
        return Arrays.stream(values()).filter(w -> w.code.equals(code)).findFirst();
    }
}
