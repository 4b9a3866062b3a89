package dev.lookout.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The timeline of one incident, assembled from stored events so that a postmortem never has to
 * reconstruct it by hand: what the affected components' monitors saw, what alerting sent and who
 * acknowledged it, and what operators posted, in time order, with three durations. Built by
 * {@link TimelineBuilder}; every entry lies in {@code [from, to]}.
 *
 * @param monitorIds       the monitors of the components the incident affects (named in any update)
 * @param timeToDetect     first failed or degraded result → first state change to DOWN or DEGRADED after it
 * @param timeToAcknowledge first problem notification → first acknowledgement after it
 * @param timeToRecover    first failed or degraded result → the last affected monitor back UP, or the
 *                         incident's resolution when a monitor was not back UP by then
 * @param truncated        more state changes were stored than a timeline shows ({@link TimelineBuilder#MAX_STATE_CHANGES})
 */
public record Timeline(long incidentId, String incidentName, Instant from, Instant to, List<String> monitorIds,
                       List<Entry> entries, Span timeToDetect, Span timeToAcknowledge, Span timeToRecover,
                       boolean truncated) {

    public Timeline {
        monitorIds = List.copyOf(monitorIds);
        entries = List.copyOf(entries);
    }

    /**
     * One event.
     *
     * @param source what it is about or who did it: a monitor id, a channel id, the person who
     *               acknowledged, or {@code incident} for an operator's update
     */
    public record Entry(Instant at, Kind kind, String source, String text) {
    }

    /** What an entry records; entries at the same instant are listed in this order. */
    public enum Kind {
        /** The first result of a monitor in the window that was degraded (a {@code [degraded]} condition failed). */
        FIRST_DEGRADED_RESULT,
        /** The first result of a monitor in the window that failed or timed out. */
        FIRST_FAILED_RESULT,
        /** A monitor's state changed (other than back to UP). */
        STATE_CHANGE,
        /** A monitor's state changed back to UP. */
        RECOVERY,
        /** Someone acknowledged an alert episode (before the notices it causes, which share its instant). */
        ACKNOWLEDGEMENT,
        /** Alerting wrote a notification to a channel; the text says whether it was delivered. */
        NOTIFICATION,
        /** An operator posted an update to the incident (opening and resolving included). */
        INCIDENT_UPDATE;

        /** Lower case with underscores, as in the JSON. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A measured duration with the two events it runs between. */
    public record Span(Instant from, String fromEvent, Instant to, String toEvent) {
        public Duration duration() {
            return Duration.between(from, to);
        }
    }
}
