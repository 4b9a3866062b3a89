package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;

import java.time.Duration;

/** Reads {@code retention:}; every key has a default, so the section is optional. */
final class RetentionConfigReader {
    static final ValueShape.Mapping SHAPE = ValueShape.mapping(
            key("audit", ValueShape.DURATION, "400d", "How long audit log entries are kept; 1d..36500d"));

    RetentionConfig read(ConfigNode node) {
        RetentionConfig d = RetentionConfig.DEFAULTS;
        if (!node.isPresent()) {
            return d;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping with audit");
            return d;
        }
        Duration audit = node.duration("audit", d.audit(), Duration.ofDays(1), Duration.ofDays(36_500));
        node.rejectUnknownKeys(SHAPE.keys());
        return new RetentionConfig(audit);
    }
}
