package dev.lookout.control;

import java.time.Instant;

/**
 * An operator's pause of a monitor: not checked, shown as paused, not counted as down.
 *
 * @param until when it resumes by itself; null: until someone resumes it
 */
public record Pause(String reason, String by, Instant at, Instant until) {

    /** Whether the pause holds at {@code now} (it has no end, or its end is still ahead). */
    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
