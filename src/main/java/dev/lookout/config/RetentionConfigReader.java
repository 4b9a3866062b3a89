package dev.lookout.config;

import java.time.Duration;

/** Reads {@code retention:}; every key has a default, so the section is optional. */
final class RetentionConfigReader {

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
        node.rejectUnknownKeys();
        return new RetentionConfig(audit);
    }
}
