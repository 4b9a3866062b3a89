package dev.lookout.config;

import dev.lookout.condition.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One monitor as configured. {@code settings} is the type's own settings record (built by its
 * {@link MonitorTypes} entry); {@code conditions} are the user's conditions followed by the
 * type's implicit ones. {@code definition} is the raw YAML subtree, before environment
 * substitution: two monitors with the same definition are the same monitor (hot reload keeps it
 * running untouched), and it is what the store keeps, so secrets from the environment stay out.
 */
public record MonitorConfig(String id, String name, String type, String description, Duration interval,
                            Duration timeout, String componentId, int failureThreshold, int successThreshold,
                            boolean paused, List<Condition> conditions, Object settings, Object definition) {

    public MonitorConfig {
        conditions = List.copyOf(conditions);
    }

    public boolean sameDefinition(MonitorConfig other) {
        return other != null && Objects.equals(definition, other.definition);
    }
}
