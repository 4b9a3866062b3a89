package dev.lookout.web.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One monitor as a line of the dashboard: what it is, where it belongs, its state and its newest
 * result's age and latency. The texts are made once here so that the template only prints.
 *
 * @param state     the state machine's state in lower case ({@code up}, {@code down}, ...)
 * @param lastCheck when the newest result this node holds started; null when none since the start
 * @param latencyMs the newest result's total time in milliseconds; null when none
 */
public record MonitorRow(String id, String name, String type, String component, String componentName, List<String> tags,
                         String state, Instant lastCheck, Double latencyMs) {

    public MonitorRow {
        tags = List.copyOf(tags);
    }

    /** The tags separated by spaces, as the row's {@code data-tags} for the filter in the browser. */
    public String tagList() {
        return String.join(" ", tags);
    }

    /** The lower-case words the free-text filter looks in: id, name, type, component and tags. */
    public String words() {
        return (id + " " + name + " " + type + " " + (component == null ? "" : component + " " + componentName) + " "
                + tagList()).toLowerCase(java.util.Locale.ROOT);
    }

    /** How long ago the newest result started, in whole units ({@code 42 s}, {@code 3 min}), or a dash. */
    public String age(Instant now) {
        if (lastCheck == null) {
            return "–";
        }
        long seconds = Math.max(0, Duration.between(lastCheck, now).toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds < 172_800 ? seconds / 3600 + " h" : seconds / 86_400 + " d";
    }

    /** The latency with a precision a human reads ({@code 12.3 ms}, {@code 840 ms}), or a dash. */
    public String latency() {
        return latencyMs == null ? "–" : Milliseconds.text(latencyMs);
    }
}
