package dev.lookout.control;

import java.time.Instant;

/**
 * An operator's silence of a monitor's alerts until a time: the monitor is checked and its state
 * changes are recorded, but its alerts wait (as under maintenance) until the silence ends.
 *
 * @param reason why, or null
 */
public record Silence(String reason, String by, Instant at, Instant until) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    /** The silence in words, for the alert history and the log. */
    public String text() {
        return "silenced until " + until + " by " + by + (reason == null ? "" : ": " + reason);
    }
}
