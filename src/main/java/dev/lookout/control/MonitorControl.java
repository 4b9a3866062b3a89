package dev.lookout.control;

import java.time.Instant;

/**
 * What operators asked of one monitor, as stored: each part null when not asked (or taken back).
 *
 * @param checkRequestedAt when someone asked for a check now that has not run yet
 */
public record MonitorControl(String monitorId, Pause pause, Silence silence, Instant checkRequestedAt,
                             String checkRequestedBy) {
}
