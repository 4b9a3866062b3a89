package dev.lookout.alert.channel;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.FailedCondition;
import dev.lookout.alert.MonitorAlert;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wording of every notification, in one place: what failed (monitor, type, component), its
 * state since when, the cause, each failing condition with its actual value, the dependents, the
 * vantage point and the links. Channels only choose a {@link Markup} and a vendor layout.
 */
public final class AlertText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Conditions and dependents listed per alert; long lists end in "… and N more" (receivers cap message sizes). */
    private static final int MAX_LISTED = 10;

    private AlertText() {
    }

    /** {@code text}, cut to at most {@code max} characters with an ellipsis. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A fact about one alert: a label and its plain-text value. */
    public record Fact(String label, String value) {
    }

    /** A link with its label. */
    public record Link(String label, URI url) {
    }

    /** The text of one alert (or of a message without alerts) and the kind that colours it. */
    public record Section(AlertKind kind, String text) {
    }

    /** The one-line summary: the alert's headline, or a count of kinds for a grouped message. */
    public static String title(AlertMessage message) {
        List<MonitorAlert> alerts = message.alerts();
        if (alerts.isEmpty()) {
            return switch (message.kind()) {
                case TEST -> "Test notification from Lookout";
                case LOOKOUT_WAS_DOWN -> "Lookout was not running";
                case UNDELIVERABLE -> "A notification could not be delivered";
                case MONITORING_SIDE_FAILURE -> "Possible monitoring-side failure";
                default -> words(message.kind());
            };
        }
        if (alerts.size() == 1) {
            return headline(alerts.getFirst());
        }
        Map<String, Integer> counts = new TreeMap<>();
        alerts.forEach(a -> counts.merge(words(a.kind()).toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(n + " " + kind));
        return alerts.size() + " alerts: " + String.join(", ", parts);
    }

    /** {@code Down: API health (api)}. */
    public static String headline(MonitorAlert alert) {
        return words(alert.kind()) + ": " + alert.monitorName() + " (" + alert.monitorId() + ")";
    }

    /** What the kind says in words ({@code Still down}). */
    public static String words(AlertKind kind) {
        String label = kind.label().replace('-', ' ');
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** The facts of one alert in reading order; the failing conditions are one fact with one line each. */
    public static List<Fact> facts(MonitorAlert alert, Instant at) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Monitor", alert.monitorName() + " (" + alert.monitorId() + ")"));
        facts.add(new Fact("Type", alert.monitorType()));
        if (alert.component() != null && !alert.component().isBlank()) {
            facts.add(new Fact("Component", alert.component()));
        }
        facts.add(new Fact("State", alert.state().name()));
        facts.add(new Fact("Since", since(alert, at)));
        downFor(alert, at).ifPresent(d -> facts.add(new Fact("Was down for", d)));
        if (!alert.cause().isBlank()) {
            facts.add(new Fact("Cause", cut(alert.cause(), 500)));
        }
        if (!alert.failedConditions().isEmpty()) {
            List<String> lines = new ArrayList<>(alert.failedConditions().stream().limit(MAX_LISTED)
                    .map(c -> cut(condition(c), 200)).toList());
            if (alert.failedConditions().size() > MAX_LISTED) {
                lines.add("… and " + (alert.failedConditions().size() - MAX_LISTED) + " more");
            }
            facts.add(new Fact("Failed conditions", String.join("\n", lines)));
        }
        if (!alert.dependents().isEmpty()) {
            List<String> names = alert.dependents();
            facts.add(new Fact("Dependent monitors affected", names.size() + ": "
                    + String.join(", ", names.stream().limit(MAX_LISTED).toList())
                    + (names.size() > MAX_LISTED ? ", …" : "")));
        }
        return facts;
    }

    /** {@code status == 200 (actual: 503)}. */
    public static String condition(FailedCondition c) {
        return c.condition() + " (actual: " + c.actual() + ")";
    }

    /** The alert's links: its monitor and the acknowledge link, where known. */
    public static List<Link> links(MonitorAlert alert) {
        List<Link> links = new ArrayList<>();
        if (alert.monitorUrl() != null) {
            links.add(new Link("Open monitor", alert.monitorUrl()));
        }
        if (alert.ackUrl() != null) {
            links.add(new Link("Acknowledge", alert.ackUrl()));
        }
        return links;
    }

    /** One section per alert, or one with the message's text when it has no alerts. */
    public static List<Section> sections(AlertMessage message, Markup markup) {
        if (message.alerts().isEmpty()) {
            return List.of(new Section(message.kind(), markup.verbatim(message.text())));
        }
        return message.alerts().stream().map(a -> new Section(a.kind(), section(a, message.at(), markup))).toList();
    }

    private static String section(MonitorAlert alert, Instant at, Markup markup) {
        List<String> lines = new ArrayList<>();
        lines.add(markup.bold(headline(alert)));
        for (Fact fact : facts(alert, at)) {
            if (fact.value().contains("\n")) {
                lines.add(markup.bold(fact.label() + ":"));
                fact.value().lines().forEach(l -> lines.add("• " + markup.escape(l)));
            } else {
                lines.add(markup.bold(fact.label() + ":") + " " + markup.escape(fact.value()));
            }
        }
        List<Link> links = links(alert);
        if (!links.isEmpty()) {
            lines.add(String.join(" · ", links.stream().map(l -> markup.link(l.label(), l.url())).toList()));
        }
        return markup.lines(lines);
    }

    /** {@code Seen from node-1 at 2026-11-23 10:15:00 UTC}: the vantage point. */
    public static String footer(AlertMessage message) {
        return "Seen from " + message.node() + " at " + time(message.at());
    }

    /** The whole message in one format: sections, then the footer. */
    public static String body(AlertMessage message, Markup markup) {
        return Wording.DEFAULT.body(message, markup);
    }

    public static String time(Instant at) {
        return TIME.format(at);
    }

    private static String since(MonitorAlert alert, Instant at) {
        Duration ago = Duration.between(alert.since(), at);
        return time(alert.since()) + (ago.isNegative() || ago.isZero() ? "" : " (" + human(ago) + " ago)");
    }

    /**
     * For a recovery, how long the monitor was down: the engine passes the outage's start as
     * {@code since} of a RECOVERED alert.
     */
    public static java.util.Optional<String> downFor(MonitorAlert alert, Instant at) {
        Duration d = Duration.between(alert.since(), at);
        return alert.kind() == AlertKind.RECOVERED && d.toSeconds() > 0 ? java.util.Optional.of(human(d))
                : java.util.Optional.empty();
    }

    /** {@code 1h 12m}, {@code 4m 5s}, {@code 45s}: the two largest units. */
    public static String human(Duration d) {
        return dev.lookout.alert.DurationText.of(d);
    }

    /**
     * The message as plain values with stable snake_case names: the webhook's JSON body and the
     * variables of templates (documented in docs/channels.md; renaming one breaks receivers).
     */
    public static Map<String, Object> variables(AlertMessage message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", message.id());
        out.put("kind", message.kind().label());
        out.put("at", message.at().toString());
        out.put("node", message.node());
        out.put("title", title(message));
        out.put("text", body(message, Markup.PLAIN));
        out.put("alerts", message.alerts().stream().map(a -> variables(a, message.at())).toList());
        return out;
    }

    /** One alert's values, as in {@code alerts[]} of {@link #variables(AlertMessage)}. */
    public static Map<String, Object> variables(MonitorAlert a, Instant at) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("episode", a.episode());
        alert.put("kind", a.kind().label());
        alert.put("monitor_id", a.monitorId());
        alert.put("monitor_name", a.monitorName());
        alert.put("monitor_type", a.monitorType());
        alert.put("component", a.component());
        alert.put("state", a.state().name());
        alert.put("since", a.since().toString());
        alert.put("down_for", downFor(a, at).orElse(null));
        alert.put("cause", a.cause());
        alert.put("failed_conditions", a.failedConditions());
        alert.put("dependents", a.dependents());
        alert.put("monitor_url", a.monitorUrl() == null ? null : a.monitorUrl().toString());
        alert.put("ack_url", a.ackUrl() == null ? null : a.ackUrl().toString());
        return alert;
    }
}
