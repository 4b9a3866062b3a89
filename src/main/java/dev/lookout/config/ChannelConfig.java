package dev.lookout.config;

import java.util.Objects;

/**
 * One notification channel as configured ({@code channels:}). {@code settings} is the type's
 * own settings record; {@code definition} is the raw YAML subtree before environment
 * substitution, so that a reload can tell a changed channel from an unchanged one.
 */
public record ChannelConfig(String id, String type, String name, Object settings, Object definition) {

    public boolean sameDefinition(ChannelConfig other) {
        return other != null && Objects.equals(definition, other.definition);
    }
}
