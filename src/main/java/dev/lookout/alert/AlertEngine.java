package dev.lookout.alert;

import dev.lookout.check.CheckResult;
import dev.lookout.config.AlertRouteConfig;
import dev.lookout.config.AlertingConfig;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.FlapDetector;
import dev.lookout.evaluate.MassFailureGuard;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.storage.StoreException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns state changes into notifications, once: opens an episode when a monitor leaves UP,
 * writes a notification per matching route and channel into the outbox in the same transaction
 * as the state change, and closes the episode with a recovery to the channels that heard about
 * it. {@link #tick()} writes reminders, escalations and what was held back; {@link #acknowledge}
 * stops them. Everything it writes has a unique key (episode / channel / kind), so a restart
 * replays nothing.
 *
 * <p>Alerts are <em>held</em> (written later, by a tick, if the problem is still there) during
 * quiet hours, during maintenance, while a monitor it depends on is DOWN or failing (folded into
 * that monitor's alert instead), and while the mass-failure guard lets a DOWN settle or waits for
 * confirmation ({@link MassFailureAlerts}); routes marked {@code action} fire {@code action_settle}
 * after the problem began at the earliest, and nothing while the guard is active. A monitor that
 * changes state too often is FLAPPING: one alert, then silence until it is stable.
 *
 * <p>Check threads, web requests and the tick share one lock, held only to decide, in memory:
 * storage I/O happens after it is released, so a slow or frozen database holds up only the
 * call that waits for it. What a state change causes is queued with it (in the order decided,
 * never blocking); what needs an answer from the database (acknowledging, taking back the
 * alerts the mass-failure guard holds) asks for it outside the lock and comes back for the
 * memory part.
 */
public final class AlertEngine {
    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    /** Stored as an episode's state while its monitor flaps. */
    static final String FLAPPING_STATE = "FLAPPING";

    private final Supplier<LookoutConfig> config;
    private final AlertStore store;
    private final InstantSource clock;
    private final AckLinks ackLinks;
    private final String node;
    private final AlertInputs inputs;
    private final Map<String, Episode> open = new HashMap<>();
    /** Per channel, when its current group is due (grouping window). */
    private final Map<String, Instant> groupDue = new HashMap<>();
    private final FlapDetector flaps = new FlapDetector();
    private final MassFailureAlerts guard;
    /** Guards everything above and each episode's fields; never held across storage I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    private Instant startedAt;
    /** The episodes found open at the start, until the first tick has asked the guard about them; then null. */
    private Set<String> foundAtStart;

    public AlertEngine(Supplier<LookoutConfig> config, AlertStore store, InstantSource clock, AckLinks ackLinks, String node) {
        this(config, store, clock, ackLinks, node, AlertInputs.basic(config));
    }

    public AlertEngine(Supplier<LookoutConfig> config, AlertStore store, InstantSource clock, AckLinks ackLinks, String node,
                       AlertInputs inputs) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.ackLinks = ackLinks;
        this.node = node;
        this.inputs = inputs;
        this.guard = new MassFailureAlerts(node, inputs.secondOpinions());
    }

    /** Restores open episodes and, when Lookout was not running for a while, says so once. */
    public void start() {
        Instant at = clock.instant();
        if (store.held()) {
            // Not the database this node was using: nothing to restore from it, nothing written to it until accepted.
            log.warn("alerting: no open episodes restored: the database is held until it is accepted");
            locked(() -> startedAt = at);
            return;
        }
        List<Episode> restored = storedEpisodes(monitorId -> true);
        Optional<Instant> lastSeen = store.outbox().lastSeen(node);
        MassFailureGuard.State storedGuard = store.outbox().massFailureGuard(node);
        AlertingConfig alerting = config.get().alerting();
        List<OutboxEntry> notice = new ArrayList<>();
        GuardRecord guardState;
        lock.lock();
        try {
            startedAt = at;
            restored.forEach(episode -> open.put(episode.monitorId, episode));
            foundAtStart = new HashSet<>(restored.stream().map(e -> e.id).toList());
            guard.restore(storedGuard, at, alerting.massFailure()).ifPresent(state -> log.warn(
                    "alerting: the mass-failure guard on {} is still active (tripped at {}, {} members, {} confirmed down);"
                    + " the members not confirmed are held until {}, and routes marked action fire nothing",
                    node, state.trippedAt(), state.members().size(), state.confirmed().size(), state.holdUntil()));
            guardState = guard.unsaved();
            if (lastSeen.isPresent() && Duration.between(lastSeen.get(), at).compareTo(alerting.downtimeNotice()) > 0) {
                Duration down = Duration.between(lastSeen.get(), at);
                String text = "Lookout on " + node + " was not running from " + lastSeen.get() + " to " + at + " ("
                        + DurationText.of(down) + "). Checks resume now; what changed meanwhile is alerted only once new"
                        + " checks confirm it.";
                log.warn(text);
                notice.addAll(systemMessage("lookout-down/" + node + "/" + lastSeen.get().toEpochMilli(),
                        AlertKind.LOOKOUT_WAS_DOWN, text, at));
            }
        } finally {
            lock.unlock();
        }
        if (!notice.isEmpty() || guardState != null) {
            store.outbox().write(new AlertWrites(List.of(), notice, guardState));
        }
        store.outbox().seen(node, at, at);
        if (!restored.isEmpty()) {
            log.info("alerting: {} open episodes restored", restored.size());
        }
    }

    /** The open episodes stored for the monitors {@code of} accepts, with what was already written for each. */
    private List<Episode> storedEpisodes(java.util.function.Predicate<String> of) {
        List<Episode> restored = new ArrayList<>();
        for (EpisodeRecord record : store.outbox().openEpisodes()) {
            if (!of.test(record.monitorId())) {
                continue;
            }
            boolean flapping = FLAPPING_STATE.equals(record.state());
            Episode episode = new Episode(record.id(), record.monitorId(), record.startedAt(),
                    flapping ? MonitorState.DOWN : MonitorState.valueOf(record.state()));
            episode.flapping = flapping;
            episode.downAt = record.downAt();
            episode.acknowledgedAt = record.acknowledgedAt();
            episode.acknowledgedBy = record.acknowledgedBy();
            episode.silenced = record.silenced();
            for (NotificationRecord n : store.outbox().notifications(null, record.id(), 1000)) {
                episode.writtenKeys.add(n.dedupKey());
                if (AlertKind.valueOf(n.kind()).isProblem()) {
                    episode.notifiedChannels.add(n.channelId());
                    if (episode.lastAlert == null) {
                        episode.lastAlert = AlertJson.alert(n.body()); // newest first
                    }
                }
            }
            restored.add(episode);
        }
        return restored;
    }

    /**
     * Takes over the alerting of monitors another node decided until now (in a cluster, monitors
     * this node has come to own): their open episodes are read from the database, so that a
     * recovery closes the episode the other node opened and no problem is alerted twice. Call
     * before this node applies their results. Reads the database without the lock.
     */
    public void adopt(java.util.Set<String> monitorIds) {
        List<Episode> stored = storedEpisodes(monitorIds::contains);
        locked(() -> {
            for (Episode episode : stored) {
                open.putIfAbsent(episode.monitorId, episode);
            }
        });
        if (!stored.isEmpty()) {
            log.info("alerting: {} open episodes taken over", stored.size());
        }
    }

    /**
     * Lets the monitors' alerting go: another node decides them now and holds their open
     * episodes. Their flapping history goes too (the new owner starts its own), and they no longer
     * count towards this node's mass-failure guard, which watches what this node checks.
     */
    public void release(java.util.Set<String> monitorIds) {
        locked(() -> {
            open.keySet().removeAll(monitorIds);
            monitorIds.forEach(id -> {
                flaps.forget(id);
                guard.onNotDown(id);
            });
        });
    }

    /**
     * Stores the change with the notifications it causes, in one transaction (queued, in the
     * order decided). Waits for the storage only when this change trips the mass-failure guard,
     * and then without the lock.
     */
    public void onStateChange(StateChange change) {
        List<Withdrawal> withdraw = new ArrayList<>();
        lock.lock();
        try {
            AlertWrites writes = writesFor(change, withdraw);
            store.append(change, new AlertWrites(writes.episodes(), writes.notifications(), guard.unsaved()));
        } finally {
            lock.unlock();
        }
        if (!withdraw.isEmpty()) {
            withdraw(withdraw, change.at());
        }
    }

    /** An episode whose unsent notifications the mass-failure guard takes back: all of them, or those of action routes. */
    private record Withdrawal(Episode episode, boolean onlyActions) {
    }

    /** @param withdraw receives the episodes whose unsent alerts the mass-failure guard takes back, if this change trips it */
    private AlertWrites writesFor(StateChange change, List<Withdrawal> withdraw) {
        LookoutConfig current = config.get();
        MonitorConfig monitor = current.monitor(change.monitorId()).orElse(null);
        Episode episode = open.get(change.monitorId());
        MonitorState to = change.to();
        Instant now = change.at();
        boolean problem = to == MonitorState.DOWN || to == MonitorState.DEGRADED;
        boolean counted = counts(change.from()) && counts(to);
        boolean flappingNow = counted && flaps.record(change.monitorId(), now, current.alerting().flapping());
        if (to != MonitorState.DOWN) {
            guard.onNotDown(change.monitorId());
        }
        if (!problem && episode == null) {
            return AlertWrites.NONE;
        }
        if (episode == null) {
            episode = new Episode(Episode.id(change.monitorId(), now), change.monitorId(), now, to);
            open.put(change.monitorId(), episode);
        }
        episode.state = to;
        if (to == MonitorState.DOWN && episode.downAt == null) {
            episode.downAt = now;
        }
        if (monitor == null) {
            return problem ? new AlertWrites(List.of(episode.record(null)), List.of()) : close(episode, now, List.of());
        }
        List<OutboxEntry> entries = new ArrayList<>();
        if (to == MonitorState.DOWN && inputs.checkedHere().test(monitor)) {
            guard.onDown(monitor.id(), now, population(current), current.alerting().massFailure())
                    .ifPresent(trip -> tripped(current, trip, false, now, entries, withdraw));
        }
        if (episode.flapping || flappingNow) {
            if (!episode.flapping && inputs.silenced().apply(monitor.id()).isPresent()) {
                episode.silenced = inputs.silenced().apply(monitor.id()).get();
            } else if (!episode.flapping) {
                episode.flapping = true;
                log.warn("monitor {} is flapping: more than {} state changes within {}", monitor.id(),
                        current.alerting().flapping().transitions(), DurationText.of(current.alerting().flapping().window()));
                MonitorAlert alert = alert(current, monitor, episode, AlertKind.FLAPPING, change.cause(), now,
                        ackLinks.link(episode.id, now));
                episode.lastAlert = alert;
                entries.addAll(routeEntries(current, monitor, episode, alert, "flapping", now, false));
            }
            return new AlertWrites(List.of(episode.record(null)), entries);
        }
        if (problem) {
            AlertKind kind = to == MonitorState.DOWN ? AlertKind.DOWN : AlertKind.DEGRADED;
            MonitorAlert alert = alert(current, monitor, episode, kind, change.cause(),
                    kind == AlertKind.DOWN ? episode.downAt : now, ackLinks.link(episode.id, now));
            episode.lastAlert = alert;
            Optional<String> hold = hold(current, monitor, now);
            if (hold.isPresent()) {
                log.info("alert for {} held: {}", monitor.id(), hold.get());
                Optional<String> silence = inputs.silenced().apply(monitor.id());
                if (silence.isPresent()) {
                    episode.silenced = silence.get(); // the alert history says why nobody heard of it
                }
            } else {
                entries.addAll(routeEntries(current, monitor, episode, alert, kind.label(), now, false));
            }
            return new AlertWrites(List.of(episode.record(null)), entries);
        }
        if (to == MonitorState.UP) {
            entries.addAll(recovery(current, monitor, episode, change.cause(), "recovered", now));
        }
        // PAUSED or UNKNOWN (a reload): the episode ends without a recovery message.
        return close(episode, now, entries);
    }

    /** Transitions between real states count towards flapping; pausing, resuming and reloads do not. */
    private static boolean counts(MonitorState state) {
        return state == MonitorState.UP || state == MonitorState.DOWN || state == MonitorState.DEGRADED;
    }

    private AlertWrites close(Episode episode, Instant now, List<OutboxEntry> entries) {
        open.remove(episode.monitorId);
        return new AlertWrites(List.of(episode.record(now)), entries);
    }

    private List<OutboxEntry> recovery(LookoutConfig current, MonitorConfig monitor, Episode episode, CheckResult cause,
                                       String keyKind, Instant now) {
        List<OutboxEntry> entries = new ArrayList<>();
        MonitorAlert alert = alert(current, monitor, episode, AlertKind.RECOVERED, cause, episode.startedAt, null);
        for (AlertRouteConfig route : routes(current, monitor)) {
            if (route.on().contains("recovered")) {
                for (String channel : route.channels()) {
                    if (episode.notifiedChannels.contains(channel)) {
                        entry(entries, episode, channel, AlertKind.RECOVERED, keyKind, alert, route.action(), now);
                    }
                }
            }
        }
        return entries;
    }

    /**
     * The notifications of one alert to every route that reports {@code transition} and is not
     * quiet or held now; {@code onlyNew} skips channels that already heard about the episode.
     */
    private List<OutboxEntry> routeEntries(LookoutConfig current, MonitorConfig monitor, Episode episode, MonitorAlert alert,
                                           String keyKind, Instant now, boolean onlyNew) {
        String transition = alert.kind() == AlertKind.DEGRADED ? "degraded" : "down";
        List<OutboxEntry> entries = new ArrayList<>();
        for (AlertRouteConfig route : routes(current, monitor)) {
            boolean reports = route.on().contains(transition)
                    || (alert.kind() == AlertKind.FLAPPING && route.on().contains("flapping"));
            if (!reports || quiet(route, now) || (route.action() && actionsWait(current, episode, now))) {
                continue;
            }
            for (String channel : route.channels()) {
                if (!onlyNew || !episode.notifiedChannels.contains(channel)) {
                    entry(entries, episode, channel, alert.kind(), keyKind, alert, route.action(), now);
                }
            }
        }
        return entries;
    }

    /** Why the monitor's alerts wait right now, if they do: an operator's silence, maintenance, a dependency, or the mass-failure guard. */
    private Optional<String> hold(LookoutConfig current, MonitorConfig monitor, Instant now) {
        Optional<String> silenced = inputs.silenced().apply(monitor.id());
        if (silenced.isPresent()) {
            return silenced;
        }
        Optional<String> maintenance = inputs.maintenance().activeFor(monitor, now);
        if (maintenance.isPresent()) {
            return maintenance;
        }
        for (String parent : ancestors(current, monitor)) {
            Episode parentEpisode = open.get(parent);
            if (parentEpisode != null && parentEpisode.state == MonitorState.DOWN) {
                return Optional.of("depends on " + parent + ", which is down");
            }
            if (inputs.failingNow().test(parent)) {
                return Optional.of("depends on " + parent + ", which is failing");
            }
        }
        if (inputs.checkedHere().test(monitor)) {
            return guard.hold(monitor.id(), now, population(current), current.alerting().massFailure());
        }
        return Optional.empty();
    }

    /**
     * Whether routes marked action wait: the guard is active, or the problem is younger than
     * {@code action_settle} (counted from the episode's DOWN, stored with it, so a restart does
     * not start it again).
     */
    private boolean actionsWait(LookoutConfig current, Episode episode, Instant now) {
        Instant since = episode.downAt != null ? episode.downAt : episode.startedAt;
        return guard.actionsWait(since, now, current.alerting().massFailure());
    }

    /** How many monitors this node checks: the guard's population. */
    private int population(LookoutConfig current) {
        return (int) current.monitors().stream().filter(inputs.checkedHere()).count();
    }

    /** Every monitor this one depends on, directly or through others (the configuration has no cycles). */
    private static List<String> ancestors(LookoutConfig current, MonitorConfig monitor) {
        List<String> out = new ArrayList<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(monitor.dependsOn());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!out.contains(id)) {
                out.add(id);
                current.monitor(id).ifPresent(m -> todo.addAll(m.dependsOn()));
            }
        }
        return out;
    }

    /** The names of the monitors with a problem that depend on this one (folded into its alert). */
    private List<String> affectedDependents(LookoutConfig current, MonitorConfig monitor) {
        List<String> out = new ArrayList<>();
        for (Episode e : open.values()) {
            MonitorConfig other = e.state == MonitorState.UP ? null : current.monitor(e.monitorId).orElse(null);
            if (other != null && !other.dependsOn().isEmpty() && ancestors(current, other).contains(monitor.id())) {
                out.add(other.name() + " (" + other.id() + ")");
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    /**
     * The guard tripped: says so first (an urgent message, outside the group windows) and names
     * the episodes whose unsent alerts are to be taken back after the lock is released: all of the
     * members', and what other episodes still have waiting for remediation routes.
     */
    private void tripped(LookoutConfig current, MassFailureGuard.Trip trip, boolean atRestart, Instant now,
                         List<OutboxEntry> entries, List<Withdrawal> withdraw) {
        String text = guard.tripText(trip, atRestart, current.alerting().massFailure());
        log.warn(text);
        // Urgent: the first message an operator reads about it must name the monitoring side, not sit behind a group window.
        entries.addAll(systemMessage("mass-failure/" + node + "/" + trip.at().toEpochMilli(), AlertKind.MONITORING_SIDE_FAILURE,
                text, now, true));
        for (Episode e : open.values()) {
            MonitorConfig monitor = current.monitor(e.monitorId).orElse(null);
            boolean member = trip.members().contains(e.monitorId);
            if (member || (monitor != null && notifiedActionRoute(current, monitor, e))) {
                e.withdrawals++;
                withdraw.add(new Withdrawal(e, !member));
            }
        }
    }

    /** Whether a route marked action for the monitor has heard of the episode (its notification may not be sent yet). */
    private static boolean notifiedActionRoute(LookoutConfig current, MonitorConfig monitor, Episode episode) {
        return routes(current, monitor).stream().filter(AlertRouteConfig::action)
                .anyMatch(r -> r.channels().stream().anyMatch(episode.notifiedChannels::contains));
    }

    /**
     * Takes back the unsent alerts of the episodes that tripped the guard (and the unsent
     * remediation of the others) and forgets that their channels heard of them. Storage I/O:
     * called without the lock, by the thread whose change tripped the guard; the others go on
     * meanwhile (the guard holds the members' new alerts).
     */
    private void withdraw(List<Withdrawal> withdrawals, Instant now) {
        Map<Episode, List<String>> withdrawn = new HashMap<>();
        try {
            store.flush(); // the members' notifications may still be queued with their state changes
            for (Withdrawal w : withdrawals) {
                withdrawn.put(w.episode(), store.outbox().withdraw(w.episode().id, w.onlyActions(), now));
            }
        } catch (StoreException e) {
            // flush() refuses at once while the storage fails: what is queued goes out as queued.
            log.warn("alerting: the alerts of the {} monitors that tripped the guard could not all be held back: {}",
                    withdrawals.size(), e.getMessage());
        } finally {
            locked(() -> {
                List<OutboxEntry> release = new ArrayList<>();
                for (Withdrawal w : withdrawals) {
                    release.addAll(withdrawn(w.episode(), withdrawn.getOrDefault(w.episode(), List.of())));
                }
                if (!release.isEmpty()) {
                    store.append(new AlertWrites(List.of(), release)); // queued: never waits
                }
            });
        }
    }

    /**
     * Under the lock: forgets the keys the outbox took back and the channels that no longer heard
     * of the episode; returns what was decided for it meanwhile and should still go out (a
     * recovery or an acknowledgement of an alert that was taken back should not).
     */
    private static List<OutboxEntry> withdrawn(Episode e, List<String> keys) {
        e.writtenKeys.removeAll(keys);
        if (--e.withdrawals > 0) {
            return List.of();
        }
        Set<String> followUps = new HashSet<>();
        e.deferred.stream().filter(n -> !AlertKind.valueOf(n.kind()).isProblem()).forEach(n -> followUps.add(n.dedupKey()));
        Set<String> stillNotified = new HashSet<>();
        e.writtenKeys.stream().filter(key -> !followUps.contains(key))
                .forEach(key -> stillNotified.add(key.substring(e.id.length() + 1, key.lastIndexOf('/'))));
        e.notifiedChannels.retainAll(stillNotified);
        List<OutboxEntry> release = new ArrayList<>();
        for (OutboxEntry n : e.deferred) {
            if (AlertKind.valueOf(n.kind()).isProblem() || e.notifiedChannels.contains(n.channelId())) {
                release.add(n);
            } else {
                e.writtenKeys.remove(n.dedupKey());
            }
        }
        e.deferred.clear();
        return release;
    }

    private List<OutboxEntry> systemMessage(String key, AlertKind kind, String text, Instant now) {
        return systemMessage(key, kind, text, now, false);
    }

    /** @param urgent sent at once, before the channel's other notifications, and outside its group window */
    private List<OutboxEntry> systemMessage(String key, AlertKind kind, String text, Instant now, boolean urgent) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (String channel : config.get().alerting().systemChannels()) {
            entries.add(new OutboxEntry(key + "/" + channel, null, channel, kind.name(), AlertJson.write(new AlertJson.Text(text)),
                    false, now, urgent ? now : due(channel, now), urgent));
        }
        return entries;
    }

    /**
     * Reminders, escalations, what was held and is now due, flapping that settled; and this node's
     * sign of life. Decides under the lock, writes after it.
     */
    public void tick() {
        Map<String, Instant> ackedHere = new HashMap<>();
        locked(() -> open.values().stream().filter(Episode::acknowledged).forEach(e -> ackedHere.put(e.id, e.acknowledgedAt)));
        Map<String, EpisodeRecord> ackedElsewhere = acknowledgedElsewhere(!ackedHere.isEmpty());
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        List<Withdrawal> withdraw = new ArrayList<>();
        Instant started;
        lock.lock();
        try {
            for (Episode episode : List.copyOf(open.values())) {
                EpisodeRecord record = ackedElsewhere.get(episode.id);
                if (record != null && record.acknowledged() && !episode.acknowledged()) {
                    acknowledged(episode, record.acknowledgedAt(), record.acknowledgedBy(), entries, now);
                    log.info("alert episode {} was acknowledged by {} on another node", episode.id, record.acknowledgedBy());
                } else if (record != null && !record.acknowledged() && episode.acknowledged()
                        && episode.acknowledgedAt.equals(ackedHere.get(episode.id))) {
                    // Acknowledged here before the row was read, so the row was written since: taken back elsewhere.
                    episode.acknowledgedAt = null;
                    episode.acknowledgedBy = null;
                    log.info("alert episode {} was unacknowledged on another node", episode.id);
                }
            }
            decideTick(now, entries, withdraw);
            started = startedAt;
        } finally {
            lock.unlock();
        }
        // Written now or not at all: after an outage, no burst of the reminders it held back.
        if (!entries.isEmpty()) {
            store.outbox().write(new AlertWrites(List.of(), entries));
        }
        if (!withdraw.isEmpty()) {
            withdraw(withdraw, now);
        }
        store.outbox().seen(node, started, now);
    }

    /**
     * Under the lock: what settled, and what the guard decided, is queued behind the episodes'
     * state changes; the rest lands in {@code entries}.
     */
    private void decideTick(Instant now, List<OutboxEntry> entries, List<Withdrawal> withdraw) {
        LookoutConfig current = config.get();
        List<OutboxEntry> settledEntries = new ArrayList<>();
        List<EpisodeRecord> episodes = new ArrayList<>();
        checkAfterRestart(current, now, settledEntries, withdraw);
        guard.confirm(now, this::isDown);
        guard.vantageProblem(now, this::isDown).ifPresent(text -> {
            log.warn(text);
            entries.addAll(systemMessage("mass-failure-vantage/" + node + "/" + guard.trippedAt().orElseThrow().toEpochMilli(),
                    AlertKind.MONITORING_SIDE_FAILURE, text, now, true));
        });
        for (Episode episode : List.copyOf(open.values())) {
            MonitorConfig monitor = current.monitor(episode.monitorId).orElse(null);
            if (monitor == null) {
                continue;
            }
            if (episode.flapping) {
                settleFlapping(current, monitor, episode, now, settledEntries, episodes);
                continue;
            }
            if (episode.acknowledged() || (episode.state != MonitorState.DOWN && episode.state != MonitorState.DEGRADED)) {
                continue;
            }
            if (hold(current, monitor, now).isPresent()) {
                continue;
            }
            AlertKind kind = episode.state == MonitorState.DOWN ? AlertKind.DOWN : AlertKind.DEGRADED;
            // Held by quiet hours, maintenance, a dependency or the guard until now: the channels that did not hear of it yet.
            entries.addAll(routeEntries(current, monitor, episode, reminder(current, episode, kind, now), kind.label(), now, true));
            if (episode.state == MonitorState.DOWN && episode.downAt != null) {
                remindAndEscalate(current, monitor, episode, now, entries);
            }
        }
        clearGuard(current, now, entries);
        GuardRecord guardState = guard.unsaved();
        if (!episodes.isEmpty() || !settledEntries.isEmpty() || guardState != null) {
            // An episode's earlier row may still be queued with its state change: ours must land after it.
            store.append(new AlertWrites(episodes, settledEntries, guardState));
        }
    }

    /**
     * At the first tick after a start (ownership is known by then): the monitors checked here that
     * were found DOWN may be a mass failure that the restart interrupted; if they trip the guard,
     * it says so and holds them, rather than letting the restart release them.
     */
    private void checkAfterRestart(LookoutConfig current, Instant now, List<OutboxEntry> entries, List<Withdrawal> withdraw) {
        Set<String> found = foundAtStart;
        foundAtStart = null;
        if (found == null || found.isEmpty()) {
            return;
        }
        Map<String, Instant> downAt = new LinkedHashMap<>();
        for (MonitorConfig monitor : current.monitors()) {
            Episode e = open.get(monitor.id());
            if (e != null && found.contains(e.id) && e.state == MonitorState.DOWN && inputs.checkedHere().test(monitor)) {
                downAt.put(monitor.id(), e.downAt != null ? e.downAt : e.startedAt);
            }
        }
        guard.afterRestart(downAt, id -> !open.get(id).notifiedChannels.isEmpty(), now, population(current),
                current.alerting().massFailure()).ifPresent(trip -> tripped(current, trip, true, now, entries, withdraw));
    }

    private boolean isDown(String monitorId) {
        Episode e = open.get(monitorId);
        return e != null && e.state == MonitorState.DOWN;
    }

    private void remindAndEscalate(LookoutConfig current, MonitorConfig monitor, Episode episode, Instant now,
                                   List<OutboxEntry> entries) {
        for (AlertRouteConfig route : routes(current, monitor)) {
            if (!route.on().contains("down") || quiet(route, now) || (route.action() && actionsWait(current, episode, now))) {
                continue;
            }
            if (route.repeat() != null) {
                long n = Duration.between(episode.downAt, now).toMillis() / route.repeat().toMillis();
                if (n >= 1) {
                    for (String channel : route.channels()) {
                        // Only the latest reminder: after a pause (or Lookout's own downtime) no burst of old ones.
                        entry(entries, episode, channel, AlertKind.STILL_DOWN, "still-down-" + n,
                                reminder(current, episode, AlertKind.STILL_DOWN, now), route.action(), now);
                    }
                }
            }
            for (int step = 0; step < route.escalate().size(); step++) {
                AlertRouteConfig.Escalation escalation = route.escalate().get(step);
                if (!now.isBefore(episode.downAt.plus(escalation.after()))) {
                    for (String channel : escalation.channels()) {
                        entry(entries, episode, channel, AlertKind.ESCALATED, "escalated-" + (step + 1),
                                reminder(current, episode, AlertKind.ESCALATED, now), route.action(), now);
                    }
                }
            }
        }
    }

    /** A flapping monitor that has been stable long enough: recovered if it settled UP, a real problem otherwise. */
    private void settleFlapping(LookoutConfig current, MonitorConfig monitor, Episode episode, Instant now,
                                List<OutboxEntry> entries, List<EpisodeRecord> episodes) {
        AlertingConfig.FlappingConfig settings = current.alerting().flapping();
        if (!flaps.stable(monitor.id(), now, startedAt, settings)) {
            return;
        }
        flaps.forget(monitor.id());
        episode.flapping = false;
        log.info("monitor {} is stable again ({})", monitor.id(), episode.state);
        if (episode.state == MonitorState.UP) {
            entries.addAll(recovery(current, monitor, episode, null, "stable-recovered", now));
            open.remove(episode.monitorId);
            episodes.add(episode.record(now));
            return;
        }
        episodes.add(episode.record(null));
        if (hold(current, monitor, now).isEmpty()) {
            AlertKind kind = episode.state == MonitorState.DOWN ? AlertKind.DOWN : AlertKind.DEGRADED;
            entries.addAll(routeEntries(current, monitor, episode, reminder(current, episode, kind, now), "stable-" + kind.label(),
                    now, false));
        }
    }

    /** Once the confirmation pause is over and fewer than the threshold are still down, says the suspicion is over. */
    private void clearGuard(LookoutConfig current, Instant now, List<OutboxEntry> entries) {
        if (!guard.active()) {
            return;
        }
        List<MonitorConfig> checked = current.monitors().stream().filter(inputs.checkedHere()).toList();
        int down = (int) checked.stream().filter(m -> isDown(m.id())).count();
        Instant trippedAt = guard.trippedAt().orElseThrow();
        guard.clearIfOver(now, down, checked.size(), current.alerting().massFailure()).ifPresent(text -> {
            log.info(text);
            entries.addAll(systemMessage("mass-failure-over/" + node + "/" + trippedAt.toEpochMilli(),
                    AlertKind.RECOVERED, text, now));
        });
    }

    /** A message about Lookout itself to {@code alerting.system_channels}; {@code key} makes it once-only. */
    public void systemAlert(String key, AlertKind kind, String text) {
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        locked(() -> entries.addAll(systemMessage(key, kind, text, now)));
        if (!entries.isEmpty()) {
            store.outbox().write(new AlertWrites(List.of(), entries));
        }
        log.warn("{}", text);
    }

    /** What acknowledging an episode did. */
    public enum AckResult { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, RESOLVED, UNKNOWN }

    /**
     * Stops reminders and escalation for the episode, and tells the channels that heard about it.
     * The database decides between two acknowledgements at once (its conditional update); the
     * lock is held only before and after asking it.
     */
    public AckResult acknowledge(String episodeId, String by) {
        Instant now = clock.instant();
        Episode episode;
        lock.lock();
        try {
            episode = open.values().stream().filter(e -> e.id.equals(episodeId)).findFirst().orElse(null);
            if (episode != null && episode.acknowledged()) {
                return AckResult.ALREADY_ACKNOWLEDGED;
            }
        } finally {
            lock.unlock();
        }
        if (episode == null) {
            return acknowledgeElsewhere(episodeId, now, by);
        }
        store.flush(); // the episode's row may still be queued with its state change
        if (!store.outbox().acknowledge(episodeId, now, by)) {
            // Acknowledged by another call meanwhile, or resolved and written since we looked.
            return storedAckResult(episodeId);
        }
        List<OutboxEntry> entries = new ArrayList<>();
        locked(() -> acknowledged(episode, now, by, entries, now));
        if (!entries.isEmpty()) {
            store.outbox().write(new AlertWrites(List.of(), entries));
        }
        log.info("alert episode {} acknowledged by {}", episodeId, by);
        return AckResult.ACKNOWLEDGED;
    }

    /** Under the lock: the episode is acknowledged; the channels that heard of it are told, unless it is over. */
    private void acknowledged(Episode episode, Instant at, String by, List<OutboxEntry> entries, Instant now) {
        episode.acknowledgedAt = at;
        episode.acknowledgedBy = by;
        if (open.get(episode.monitorId) == episode) { // a recovery meanwhile has said it is over
            MonitorAlert alert = reminder(config.get(), episode, AlertKind.ACKNOWLEDGED, now);
            for (String channel : episode.notifiedChannels) {
                entry(entries, episode, channel, AlertKind.ACKNOWLEDGED, "acknowledged", alert, false, now);
            }
        }
    }

    /**
     * The stored rows of the episodes this node holds, to see acknowledgements given or taken back
     * on another node (which did not hold the episode): read without the lock, only while this
     * node holds an open episode.
     */
    private Map<String, EpisodeRecord> acknowledgedElsewhere(boolean someAcknowledged) {
        java.util.Set<String> held = new java.util.HashSet<>();
        boolean[] waiting = {false};
        locked(() -> open.values().forEach(e -> {
            held.add(e.id);
            waiting[0] |= !e.acknowledged();
        }));
        Map<String, EpisodeRecord> out = new HashMap<>();
        if (waiting[0] || someAcknowledged) {
            for (EpisodeRecord record : store.outbox().openEpisodes()) {
                if (held.contains(record.id())) {
                    out.put(record.id(), record);
                }
            }
        }
        return out;
    }

    /**
     * An episode this node does not hold: another node decides its monitor (or it is over). The
     * acknowledgement is written to its row; the node that holds it sees it at its next tick and
     * tells the channels ({@link #tick}).
     */
    private AckResult acknowledgeElsewhere(String episodeId, Instant now, String by) {
        Optional<EpisodeRecord> stored = store.outbox().episode(episodeId);
        if (stored.isEmpty() || stored.get().acknowledged() || !stored.get().open()) {
            return storedAckResult(episodeId);
        }
        if (!store.outbox().acknowledge(episodeId, now, by)) {
            return storedAckResult(episodeId);
        }
        log.info("alert episode {} acknowledged by {}; the node that holds it tells the channels", episodeId, by);
        return AckResult.ACKNOWLEDGED;
    }

    /** What taking back an acknowledgement did. */
    public enum UnackResult { UNACKNOWLEDGED, NOT_ACKNOWLEDGED, RESOLVED, UNKNOWN }

    /**
     * Takes back an acknowledgement: reminders and escalation go on as if it had not been given
     * (the channels are not told; a second acknowledgement does not tell them again either). An
     * episode another node holds is changed in its row, and that node follows at its next tick.
     */
    public UnackResult unacknowledge(String episodeId, String by) {
        Episode[] held = {null};
        locked(() -> held[0] = open.values().stream().filter(e -> e.id.equals(episodeId)).findFirst().orElse(null));
        Episode episode = held[0];
        if (episode != null) {
            store.flush(); // the episode's row may still be queued with its state change
        }
        if (!store.outbox().unacknowledge(episodeId)) {
            return store.outbox().episode(episodeId)
                    .map(e -> !e.open() ? UnackResult.RESOLVED : UnackResult.NOT_ACKNOWLEDGED).orElse(UnackResult.UNKNOWN);
        }
        if (episode != null) {
            locked(() -> {
                episode.acknowledgedAt = null;
                episode.acknowledgedBy = null;
            });
        }
        log.info("alert episode {} unacknowledged by {}", episodeId, by);
        return UnackResult.UNACKNOWLEDGED;
    }

    /** What acknowledging an episode that is not open here means, from its stored row. */
    private AckResult storedAckResult(String episodeId) {
        return store.outbox().episode(episodeId).map(e -> e.acknowledged() ? AckResult.ALREADY_ACKNOWLEDGED : AckResult.RESOLVED)
                .orElse(AckResult.UNKNOWN);
    }

    /** The episode's newest alert again as {@code kind}, with a fresh acknowledge link and the dependents affected now. */
    private MonitorAlert reminder(LookoutConfig current, Episode episode, AlertKind kind, Instant now) {
        MonitorAlert last = episode.lastAlert;
        MonitorConfig monitor = current.monitor(episode.monitorId).orElse(null);
        if (last == null && monitor != null) {
            return alert(current, monitor, episode, kind, null, episode.downAt != null ? episode.downAt : episode.startedAt,
                    ackLinks.link(episode.id, now));
        }
        List<String> dependents = monitor == null ? last.dependents() : affectedDependents(current, monitor);
        return new MonitorAlert(last.episode(), kind, last.monitorId(), last.monitorName(), last.monitorType(), last.component(),
                episode.state, last.since(), last.cause(), last.failedConditions(), dependents, last.monitorUrl(),
                kind == AlertKind.ACKNOWLEDGED ? null : ackLinks.link(episode.id, now));
    }

    private MonitorAlert alert(LookoutConfig current, MonitorConfig monitor, Episode episode, AlertKind kind, CheckResult cause,
                               Instant since, URI ackUrl) {
        String component = monitor.componentId() == null ? null
                : current.component(monitor.componentId()).map(ComponentConfig::name).orElse(monitor.componentId());
        List<FailedCondition> failed = cause == null ? List.of()
                : cause.failedConditions().stream().map(c -> new FailedCondition(c.condition(), c.actual())).toList();
        URI monitorUrl = URI.create(current.server().publicUrl() + "/api/v1/monitors/" + monitor.id());
        List<String> dependents = kind == AlertKind.RECOVERED ? List.of() : affectedDependents(current, monitor);
        return new MonitorAlert(episode.id, kind, monitor.id(), monitor.name(), monitor.type(), component, episode.state, since,
                cause == null ? "" : cause.message(), failed, dependents, monitorUrl, ackUrl);
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
        OutboxEntry notification = new OutboxEntry(key, episode.id, channel, kind.name(), AlertJson.write(alert), action, now,
                due(channel, now));
        (episode.withdrawals > 0 ? episode.deferred : entries).add(notification);
    }

    /** Alertmanager-style grouping: the first notification to a channel goes now, the next ones within the window wait for its end. */
    private Instant due(String channel, Instant now) {
        Duration window = config.get().alerting().groupWindow();
        Instant current = groupDue.get(channel);
        Instant due = current == null || !now.isBefore(current.plus(window)) ? now : current.plus(window);
        if (current != null && !now.isAfter(current)) {
            due = current; // join the group that is still waiting, or goes now (what one tick releases goes as one)
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
    public Map<String, String> openEpisodeIds() {
        Map<String, String> out = new LinkedHashMap<>();
        locked(() -> open.values().forEach(e -> out.put(e.monitorId, e.id)));
        return out;
    }

    /** Runs memory-only work under the lock. */
    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
