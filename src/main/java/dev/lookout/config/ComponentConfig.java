package dev.lookout.config;

import java.util.List;

/**
 * A component of the status page (what users see: "Website", "API"), in an optional group.
 *
 * @param dependsOn monitors every monitor of this component depends on: while one of them is DOWN,
 *                  this component's alerts are folded into that monitor's
 */
public record ComponentConfig(String id, String name, String group, String description, List<String> dependsOn) {

    public ComponentConfig {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A component without dependencies. */
    public ComponentConfig(String id, String name, String group, String description) {
        this(id, name, group, description, List.of());
    }
}
