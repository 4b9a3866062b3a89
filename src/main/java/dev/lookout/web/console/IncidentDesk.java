package dev.lookout.web.console;

import dev.lookout.config.ComponentConfig;
import dev.lookout.config.IncidentTemplateConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.incident.TimelineBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console's incident and maintenance pages work with: the incident package's objects (the
 * same the API uses) and the configuration of the moment, for the components and the saved templates.
 */
public record IncidentDesk(Incidents incidents, Maintenances maintenances, TimelineBuilder timelines,
                           Supplier<LookoutConfig> config) {

    List<ComponentConfig> components() {
        return config.get().components();
    }

    List<IncidentTemplateConfig> templates() {
        return config.get().incidentTemplates();
    }

    /** The saved template {@code id}; empty for none or an unknown one. */
    Optional<IncidentTemplateConfig> template(String id) {
        return id == null ? Optional.empty() : templates().stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
