package dev.lookout.status;

import java.time.LocalDate;
import java.util.List;

/**
 * One day of a component's uptime bar: {@code uptime} is null when nothing was checked that day;
 * {@code incidents} names the incidents that affected the component that day (among the recent ones).
 */
public record DayUptime(LocalDate date, Double uptime, long checks, long failed, List<String> incidents) {

    public DayUptime {
        incidents = List.copyOf(incidents);
    }

    /** A day without incidents. */
    public DayUptime(LocalDate date, Double uptime, long checks, long failed) {
        this(date, uptime, checks, failed, List.of());
    }

    /** A CSS class for the bar: none, good, minor (>= 99 %), major. */
    public String level() {
        if (uptime == null) {
            return "none";
        }
        return uptime >= 0.999 ? "good" : uptime >= 0.99 ? "minor" : "major";
    }
}
