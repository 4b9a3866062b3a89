package dev.lookout.config;

import dev.lookout.condition.Condition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                            boolean paused, List<Condition> conditions, Object settings, Object definition,
                            List<String> tags, List<String> dependsOn, DegradationConfig degradation,
                            VantageConfig vantage) {

    public MonitorConfig {
        conditions = List.copyOf(conditions);
        tags = List.copyOf(tags);
        dependsOn = List.copyOf(dependsOn);
        degradation = degradation == null ? DegradationConfig.NONE : degradation;
        vantage = vantage == null ? VantageConfig.SERVER_ONLY : vantage;
    }

    /** A monitor checked by the server alone. */
    public MonitorConfig(String id, String name, String type, String description, Duration interval, Duration timeout,
                         String componentId, int failureThreshold, int successThreshold, boolean paused,
                         List<Condition> conditions, Object settings, Object definition, List<String> tags,
                         List<String> dependsOn, DegradationConfig degradation) {
        this(id, name, type, description, interval, timeout, componentId, failureThreshold, successThreshold, paused,
                conditions, settings, definition, tags, dependsOn, degradation, VantageConfig.SERVER_ONLY);
    }

    /** A monitor without degradation signals. */
    public MonitorConfig(String id, String name, String type, String description, Duration interval, Duration timeout,
                         String componentId, int failureThreshold, int successThreshold, boolean paused,
                         List<Condition> conditions, Object settings, Object definition, List<String> tags,
                         List<String> dependsOn) {
        this(id, name, type, description, interval, timeout, componentId, failureThreshold, successThreshold, paused,
                conditions, settings, definition, tags, dependsOn, DegradationConfig.NONE);
    }

    /** The same monitor with other dependencies. */
    public MonitorConfig withDependsOn(List<String> parents) {
        return new MonitorConfig(id, name, type, description, interval, timeout, componentId, failureThreshold,
                successThreshold, paused, conditions, settings, definition, tags, parents, degradation, vantage);
    }

    /** The same monitor with other thresholds. */
    public MonitorConfig withThresholds(int failures, int successes) {
        return new MonitorConfig(id, name, type, description, interval, timeout, componentId, failures, successes, paused,
                conditions, settings, definition, tags, dependsOn, degradation, vantage);
    }

    /** A monitor without tags or dependencies. */
    public MonitorConfig(String id, String name, String type, String description, Duration interval, Duration timeout,
                         String componentId, int failureThreshold, int successThreshold, boolean paused,
                         List<Condition> conditions, Object settings, Object definition) {
        this(id, name, type, description, interval, timeout, componentId, failureThreshold, successThreshold, paused,
                conditions, settings, definition, List.of(), List.of(), DegradationConfig.NONE);
    }

    /**
     * The same monitor paused by an operator: as if its definition said {@code paused: true}, so
     * that everything that compares definitions (the scheduler, the states) sees it change.
     */
    public MonitorConfig pausedAtRunTime() {
        Map<String, Object> pausedDefinition = new LinkedHashMap<>();
        if (definition instanceof Map<?, ?> map) {
            map.forEach((key, value) -> pausedDefinition.put(String.valueOf(key), value));
        } else {
            pausedDefinition.put("definition", definition);
        }
        pausedDefinition.put("paused", "true");
        return new MonitorConfig(id, name, type, description, interval, timeout, componentId, failureThreshold,
                successThreshold, true, conditions, settings, pausedDefinition, tags, dependsOn, degradation, vantage);
    }

    /**
     * The same monitor with {@code key} standing for its definition in {@link #sameDefinition}: a
     * digest of the raw definition, for a process that keeps many monitors and never reads the raw
     * tree again (a probe at 10,000 monitors kept 32,000 maps for it).
     */
    public MonitorConfig withDefinitionKey(String key) {
        return new MonitorConfig(id, name, type, description, interval, timeout, componentId, failureThreshold,
                successThreshold, paused, conditions, settings, key, tags, dependsOn, degradation, vantage);
    }

    public boolean sameDefinition(MonitorConfig other) {
        return other != null && Objects.equals(definition, other.definition);
    }
}
