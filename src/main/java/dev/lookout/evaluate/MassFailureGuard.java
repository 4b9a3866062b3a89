package dev.lookout.evaluate;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import dev.lookout.probe.SecondOpinions.Opinion;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Suspects Lookout's own side (its network, DNS, storage) when an unusual share of the monitors
 * checked from this node goes DOWN within a short window: a real outage rarely takes half of
 * unrelated targets down in the same minute, a broken vantage point always does. Before it trips,
 * the DOWNs it counts <em>settle</em>: their alerts wait {@code down_settle} after the newest of
 * them, so that the first message of a mass failure is the guard's. Once it has tripped it
 * <em>holds</em> the members' alerts until the checks that run during {@code confirm_after}
 * confirm them; while it is <em>active</em> (tripped, and still at least the threshold down),
 * remediation routes fire nothing. With remote probes, the probes check the held members too
 * ({@link dev.lookout.probe.SecondOpinions}): a member they see DOWN is confirmed at once, one they
 * see UP stays held for as long as they do. Its {@link State} is what a restart must not forget.
 * Not thread-safe: the alert engine calls it under its lock.
 */
public final class MassFailureGuard {
    /** Monitors that went DOWN recently, with when; pruned to the window. */
    private final Map<String, Instant> recentDowns = new LinkedHashMap<>();
    private Instant trippedAt;
    /** Members not confirmed yet are held until then. */
    private Instant holdUntil;
    private final Set<String> members = new LinkedHashSet<>();
    /** Members the checks confirmed DOWN once the pause was over: their alerts were released. */
    private final Set<String> confirmed = new LinkedHashSet<>();

    /** What tripped the guard: {@code failed} of {@code population} monitors within {@code span}. */
    public record Trip(Instant at, int failed, int population, Duration span, Set<String> members) {
        public Trip {
            members = Set.copyOf(members);
        }
    }

    /**
     * What a restart must not forget: whether the guard is active (null {@code trippedAt}: not),
     * until when its members' alerts are held, who they are and which of them were confirmed.
     */
    public record State(Instant trippedAt, Instant holdUntil, Set<String> members, Set<String> confirmed) {
        public static final State INACTIVE = new State(null, null, Set.of(), Set.of());

        public State {
            members = Set.copyOf(new LinkedHashSet<>(members));
            confirmed = Set.copyOf(new LinkedHashSet<>(confirmed));
        }

        public boolean active() {
            return trippedAt != null;
        }

        /** The members not confirmed yet. */
        public Set<String> unconfirmed() {
            Set<String> out = new LinkedHashSet<>(members);
            out.removeAll(confirmed);
            return out;
        }
    }

    /**
     * A monitor checked here went DOWN. Returns the trip when this is the one that trips the guard;
     * while the guard is active, the monitor simply joins its members (held while the pause lasts).
     */
    public Optional<Trip> onDown(String monitorId, Instant at, int population, MassFailureConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        if (trippedAt != null) {
            members.add(monitorId);
            return Optional.empty();
        }
        recentDowns.put(monitorId, at);
        Instant horizon = at.minus(config.window());
        recentDowns.values().removeIf(t -> t.isBefore(horizon));
        if (recentDowns.size() < config.threshold(population)) {
            return Optional.empty();
        }
        trippedAt = at;
        holdUntil = at.plus(config.confirmAfter());
        members.addAll(recentDowns.keySet());
        Instant first = recentDowns.values().stream().min(Instant::compareTo).orElse(at);
        Trip trip = new Trip(at, recentDowns.size(), population, Duration.between(first, at), members);
        recentDowns.clear();
        return Optional.of(trip);
    }

    /** A monitor is no longer DOWN: it no longer counts towards a trip. */
    public void onNotDown(String monitorId) {
        recentDowns.remove(monitorId);
    }

    /** Whether the monitor's own alerts are held: a member not confirmed yet, and the confirmation pause is not over. */
    public boolean holds(String monitorId, Instant now) {
        return holds(monitorId, now, Opinion.NONE);
    }

    /**
     * Whether the monitor's own alerts are held: a member not confirmed yet, while the confirmation
     * pause lasts or the probes' {@code opinion} is that they reach it.
     */
    public boolean holds(String monitorId, Instant now, Opinion opinion) {
        return trippedAt != null && members.contains(monitorId) && !confirmed.contains(monitorId)
                && (now.isBefore(holdUntil) || opinion == Opinion.UP);
    }

    /**
     * Whether the monitor's DOWN alert still settles: the guard has not tripped, could trip with
     * {@code population} monitors checked here, and counts this DOWN; no longer than
     * {@code down_settle} after the newest DOWN it counts, nor {@code window} after this one.
     */
    public boolean settles(String monitorId, Instant now, int population, MassFailureConfig config) {
        Instant at = recentDowns.get(monitorId);
        if (trippedAt != null || at == null || !config.downSettle().isPositive() || !config.possible(population)) {
            return false;
        }
        Instant newest = recentDowns.values().stream().max(Instant::compareTo).orElse(at);
        return now.isBefore(newest.plus(config.downSettle())) && now.isBefore(at.plus(config.window()));
    }

    /** Whether remediation routes are held: the guard tripped and has not cleared. */
    public boolean active() {
        return trippedAt != null;
    }

    /** Whether the confirmation pause of an active guard still lasts. */
    public boolean pausing(Instant now) {
        return trippedAt != null && now.isBefore(holdUntil);
    }

    public Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt);
    }

    public boolean isMember(String monitorId) {
        return trippedAt != null && members.contains(monitorId);
    }

    /**
     * Once the confirmation pause is over, the members still DOWN are confirmed (their alerts go
     * out); returns the ones this call confirmed.
     */
    public Set<String> confirm(Instant now, Predicate<String> down) {
        return confirm(now, down, id -> Opinion.NONE);
    }

    /**
     * Confirms the members still DOWN that the probes see DOWN too, at once, and once the pause is
     * over those the probes do not see UP (their alerts go out); returns the ones this call confirmed.
     */
    public Set<String> confirm(Instant now, Predicate<String> down, Function<String, Opinion> opinion) {
        if (trippedAt == null) {
            return Set.of();
        }
        boolean paused = now.isBefore(holdUntil);
        Set<String> newly = new LinkedHashSet<>();
        for (String member : members) {
            if (confirmed.contains(member) || !down.test(member)) {
                continue;
            }
            Opinion said = opinion.apply(member);
            if (said == Opinion.DOWN || (!paused && said != Opinion.UP)) {
                newly.add(member);
            }
        }
        confirmed.addAll(newly);
        return newly;
    }

    /** How many members were confirmed DOWN, and how many there are. */
    public int confirmedCount() {
        return confirmed.size();
    }

    public int memberCount() {
        return members.size();
    }

    /**
     * Clears the guard once the confirmation pause is over and fewer than the threshold are still
     * down; returns true when this call cleared it.
     */
    public boolean clearIfOver(Instant now, int stillDown, int population, MassFailureConfig config) {
        if (trippedAt == null || now.isBefore(holdUntil) || stillDown >= config.threshold(population)) {
            return false;
        }
        trippedAt = null;
        holdUntil = null;
        members.clear();
        confirmed.clear();
        return true;
    }

    public State state() {
        return trippedAt == null ? State.INACTIVE : new State(trippedAt, holdUntil, members, confirmed);
    }

    /**
     * Takes back the state a previous run of this node left. A restart confirms nothing: the
     * members not confirmed yet are held for a whole {@code confirm_after} again, from {@code now},
     * for the checks of this run to confirm them.
     */
    public void restore(State state, Instant now, MassFailureConfig config) {
        if (!state.active()) {
            return;
        }
        trippedAt = state.trippedAt();
        Instant fresh = now.plus(config.confirmAfter());
        holdUntil = state.holdUntil() != null && state.holdUntil().isAfter(fresh) ? state.holdUntil() : fresh;
        members.addAll(state.members());
        confirmed.addAll(state.confirmed());
        recentDowns.clear();
    }
}
