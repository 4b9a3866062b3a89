package dev.lookout.status;

import java.time.Instant;
import java.util.List;

/**
 * A component as the status page shows it. {@code createdAt} is when its first monitor was
 * stored; {@code updatedAt} the last incident or maintenance update that named it (else
 * {@code createdAt}).
 */
public record ComponentView(String id, String name, String group, String description, ComponentStatus status,
                            List<DayUptime> days, Double uptime90d, Instant lastCheckedAt, Instant createdAt,
                            Instant updatedAt) {
}
