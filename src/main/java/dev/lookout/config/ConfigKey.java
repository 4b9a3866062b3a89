package dev.lookout.config;

/**
 * One key of a mapping in {@code lookout.yaml} as its reader reads it: its name, the shape of its
 * value, whether it is required, its default (as written in the file, null for none) and what it is for.
 */
public record ConfigKey(String name, ValueShape shape, boolean required, String defaultValue, String description) {

    /** An optional key; {@code defaultValue} as it would be written (null when there is none). */
    public static ConfigKey key(String name, ValueShape shape, String defaultValue, String description) {
        return new ConfigKey(name, shape, false, defaultValue, description);
    }

    public static ConfigKey required(String name, ValueShape shape, String description) {
        return new ConfigKey(name, shape, true, null, description);
    }
}
