package dev.lookout.store;

/**
 * A monitor as the store keeps it: identity and presentation, with the type-specific settings
 * as one JSON document (never one column per field).
 */
public record MonitorRecord(String id, String name, String type, String componentId, String settingsJson) {
}
