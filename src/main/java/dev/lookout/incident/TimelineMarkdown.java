package dev.lookout.incident;

import dev.lookout.incident.Timeline.Entry;
import dev.lookout.incident.Timeline.Span;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link Timeline} as Markdown to paste into a postmortem: a {@code Time | Event} table, then
 * the three durations with the events they run between and how they are defined. Every text
 * from outside (check messages, delivery errors, operators' updates) sits in a table cell on one
 * line, with {@code \}, {@code |} and {@code <} escaped, so it can neither break the table nor
 * start raw HTML in a renderer.
 */
public final class TimelineMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineMarkdown() {
    }

    public static String render(Timeline t) {
        StringBuilder out = new StringBuilder();
        out.append("# Timeline of incident ").append(t.incidentId()).append(": ").append(cell(t.incidentName())).append("\n\n");
        out.append("From ").append(TIME.format(t.from())).append(" to ").append(TIME.format(t.to())).append(" UTC");
        out.append(t.monitorIds().isEmpty() ? "; no monitors belong to the affected components."
                : "; monitors: " + t.monitorIds().stream().map(TimelineMarkdown::cell).collect(Collectors.joining(", ")) + ".");
        out.append("\n\n");
        if (t.entries().isEmpty()) {
            out.append("No events in this window.\n\n");
        } else {
            out.append("| Time (UTC) | Event |\n|---|---|\n");
            for (Entry e : t.entries()) {
                out.append("| ").append(TIME.format(e.at())).append(" | **").append(cell(e.source())).append("** ")
                        .append(cell(e.text())).append(" |\n");
            }
            out.append('\n');
            if (t.truncated()) {
                out.append("Only the first ").append(TimelineBuilder.MAX_STATE_CHANGES)
                        .append(" state changes of the window are shown.\n\n");
            }
        }
        out.append("| Duration | Value | From | To |\n|---|---|---|---|\n");
        span(out, "Time to detect", t.timeToDetect());
        span(out, "Time to acknowledge", t.timeToAcknowledge());
        span(out, "Time to recover", t.timeToRecover());
        out.append("""

                Detect: first failed or degraded result of an affected monitor → first state change to DOWN or \
                DEGRADED after it. Acknowledge: first problem alert → first acknowledgement after it. Recover: first \
                failed or degraded result → the last affected monitor back UP, or the incident's resolution if one \
                was not back UP by then. — means not measurable from what was stored.
                """);
        return out.toString();
    }

    private static void span(StringBuilder out, String name, Span span) {
        out.append("| ").append(name).append(" | ");
        if (span == null) {
            out.append("— | | |\n");
            return;
        }
        // From the times as shown (to the second), so that the table adds up for its reader.
        Duration shown = Duration.between(span.from().truncatedTo(ChronoUnit.SECONDS), span.to().truncatedTo(ChronoUnit.SECONDS));
        out.append(duration(shown)).append(" | ").append(TIME.format(span.from())).append(' ')
                .append(cell(span.fromEvent())).append(" | ").append(TIME.format(span.to())).append(' ')
                .append(cell(span.toEvent())).append(" |\n");
    }

    /** {@code 45s}, {@code 2m 5s}, {@code 1h 4m 0s}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h " + m + "m " + s + "s";
        }
        return m > 0 ? m + "m " + s + "s" : s + "s";
    }

    /** One line, with the characters that would end a cell or start HTML escaped. */
    private static String cell(String text) {
        return text.strip().replaceAll("\\s+", " ")
                .replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "&lt;");
    }
}
