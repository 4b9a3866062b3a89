package dev.lookout.config;

import java.util.Set;

/**
 * The notification channel types the loader knows, supplied from outside so that {@code config}
 * does not depend on {@code alert}: the one registry of channels lives there ({@code Channels}).
 */
public interface ChannelKinds {

    /** Knows no channel type: every {@code channels:} entry is an error. */
    ChannelKinds NONE = new ChannelKinds() {
        @Override
        public Set<String> names() {
            return Set.of();
        }

        @Override
        public Object read(String type, ConfigNode channel) {
            return null;
        }

        @Override
        public java.util.List<ConfigKey> keys(String type) {
            return java.util.List.of();
        }
    };

    Set<String> names();

    /**
     * Reads the type's own keys from a channel's node, reporting problems on the node. Returns
     * null when the keys are unusable (errors were reported). The loader rejects unknown keys afterwards.
     */
    Object read(String type, ConfigNode channel);

    /** The type's own keys, beside {@code id}, {@code name} and {@code type}: what {@link #read} reads, and the JSON Schema shows. */
    java.util.List<ConfigKey> keys(String type);
}
