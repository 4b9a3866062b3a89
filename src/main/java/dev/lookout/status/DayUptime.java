package dev.lookout.status;

import java.time.LocalDate;

/** One day of a component's uptime bar: {@code uptime} is null when nothing was checked that day. */
public record DayUptime(LocalDate date, Double uptime, long checks, long failed) {

    /** A CSS class for the bar: none, good, minor (>= 99 %), major. */
    public String level() {
        if (uptime == null) {
            return "none";
        }
        return uptime >= 0.999 ? "good" : uptime >= 0.99 ? "minor" : "major";
    }
}
