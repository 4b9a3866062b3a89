package dev.lookout.config;

import dev.lookout.condition.Condition;
import java.util.List;
import java.util.Set;

/**
 * The check types the loader knows, supplied from outside so that {@code config} does not depend
 * on {@code check}: the one registry of types lives there ({@code CheckTypes}).
 */
public interface MonitorTypes {

    Set<String> names();

    /**
     * Reads the type's own keys from a monitor's node, reporting problems on the node. Returns
     * null when the keys are unusable (errors were reported).
     *
     * @param conditions the user's conditions, so that a type can add implicit ones only where the
     *                   user said nothing (e.g. HTTP's default {@code status < 400})
     */
    TypeSettings read(String type, ConfigNode monitor, List<Condition> conditions);

    /** The type's own keys, beside the ones every monitor has: what {@link #read} reads, and the JSON Schema shows. */
    List<ConfigKey> keys(String type);

    /** Whether conditions of this type may read {@code subject} ({@code status}, {@code header.x}, ...). */
    boolean offers(String type, String subject);

    /** The placeholders a type offers, for error messages and documentation. */
    List<String> placeholders(String type);

    /**
     * Whether monitors of this type are run by the scheduler (pulled). A pushed type (heartbeat)
     * has no {@code interval} or {@code timeout}, and one failure is already an outage: its
     * {@code failure_threshold} defaults to 1.
     */
    default boolean scheduled(String type) {
        return true;
    }

    record TypeSettings(Object settings, List<Condition> implicitConditions) {
        public TypeSettings {
            implicitConditions = List.copyOf(implicitConditions);
        }
    }
}
