package dev.lookout.config;

/** A component of the status page (what users see: "Website", "API"), in an optional group. */
public record ComponentConfig(String id, String name, String group, String description) {
}
