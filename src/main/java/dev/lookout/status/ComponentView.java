package dev.lookout.status;

import java.time.Instant;
import java.util.List;

/** A component as the status page shows it. */
public record ComponentView(String id, String name, String group, String description, ComponentStatus status,
                            List<DayUptime> days, Double uptime90d, Instant lastCheckedAt) {
}
