package dev.lookout.evaluate;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Suspects Lookout's own side (its network, DNS, storage) when an unusual share of the monitors
 * checked from this node goes DOWN within a short window: a real outage rarely takes half of
 * unrelated targets down in the same minute, a broken vantage point always does. Before it trips,
 * the DOWNs it counts <em>settle</em>: their alerts wait {@code down_settle} after the newest of
 * them, so that the first message of a mass failure is the guard's. While it <em>holds</em>, the
 * members' alerts wait for confirmation by the checks that run during {@code confirm_after};
 * while it is <em>active</em> (tripped, and still at least the threshold down), remediation routes
 * fire nothing. Not thread-safe: the alert engine calls it under its lock.
 */
public final class MassFailureGuard {
    /** Monitors that went DOWN recently, with when; pruned to the window. */
    private final Map<String, Instant> recentDowns = new LinkedHashMap<>();
    private Instant trippedAt;
    private final Set<String> members = new LinkedHashSet<>();

    /** What tripped the guard: {@code failed} of {@code population} monitors within {@code span}. */
    public record Trip(Instant at, int failed, int population, Duration span, Set<String> members) {
        public Trip {
            members = Set.copyOf(members);
        }
    }

    /**
     * A monitor checked here went DOWN. Returns the trip when this is the one that trips the guard;
     * while the guard is active, the monitor simply joins its members.
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

    /** Whether the monitor's own alerts are held: it is a member and the confirmation pause is not over. */
    public boolean holds(String monitorId, Instant now, MassFailureConfig config) {
        return trippedAt != null && members.contains(monitorId) && now.isBefore(trippedAt.plus(config.confirmAfter()));
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

    public Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt);
    }

    public boolean isMember(String monitorId) {
        return trippedAt != null && members.contains(monitorId);
    }

    /**
     * Clears the guard once the confirmation pause is over and fewer than the threshold are still
     * down; returns true when this call cleared it.
     */
    public boolean clearIfOver(Instant now, int stillDown, int population, MassFailureConfig config) {
        if (trippedAt == null || now.isBefore(trippedAt.plus(config.confirmAfter())) || stillDown >= config.threshold(population)) {
            return false;
        }
        trippedAt = null;
        members.clear();
        return true;
    }
}
