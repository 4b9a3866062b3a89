package dev.lookout.alert;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import dev.lookout.evaluate.MassFailureGuard;
import java.time.Instant;
import java.util.Optional;

/**
 * What this node's mass-failure guard makes alerting do: whether a monitor's alerts wait (its DOWN
 * settles, or the guard holds it), whether remediation routes wait (the guard is active, or the
 * problem is younger than {@code action_settle}), and what the guard says. Memory only, under the
 * alert engine's lock.
 */
final class MassFailureAlerts {
    private final MassFailureGuard guard = new MassFailureGuard();
    private final String node;

    MassFailureAlerts(String node) {
        this.node = node;
    }

    /** A monitor checked here went DOWN; the trip when it trips the guard. */
    Optional<MassFailureGuard.Trip> onDown(String monitorId, Instant at, int population, MassFailureConfig settings) {
        return guard.onDown(monitorId, at, population, settings);
    }

    void onNotDown(String monitorId) {
        guard.onNotDown(monitorId);
    }

    boolean isMember(String monitorId) {
        return guard.isMember(monitorId);
    }

    /** Why the monitor's alerts wait for the guard right now, if they do. */
    Optional<String> hold(String monitorId, Instant now, int population, MassFailureConfig settings) {
        if (guard.holds(monitorId, now, settings)) {
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
    String tripText(MassFailureGuard.Trip trip, MassFailureConfig settings) {
        return "Possible monitoring-side failure: " + trip.failed() + " of " + trip.population() + " monitors failed within "
                + DurationText.of(trip.span()) + " from " + node + ". Their alerts are held for "
                + DurationText.of(settings.confirmAfter()) + " until the next checks confirm them, and routes marked"
                + " action fire nothing until fewer than " + settings.threshold(trip.population()) + " are down.";
    }

    /**
     * Clears the guard once the pause is over and fewer than the threshold are down; returns the
     * text saying it is over, if this call cleared it.
     */
    Optional<String> clearIfOver(Instant now, int stillDown, int population, MassFailureConfig settings) {
        if (!guard.clearIfOver(now, stillDown, population, settings)) {
            return Optional.empty();
        }
        return Optional.of("The suspected monitoring-side failure on " + node + " is over: " + stillDown + " of " + population
                + " monitors are down now. Alerts for those confirmed down were sent; routes marked action fire again.");
    }

    Optional<Instant> trippedAt() {
        return guard.trippedAt();
    }
}
