package dev.lookout.incident;

import dev.lookout.check.Outcome;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.incident.MonitorHistory.AlertEpisode;
import dev.lookout.incident.MonitorHistory.Notification;
import dev.lookout.incident.Timeline.Entry;
import dev.lookout.incident.Timeline.Kind;
import dev.lookout.incident.Timeline.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles the {@link Timeline} of an incident from the incident's updates and the stored history
 * of the monitors of the components it affects, over the window
 * {@code [opened − lookback, resolved]} ({@code now} instead of {@code resolved} while it is open).
 * The lookback catches what the monitors saw before anyone opened the incident. Reads a handful of
 * indexed queries per request; nothing is cached, a timeline is asked for rarely.
 */
public final class TimelineBuilder {
    /** How far before the incident was opened the timeline looks. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    /** A flapping monitor must not turn a timeline into megabytes: at most this many state changes are shown. */
    public static final int MAX_STATE_CHANGES = 1000;
    static final int MAX_EPISODES = 200;
    /** Longest check message or delivery error quoted in an entry. */
    static final int MAX_QUOTE = 300;

    private static final Set<Outcome> FAILED = Set.of(Outcome.FAILED, Outcome.TIMEOUT);
    /**
     * The alert kinds (as stored, {@code dev.lookout.alert.AlertKind} names) that announce or continue
     * a problem, as opposed to a recovery or an acknowledgement notice; a test keeps this in step
     * with {@code AlertKind.isProblem()}, which this package does not depend on.
     */
    private static final Set<String> PROBLEM_KINDS = Set.of("DOWN", "DEGRADED", "STILL_DOWN", "ESCALATED", "FLAPPING",
            "MONITORING_SIDE_FAILURE");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final MonitorHistory history;
    private final Function<String, ? extends Collection<String>> monitorsOfComponent;
    private final InstantSource clock;
    private final Duration lookback;

    /**
     * @param monitorsOfComponent the ids of the monitors configured for a component id (asked on every
     *                            build, so that a reload applies); empty for an unknown component
     */
    public TimelineBuilder(MonitorHistory history, Function<String, ? extends Collection<String>> monitorsOfComponent,
                           InstantSource clock, Duration lookback) {
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must not be negative: " + lookback);
        }
        this.history = history;
        this.monitorsOfComponent = monitorsOfComponent;
        this.clock = clock;
        this.lookback = lookback;
    }

    public Timeline build(Incident incident) {
        Instant from = incident.createdAt().minus(lookback);
        Instant to = incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        if (to.isBefore(from)) {
            to = from; // a clock behind the incident's own times (another node's): an empty window, not an error
        }
        Set<String> monitorIds = new TreeSet<>();
        for (String component : incident.components().keySet()) {
            monitorIds.addAll(monitorsOfComponent.apply(component));
        }
        List<Entry> entries = new ArrayList<>();
        Entry impact = firstProblemResults(monitorIds, from, to, entries);
        List<StateChange> changes = history.stateChanges(monitorIds, from, to, MAX_STATE_CHANGES + 1);
        boolean truncated = changes.size() > MAX_STATE_CHANGES;
        if (truncated) {
            changes = changes.subList(0, MAX_STATE_CHANGES);
        }
        for (StateChange c : changes) {
            entries.add(new Entry(c.at(), c.to() == MonitorState.UP ? Kind.RECOVERY : Kind.STATE_CHANGE, c.monitorId(),
                    transition(c) + (c.cause() == null ? "" : quote(c.cause().message()))));
        }
        Span alertToAck = alerting(monitorIds, from, to, entries);
        for (Update u : incident.updates()) {
            entries.add(new Entry(u.createdAt(), Kind.INCIDENT_UPDATE, "incident", updateText(u)));
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::kind));
        return new Timeline(incident.id(), incident.name(), from, to, List.copyOf(monitorIds), entries,
                impact == null ? null : detection(impact, changes), alertToAck,
                impact == null ? null : recovery(impact, changes, incident), truncated);
    }

    /** Adds each monitor's first degraded and first failed result; returns the earliest of them (the impact's start). */
    private Entry firstProblemResults(Set<String> monitorIds, Instant from, Instant to, List<Entry> entries) {
        Entry impact = null;
        for (String monitor : monitorIds) {
            List<Entry> found = new ArrayList<>(2);
            history.firstResult(monitor, Set.of(Outcome.DEGRADED), from, to).ifPresent(r -> found.add(new Entry(
                    r.startedAt(), Kind.FIRST_DEGRADED_RESULT, monitor, "first degraded result" + quote(r.message()))));
            history.firstResult(monitor, FAILED, from, to).ifPresent(r -> found.add(new Entry(r.startedAt(),
                    Kind.FIRST_FAILED_RESULT, monitor, (r.outcome() == Outcome.TIMEOUT ? "first failed check (timed out)"
                            : "first failed check") + quote(r.message()))));
            for (Entry e : found) {
                entries.add(e);
                if (impact == null || e.at().isBefore(impact.at())) {
                    impact = e;
                }
            }
        }
        return impact;
    }

    /**
     * Adds the notifications and acknowledgements of the monitors' alert episodes that fall in the
     * window; returns the span from the first problem notification to the first acknowledgement
     * after it, or null.
     */
    private Span alerting(Set<String> monitorIds, Instant from, Instant to, List<Entry> entries) {
        Instant alerted = null;
        String alertedEvent = null;
        List<Entry> acks = new ArrayList<>();
        for (AlertEpisode episode : history.episodes(monitorIds, from, to, MAX_EPISODES)) {
            for (Notification n : episode.notifications()) {
                if (!within(n.createdAt(), from, to)) {
                    continue;
                }
                String what = label(n.kind()) + " notification about " + episode.monitorId();
                entries.add(new Entry(n.createdAt(), Kind.NOTIFICATION, n.channelId(), what + ": " + delivery(n)));
                if (PROBLEM_KINDS.contains(n.kind()) && (alerted == null || n.createdAt().isBefore(alerted))) {
                    alerted = n.createdAt();
                    alertedEvent = what + " to " + n.channelId();
                }
            }
            if (episode.acknowledgedAt() != null && within(episode.acknowledgedAt(), from, to)) {
                String by = episode.acknowledgedBy() == null || episode.acknowledgedBy().isBlank() ? "someone"
                        : episode.acknowledgedBy();
                Entry ack = new Entry(episode.acknowledgedAt(), Kind.ACKNOWLEDGEMENT, by,
                        "acknowledged the alert for " + episode.monitorId());
                entries.add(ack);
                acks.add(ack);
            }
        }
        if (alerted == null) {
            return null;
        }
        Instant start = alerted;
        String startEvent = alertedEvent;
        return acks.stream().filter(a -> !a.at().isBefore(start)).min(Comparator.comparing(Entry::at))
                .map(a -> new Span(start, startEvent, a.at(), a.source() + " " + a.text())).orElse(null);
    }

    /** From the impact's start to the first state change to DOWN or DEGRADED at or after it. */
    private static Span detection(Entry impact, List<StateChange> changes) {
        return changes.stream().filter(c -> isProblem(c.to()) && !c.at().isBefore(impact.at())).findFirst()
                .map(c -> new Span(impact.at(), event(impact), c.at(), c.monitorId() + " " + transition(c))).orElse(null);
    }

    /**
     * The last affected monitor back UP when every monitor that left UP in the window came back;
     * otherwise the incident's resolution; nothing while neither happened.
     */
    private static Span recovery(Entry impact, List<StateChange> changes, Incident incident) {
        Map<String, StateChange> last = new HashMap<>();
        Set<String> leftUp = new LinkedHashSet<>();
        for (StateChange c : changes) {
            last.put(c.monitorId(), c);
            if (isProblem(c.to())) {
                leftUp.add(c.monitorId());
            }
        }
        StateChange back = null;
        boolean allBack = !leftUp.isEmpty();
        for (String monitor : leftUp) {
            StateChange c = last.get(monitor);
            if (c.to() != MonitorState.UP) {
                allBack = false;
                break;
            }
            if (back == null || c.at().isAfter(back.at())) {
                back = c;
            }
        }
        if (allBack && !back.at().isBefore(impact.at())) {
            return new Span(impact.at(), event(impact), back.at(), back.monitorId() + " back up");
        }
        if (incident.resolvedAt() != null && !incident.resolvedAt().isBefore(impact.at())) {
            return new Span(impact.at(), event(impact), incident.resolvedAt(), "incident resolved");
        }
        return null;
    }

    /** Whether a stored alert kind announces or continues a problem (package-private for the test that keeps it in step). */
    static boolean announcesProblem(String kind) {
        return PROBLEM_KINDS.contains(kind);
    }

    private static boolean isProblem(MonitorState state) {
        return state == MonitorState.DOWN || state == MonitorState.DEGRADED;
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    private static String transition(StateChange c) {
        return c.from() + " → " + c.to();
    }

    /** "first failed check of api", from the entry that started the impact. */
    private static String event(Entry impact) {
        String what = impact.kind() == Kind.FIRST_DEGRADED_RESULT ? "first degraded result" : "first failed check";
        return what + " of " + impact.source();
    }

    /** "down" from "DOWN", "still-down" from "STILL_DOWN", as alert kinds read everywhere else. */
    private static String label(String kind) {
        return kind.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String delivery(Notification n) {
        String tries = n.attempts() == 1 ? "1 attempt" : n.attempts() + " attempts";
        return switch (n.status()) {
            case "delivered" -> "delivered at " + CLOCK_TIME.format(n.deliveredAt()) + (n.attempts() > 1 ? " after " + tries : "");
            // The outbox does not count the attempt that gave up (the sender's error says how many there were).
            case "dead" -> "not delivered, given up" + lastError(n);
            default -> n.attempts() == 0 ? "not delivered yet" : "not delivered yet, " + tries + " failed" + lastError(n);
        };
    }

    private static String lastError(Notification n) {
        return n.lastError() == null || n.lastError().isBlank() ? "" : " (last error: " + clip(n.lastError()) + ")";
    }

    private static String updateText(Update u) {
        String body = u.body().source().strip();
        String text = u.status().code() + (body.isEmpty() ? "" : ": " + body); // the operator's words, whole
        if (!u.changes().isEmpty()) {
            text += " (" + u.changes().stream().map(c -> c.componentId() + ": " + c.newStatus().code())
                    .collect(Collectors.joining(", ")) + ")";
        }
        return text;
    }

    private static String quote(String message) {
        return message == null || message.isBlank() ? "" : ": " + clip(message.strip());
    }

    private static String clip(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_QUOTE) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_QUOTE - 1)) + "…";
    }
}
