package dev.lookout.alert;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import dev.lookout.evaluate.MassFailureGuard;
import dev.lookout.probe.SecondOpinions;
import dev.lookout.probe.SecondOpinions.Opinion;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What this node's mass-failure guard makes alerting do: whether a monitor's alerts wait (its DOWN
 * settles, or the guard holds it), whether remediation routes wait (the guard is active, or the
 * problem is younger than {@code action_settle}), what the guard says, and which of its changes
 * are still to be stored. A restart takes back the stored guard and, at the first tick, counts
 * what it found down as a possible mass failure, never as a confirmation. With remote probes it
 * asks them ({@link SecondOpinions}) and says once when they reach what this node sees down: a
 * vantage-point problem, one message instead of one alert per monitor. Memory only, under the
 * alert engine's lock.
 */
final class MassFailureAlerts {
    private final MassFailureGuard guard = new MassFailureGuard();
    private final String node;
    private final SecondOpinions opinions;
    /** The guard changed since its state was last handed to the store. */
    private boolean unsaved;
    /** The trip whose vantage-point problem was said, so that it is said once. */
    private Instant vantageSaidFor;

    MassFailureAlerts(String node, SecondOpinions opinions) {
        this.node = node;
        this.opinions = opinions;
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
        Opinion opinion = opinion(monitorId);
        if (guard.holds(monitorId, now, opinion)) {
            return Optional.of(opinion == Opinion.UP
                    ? "the probes reach it: the mass-failure guard holds it as " + node + "'s own problem"
                    : "the mass-failure guard waits for confirmation");
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

    /**
     * The members still down that the probes see down too are confirmed at once, and once the pause
     * is over those the probes do not reach: their held alerts go out from now on.
     */
    void confirm(Instant now, Predicate<String> down) {
        unsaved |= !guard.confirm(now, down, this::opinion).isEmpty();
    }

    /** What the probes say of a member since the guard tripped. */
    private Opinion opinion(String monitorId) {
        Instant since = guard.trippedAt().orElse(null);
        return since == null || !guard.isMember(monitorId) ? Opinion.NONE : opinions.of(monitorId, since);
    }

    /**
     * Once the probes have answered for half of the members not confirmed, or the pause is over: if
     * they reach some of what this node sees down, the text saying that the failure is this node's,
     * once per trip.
     */
    Optional<String> vantageProblem(Instant now, Predicate<String> down) {
        Instant trippedAt = guard.trippedAt().orElse(null);
        if (trippedAt == null || trippedAt.equals(vantageSaidFor)) {
            return Optional.empty();
        }
        Set<String> held = guard.state().unconfirmed();
        int answered = 0;
        int reached = 0;
        Set<String> probes = new TreeSet<>();
        for (String member : held) {
            if (!down.test(member)) {
                continue;
            }
            Opinion said = opinions.of(member, trippedAt);
            if (said != Opinion.NONE) {
                answered++;
            }
            if (said == Opinion.UP) {
                reached++;
                opinions.views(member, trippedAt).forEach((probe, up) -> {
                    if (up) {
                        probes.add(probe);
                    }
                });
            }
        }
        boolean enough = answered > 0 && (2 * answered >= held.size() || !guard.pausing(now));
        if (!enough || reached == 0) {
            return Optional.empty();
        }
        vantageSaidFor = trippedAt;
        return Optional.of("Vantage-point problem: " + node + " sees " + guard.memberCount() + " monitors fail, but "
                + (probes.size() == 1 ? "probe " : "probes ") + String.join(", ", probes) + " reach " + reached + " of the "
                + answered + " they checked. The failure is on " + node + "'s side (its network, DNS resolver or storage),"
                + " not the targets'. Their alerts stay held while the probes reach them, and routes marked action fire nothing.");
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
