package dev.lookout.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration literals as written in config and conditions: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
public final class Durations {
    private static final Pattern LITERAL = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses a literal; empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = LITERAL.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        BigDecimal millis = amount.multiply(BigDecimal.valueOf(millisPerUnit));
        return Optional.of(Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue()));
    }

    /** The shortest literal that reads back as the same duration (whole units only). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0 && ms > 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0 && ms > 0) return ms / 60_000L + "m";
        if (ms % 1_000L == 0 && ms > 0) return ms / 1_000L + "s";
        return ms + "ms";
    }
}
