package dev.lookout.alert;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import dev.lookout.evaluate.MassFailureGuard;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What this node's mass-failure guard makes alerting do: whether a monitor's alerts wait (its DOWN
 * settles, or the guard holds it), whether remediation routes wait (the guard is active, or the
 * problem is younger than {@code action_settle}), what the guard says, and which of its changes
 * are still to be stored. A restart takes back the stored guard and, at the first tick, counts
 * what it found down as a possible mass failure, never as a confirmation. Memory only, under the
 * alert engine's lock.
 */
final class MassFailureAlerts {
    private final MassFailureGuard guard = new MassFailureGuard();
    private final String node;
    /** The guard changed since its state was last handed to the store. */
    private boolean unsaved;

    MassFailureAlerts(String node) {
        this.node = node;
    }

    /** Takes back the stored guard at a start; returns it when it is still active (its pause starts again). */
    Optional<MassFailureGuard.State> restore(MassFailureGuard.State stored, Instant now, MassFailureConfig settings) {
        guard.restore(stored, now, settings);
        if (!guard.active()) {
            return Optional.empty();
        }
        unsaved = true;
        return Optional.of(guard.state());
    }

    /**
     * After a start: the monitors checked here that were found DOWN count as going down now, if no
     * alert about them was sent yet ({@code alerted} false), so that a restart in the middle of a
     * mass failure trips the guard again rather than releasing what it held; those already alerted
     * count from when they went down. Nothing happens while the restored guard is active. Returns
     * the trip, if any.
     *
     * @param downAt the monitors checked here found DOWN at the start, with when they went down
     */
    Optional<MassFailureGuard.Trip> afterRestart(Map<String, Instant> downAt, Predicate<String> alerted, Instant now,
                                                 int population, MassFailureConfig settings) {
        if (guard.active()) {
            return Optional.empty();
        }
        Map<String, Instant> counted = new LinkedHashMap<>();
        downAt.entrySet().stream().map(e -> Map.entry(e.getKey(), alerted.test(e.getKey()) ? e.getValue() : now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .forEachOrdered(e -> counted.put(e.getKey(), e.getValue()));
        Optional<MassFailureGuard.Trip> trip = Optional.empty();
        for (Map.Entry<String, Instant> e : counted.entrySet()) {
            Optional<MassFailureGuard.Trip> t = onDown(e.getKey(), e.getValue(), population, settings);
            trip = trip.isPresent() ? trip : t; // the ones after the trip join its members
        }
        return trip.map(t -> {
            Set<String> members = guard.state().members();
            return new MassFailureGuard.Trip(t.at(), members.size(), population, t.span(), members);
        });
    }

    /** A monitor checked here went DOWN; the trip when it trips the guard. */
    Optional<MassFailureGuard.Trip> onDown(String monitorId, Instant at, int population, MassFailureConfig settings) {
        boolean wasActive = guard.active();
        Optional<MassFailureGuard.Trip> trip = guard.onDown(monitorId, at, population, settings);
        unsaved |= wasActive || trip.isPresent(); // joined the members, or tripped
        return trip;
    }

    void onNotDown(String monitorId) {
        guard.onNotDown(monitorId);
    }

    /** Why the monitor's alerts wait for the guard right now, if they do. */
    Optional<String> hold(String monitorId, Instant now, int population, MassFailureConfig settings) {
        if (guard.holds(monitorId, now)) {
            return Optional.of("the mass-failure guard waits for confirmation");
        }
        if (guard.settles(monitorId, now, population, settings)) {
            return Optional.of("the mass-failure guard waits " + DurationText.of(settings.downSettle())
                    + " to see whether other monitors fail with it");
        }
        return Optional.empty();
    }

    /** Whether routes marked action fire nothing for a problem that began at {@code since}. */
    boolean actionsWait(Instant since, Instant now, MassFailureConfig settings) {
        return guard.active() || now.isBefore(since.plus(settings.actionSettle()));
    }

    boolean active() {
        return guard.active();
    }

    /** The text of a trip: the first message an operator gets about it, so it names the monitoring side. */
    String tripText(MassFailureGuard.Trip trip, boolean atRestart, MassFailureConfig settings) {
        String what = atRestart
                ? trip.failed() + " of " + trip.population() + " monitors were down when Lookout on " + node + " started again"
                : trip.failed() + " of " + trip.population() + " monitors failed within " + DurationText.of(trip.span())
                        + " from " + node;
        return "Possible monitoring-side failure: " + what + ". Their alerts are held for "
                + DurationText.of(settings.confirmAfter()) + " until the next checks confirm them, and routes marked"
                + " action fire nothing until fewer than " + settings.threshold(trip.population()) + " are down.";
    }

    /** Once the pause is over, the members still down are confirmed: their held alerts go out from now on. */
    void confirm(Instant now, Predicate<String> down) {
        unsaved |= !guard.confirm(now, down).isEmpty();
    }

    /**
     * Clears the guard once the pause is over and fewer than the threshold are down; returns the
     * text saying it is over, if this call cleared it.
     */
    Optional<String> clearIfOver(Instant now, int stillDown, int population, MassFailureConfig settings) {
        int members = guard.memberCount();
        int alerted = guard.confirmedCount();
        if (!guard.clearIfOver(now, stillDown, population, settings)) {
            return Optional.empty();
        }
        unsaved = true;
        String confirmation = alerted == 0 ? "none of the " + members + " that failed was confirmed down, so none was alerted"
                : alerted + " of the " + members + " that failed " + (alerted == 1 ? "was" : "were")
                        + " confirmed down by the checks and alerted";
        return Optional.of("The suspected monitoring-side failure on " + node + " is over: " + stillDown + " of " + population
                + " monitors are down now; " + confirmation + ". Routes marked action fire again.");
    }

    Optional<Instant> trippedAt() {
        return guard.trippedAt();
    }

    /** The guard's state to store with the next writes, when it changed since the last; null otherwise. */
    GuardRecord unsaved() {
        if (!unsaved) {
            return null;
        }
        unsaved = false;
        return new GuardRecord(node, guard.state());
    }
}
