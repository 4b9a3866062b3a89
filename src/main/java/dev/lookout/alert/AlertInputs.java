package dev.lookout.alert;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MaintenanceCalendar;
import dev.lookout.probe.SecondOpinions;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the alert engine asks the rest of Lookout, besides its configuration and store.
 *
 * @param maintenance  which monitors are under maintenance (their alerts are held)
 * @param failingNow   whether a monitor's newest result failed (a dependency that is failing but not
 *                     yet confirmed DOWN holds its dependents' alerts, so they can be folded into its own)
 * @param checkedHere  whether a monitor is checked from this node (the mass-failure guard's population;
 *                     push monitors are not: their failures say nothing about this node's network)
 * @param silenced     an operator's silence of a monitor's alerts, in words, while it holds (its alerts wait)
 * @param secondOpinions what remote probes say of the monitors the mass-failure guard holds
 */
public record AlertInputs(MaintenanceCalendar maintenance, Predicate<String> failingNow, Predicate<MonitorConfig> checkedHere,
                          Function<String, Optional<String>> silenced, SecondOpinions secondOpinions) {

    /** No silences, no remote probes to ask. */
    public AlertInputs(MaintenanceCalendar maintenance, Predicate<String> failingNow, Predicate<MonitorConfig> checkedHere) {
        this(maintenance, failingNow, checkedHere, id -> Optional.empty(), new SecondOpinions(java.util.Map::of));
    }

    /** No remote probes to ask. */
    public AlertInputs(MaintenanceCalendar maintenance, Predicate<String> failingNow, Predicate<MonitorConfig> checkedHere,
                       Function<String, Optional<String>> silenced) {
        this(maintenance, failingNow, checkedHere, silenced, new SecondOpinions(java.util.Map::of));
    }

    /** Only the configuration's maintenance windows, no result knowledge, every unpaused non-push monitor checked here. */
    public static AlertInputs basic(Supplier<LookoutConfig> config) {
        return new AlertInputs(new MaintenanceCalendar(config, MaintenanceCalendar.NO_SCHEDULED), id -> false,
                m -> !m.paused() && !"heartbeat".equals(m.type()));
    }
}
