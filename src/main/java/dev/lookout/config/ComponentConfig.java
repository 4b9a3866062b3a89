package dev.lookout.config;

import java.time.Duration;
import java.util.List;

/**
 * A component of the status page (what users see: "Website", "API"), in an optional group.
 *
 * @param dependsOn    monitors every monitor of this component depends on: while one of them is DOWN,
 *                     this component's alerts are folded into that monitor's
 * @param autoIncident when set, Lookout opens, updates and resolves an incident for this component by itself
 */
public record ComponentConfig(String id, String name, String group, String description, List<String> dependsOn,
                              AutoIncident autoIncident) {

    public ComponentConfig {
        dependsOn = List.copyOf(dependsOn);
    }

    /** Without automatic incidents. */
    public ComponentConfig(String id, String name, String group, String description, List<String> dependsOn) {
        this(id, name, group, description, dependsOn, null);
    }

    /** A component without dependencies or automatic incidents. */
    public ComponentConfig(String id, String name, String group, String description) {
        this(id, name, group, description, List.of(), null);
    }

    /**
     * Open an incident once a monitor of the component has been DOWN for {@code after}; move it to
     * monitoring when every monitor is back, resolve it after {@code resolveAfter} without failures.
     *
     * @param impact the incident's impact code: none, minor, major or critical
     */
    public record AutoIncident(Duration after, Duration resolveAfter, String impact) {
        public static final AutoIncident DEFAULT = new AutoIncident(Duration.ofMinutes(5), Duration.ofMinutes(15), "major");
    }
}
