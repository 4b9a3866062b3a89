package dev.lookout.alert;

import dev.lookout.check.CheckResult;
import dev.lookout.config.AlertRouteConfig;
import dev.lookout.config.AlertingConfig;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.store.AlertWrites;
import dev.lookout.store.EpisodeRecord;
import dev.lookout.store.NotificationRecord;
import dev.lookout.store.OutboxEntry;
import dev.lookout.store.Store;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns state changes into notifications, once: opens an episode when a monitor leaves UP,
 * writes a notification per matching route and channel into the outbox in the same transaction
 * as the state change, and closes the episode with a recovery to the channels that heard about
 * it. {@link #tick()} writes reminders, escalations and what quiet hours held back;
 * {@link #acknowledge} stops them. Everything it writes has a unique key (episode / channel /
 * kind), so a restart replays nothing.
 */
public final class AlertEngine {
    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final Supplier<LookoutConfig> config;
    private final Store store;
    private final InstantSource clock;
    private final AckLinks ackLinks;
    private final String node;
    private final Map<String, Episode> open = new HashMap<>();
    /** Per channel, when its current group is due (grouping window). */
    private final Map<String, Instant> groupDue = new HashMap<>();
    private Instant startedAt;

    public AlertEngine(Supplier<LookoutConfig> config, Store store, InstantSource clock, AckLinks ackLinks, String node) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.ackLinks = ackLinks;
        this.node = node;
    }

    /** Restores open episodes and, when Lookout was not running for a while, says so once. */
    public synchronized void start() {
        startedAt = clock.instant();
        for (EpisodeRecord record : store.outbox().openEpisodes()) {
            Episode episode = new Episode(record.id(), record.monitorId(), record.startedAt(), MonitorState.valueOf(record.state()));
            episode.downAt = record.downAt();
            episode.acknowledgedAt = record.acknowledgedAt();
            episode.acknowledgedBy = record.acknowledgedBy();
            for (NotificationRecord n : store.outbox().notifications(null, record.id(), 1000)) {
                episode.writtenKeys.add(n.dedupKey());
                if (AlertKind.valueOf(n.kind()).isProblem()) {
                    episode.notifiedChannels.add(n.channelId());
                    if (episode.lastAlert == null) {
                        episode.lastAlert = AlertJson.alert(n.body()); // newest first
                    }
                }
            }
            open.put(record.monitorId(), episode);
        }
        Optional<Instant> lastSeen = store.outbox().lastSeen(node);
        AlertingConfig alerting = config.get().alerting();
        if (lastSeen.isPresent() && Duration.between(lastSeen.get(), startedAt).compareTo(alerting.downtimeNotice()) > 0) {
            Duration down = Duration.between(lastSeen.get(), startedAt);
            String text = "Lookout on " + node + " was not running from " + lastSeen.get() + " to " + startedAt + " ("
                    + DurationText.of(down) + "). Checks resume now; what changed meanwhile is alerted only once new"
                    + " checks confirm it.";
            log.warn(text);
            List<OutboxEntry> entries = new ArrayList<>();
            for (String channel : alerting.systemChannels()) {
                entries.add(new OutboxEntry("lookout-down/" + node + "/" + lastSeen.get().toEpochMilli() + "/" + channel, null,
                        channel, AlertKind.LOOKOUT_WAS_DOWN.name(), AlertJson.write(new AlertJson.Text(text)), false,
                        startedAt, due(channel, startedAt)));
            }
            store.outbox().write(new AlertWrites(List.of(), entries));
        }
        store.outbox().seen(node, startedAt, startedAt);
        if (!open.isEmpty()) {
            log.info("alerting: {} open episodes restored", open.size());
        }
    }

    /** Stores the change with the notifications it causes, in one transaction. */
    public synchronized void onStateChange(StateChange change) {
        store.append(change, writesFor(change));
    }

    private AlertWrites writesFor(StateChange change) {
        LookoutConfig current = config.get();
        MonitorConfig monitor = current.monitor(change.monitorId()).orElse(null);
        Episode episode = open.get(change.monitorId());
        MonitorState to = change.to();
        Instant now = change.at();
        if (to == MonitorState.DOWN || to == MonitorState.DEGRADED) {
            if (episode == null) {
                episode = new Episode(Episode.id(change.monitorId(), now), change.monitorId(), now, to);
                open.put(change.monitorId(), episode);
            }
            episode.state = to;
            if (to == MonitorState.DOWN && episode.downAt == null) {
                episode.downAt = now;
            }
            AlertKind kind = to == MonitorState.DOWN ? AlertKind.DOWN : AlertKind.DEGRADED;
            List<OutboxEntry> entries = monitor == null ? List.of() : problem(current, monitor, episode, kind, change.cause(), now);
            return new AlertWrites(List.of(episode.record(null)), entries);
        }
        if (episode == null) {
            return AlertWrites.NONE;
        }
        open.remove(change.monitorId());
        episode.state = to;
        List<OutboxEntry> entries = new ArrayList<>();
        if (to == MonitorState.UP && monitor != null) {
            MonitorAlert alert = alert(current, monitor, episode, AlertKind.RECOVERED, change.cause(), episode.startedAt, null);
            for (AlertRouteConfig route : routes(current, monitor)) {
                if (route.on().contains("recovered")) {
                    for (String channel : route.channels()) {
                        if (episode.notifiedChannels.contains(channel)) {
                            entry(entries, episode, channel, AlertKind.RECOVERED, "recovered", alert, route.action(), now);
                        }
                    }
                }
            }
        }
        // PAUSED or UNKNOWN (a reload): the episode ends without a recovery message.
        return new AlertWrites(List.of(episode.record(now)), entries);
    }

    private List<OutboxEntry> problem(LookoutConfig current, MonitorConfig monitor, Episode episode, AlertKind kind,
                                      CheckResult cause, Instant now) {
        MonitorAlert alert = alert(current, monitor, episode, kind, cause, kind == AlertKind.DOWN ? episode.downAt : now,
                ackLinks.link(episode.id, now));
        episode.lastAlert = alert;
        List<OutboxEntry> entries = new ArrayList<>();
        String transition = kind == AlertKind.DOWN ? "down" : "degraded";
        for (AlertRouteConfig route : routes(current, monitor)) {
            if (!route.on().contains(transition) || quiet(route, now)) {
                continue;
            }
            for (String channel : route.channels()) {
                entry(entries, episode, channel, kind, kind.label(), alert, route.action(), now);
            }
        }
        return entries;
    }

    /** Reminders, escalations and notifications held by quiet hours that are now due; and this node's sign of life. */
    public synchronized void tick() {
        LookoutConfig current = config.get();
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        for (Episode episode : open.values()) {
            MonitorConfig monitor = current.monitor(episode.monitorId).orElse(null);
            if (monitor == null || episode.downAt == null || episode.acknowledged() || episode.state != MonitorState.DOWN) {
                continue;
            }
            for (AlertRouteConfig route : routes(current, monitor)) {
                if (!route.on().contains("down") || quiet(route, now)) {
                    continue;
                }
                for (String channel : route.channels()) {
                    if (!episode.notifiedChannels.contains(channel)) {
                        entry(entries, episode, channel, AlertKind.DOWN, "down", reminder(episode, AlertKind.DOWN, now),
                                route.action(), now); // held by quiet hours until now
                    }
                }
                if (route.repeat() != null) {
                    long n = Duration.between(episode.downAt, now).toMillis() / route.repeat().toMillis();
                    if (n >= 1) {
                        for (String channel : route.channels()) {
                            // Only the latest reminder: after a pause (or Lookout's own downtime) no burst of old ones.
                            entry(entries, episode, channel, AlertKind.STILL_DOWN, "still-down-" + n,
                                    reminder(episode, AlertKind.STILL_DOWN, now), route.action(), now);
                        }
                    }
                }
                for (int step = 0; step < route.escalate().size(); step++) {
                    AlertRouteConfig.Escalation escalation = route.escalate().get(step);
                    if (!now.isBefore(episode.downAt.plus(escalation.after()))) {
                        for (String channel : escalation.channels()) {
                            entry(entries, episode, channel, AlertKind.ESCALATED, "escalated-" + (step + 1),
                                    reminder(episode, AlertKind.ESCALATED, now), route.action(), now);
                        }
                    }
                }
            }
        }
        if (!entries.isEmpty()) {
            store.outbox().write(new AlertWrites(List.of(), entries));
        }
        store.outbox().seen(node, startedAt, now);
    }

    /** What acknowledging an episode did. */
    public enum AckResult { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, RESOLVED, UNKNOWN }

    /** Stops reminders and escalation for the episode, and tells the channels that heard about it. */
    public synchronized AckResult acknowledge(String episodeId, String by) {
        Instant now = clock.instant();
        Episode episode = open.values().stream().filter(e -> e.id.equals(episodeId)).findFirst().orElse(null);
        if (episode == null) {
            return store.outbox().episode(episodeId).map(e -> e.acknowledged() ? AckResult.ALREADY_ACKNOWLEDGED : AckResult.RESOLVED)
                    .orElse(AckResult.UNKNOWN);
        }
        if (episode.acknowledged()) {
            return AckResult.ALREADY_ACKNOWLEDGED;
        }
        store.flush(); // the episode's row may still be queued with its state change
        if (!store.outbox().acknowledge(episodeId, now, by)) {
            return store.outbox().episode(episodeId).isPresent() ? AckResult.ALREADY_ACKNOWLEDGED : AckResult.UNKNOWN;
        }
        episode.acknowledgedAt = now;
        episode.acknowledgedBy = by;
        List<OutboxEntry> entries = new ArrayList<>();
        MonitorAlert alert = reminder(episode, AlertKind.ACKNOWLEDGED, now);
        for (String channel : episode.notifiedChannels) {
            entry(entries, episode, channel, AlertKind.ACKNOWLEDGED, "acknowledged", alert, false, now);
        }
        store.outbox().write(new AlertWrites(List.of(), entries));
        log.info("alert episode {} acknowledged by {}", episodeId, by);
        return AckResult.ACKNOWLEDGED;
    }

    private MonitorAlert reminder(Episode episode, AlertKind kind, Instant now) {
        MonitorAlert last = episode.lastAlert;
        if (last == null) {
            MonitorConfig monitor = config.get().monitor(episode.monitorId).orElseThrow();
            return alert(config.get(), monitor, episode, kind, null, episode.downAt, ackLinks.link(episode.id, now));
        }
        return new MonitorAlert(last.episode(), kind, last.monitorId(), last.monitorName(), last.monitorType(), last.component(),
                last.state(), last.since(), last.cause(), last.failedConditions(), last.dependents(), last.monitorUrl(),
                kind == AlertKind.ACKNOWLEDGED ? null : ackLinks.link(episode.id, now));
    }

    private MonitorAlert alert(LookoutConfig current, MonitorConfig monitor, Episode episode, AlertKind kind, CheckResult cause,
                               Instant since, URI ackUrl) {
        String component = monitor.componentId() == null ? null
                : current.component(monitor.componentId()).map(ComponentConfig::name).orElse(monitor.componentId());
        List<FailedCondition> failed = cause == null ? List.of()
                : cause.failedConditions().stream().map(c -> new FailedCondition(c.condition(), c.actual())).toList();
        URI monitorUrl = URI.create(current.server().publicUrl() + "/api/v1/monitors/" + monitor.id());
        return new MonitorAlert(episode.id, kind, monitor.id(), monitor.name(), monitor.type(), component, episode.state, since,
                cause == null ? "" : cause.message(), failed, List.of(), monitorUrl, ackUrl);
    }

    private void entry(List<OutboxEntry> entries, Episode episode, String channel, AlertKind kind, String keyKind,
                       MonitorAlert alert, boolean action, Instant now) {
        String key = episode.id + "/" + channel + "/" + keyKind;
        if (!episode.writtenKeys.add(key)) {
            return;
        }
        if (kind.isProblem()) {
            episode.notifiedChannels.add(channel);
        }
        entries.add(new OutboxEntry(key, episode.id, channel, kind.name(), AlertJson.write(alert), action, now, due(channel, now)));
    }

    /** Alertmanager-style grouping: the first notification to a channel goes now, the next ones within the window wait for its end. */
    private Instant due(String channel, Instant now) {
        Duration window = config.get().alerting().groupWindow();
        Instant current = groupDue.get(channel);
        Instant due = current == null || !now.isBefore(current.plus(window)) ? now : current.plus(window);
        if (current != null && now.isBefore(current)) {
            due = current; // join the group that is still waiting
        }
        groupDue.put(channel, due);
        return due;
    }

    private static boolean quiet(AlertRouteConfig route, Instant now) {
        return route.quietHours() != null && route.quietHours().contains(now);
    }

    private static List<AlertRouteConfig> routes(LookoutConfig current, MonitorConfig monitor) {
        return current.alerting().routes().stream().filter(r -> r.matches(monitor)).toList();
    }

    /** The open episodes, by monitor id (for the API). */
    public synchronized Map<String, String> openEpisodeIds() {
        Map<String, String> out = new LinkedHashMap<>();
        open.values().forEach(e -> out.put(e.monitorId, e.id));
        return out;
    }
}
