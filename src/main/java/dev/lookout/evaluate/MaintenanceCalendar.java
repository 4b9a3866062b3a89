package dev.lookout.evaluate;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MaintenanceWindowConfig;
import dev.lookout.config.MonitorConfig;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Which monitors are under maintenance at an instant: the configuration's {@code maintenance:}
 * windows, and the scheduled maintenances (API) in progress on their component. Alerts are held
 * meanwhile; results are still checked and stored. Answered from memory.
 */
public final class MaintenanceCalendar {
    /** No scheduled maintenances: only the configuration's windows count. */
    public static final BiPredicate<String, Instant> NO_SCHEDULED = (component, at) -> false;

    private final Supplier<LookoutConfig> config;
    private final BiPredicate<String, Instant> scheduled;

    /**
     * @param scheduled whether a scheduled maintenance is in progress on a component (component id, instant)
     */
    public MaintenanceCalendar(Supplier<LookoutConfig> config, BiPredicate<String, Instant> scheduled) {
        this.config = config;
        this.scheduled = scheduled;
    }

    /** The maintenance the monitor is under, in words, if any. */
    public Optional<String> activeFor(MonitorConfig monitor, Instant at) {
        for (MaintenanceWindowConfig window : config.get().maintenance()) {
            if (window.covers(monitor) && window.activeAt(at)) {
                return Optional.of("maintenance window '" + window.name() + "'");
            }
        }
        if (monitor.componentId() != null && scheduled.test(monitor.componentId(), at)) {
            return Optional.of("scheduled maintenance of component '" + monitor.componentId() + "'");
        }
        return Optional.empty();
    }

    /**
     * Whether the component shows as under maintenance: a window or a scheduled maintenance names
     * it, or every one of its monitors is under a window.
     */
    public boolean componentUnderMaintenance(String componentId, Instant at) {
        if (scheduled.test(componentId, at)) {
            return true;
        }
        LookoutConfig current = config.get();
        if (current.maintenance().isEmpty()) {
            return false; // the common case: no need to look at every monitor for every component
        }
        for (MaintenanceWindowConfig window : current.maintenance()) {
            if (window.components().contains(componentId) && window.activeAt(at)) {
                return true;
            }
        }
        var monitors = current.monitors().stream().filter(m -> componentId.equals(m.componentId())).toList();
        return !monitors.isEmpty() && monitors.stream().allMatch(m -> activeFor(m, at).isPresent());
    }
}
