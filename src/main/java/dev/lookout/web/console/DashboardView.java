package dev.lookout.web.console;

import dev.lookout.web.MonitorFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dashboard as the template shows it: the rows the filter lets through, how many monitors
 * there are in each state (all of them, not only the shown ones), and the values each filter offers.
 */
public record DashboardView(List<MonitorRow> rows, int total, List<StateCount> counts, MonitorFilter filter,
                            List<String> tags, List<String> components, List<String> types, Instant now) {
    /** The states in the order an operator looks for them: trouble first. */
    static final List<String> STATES = List.of("down", "degraded", "up", "unknown", "paused");

    /** How many monitors are in one state. */
    public record StateCount(String state, int count) {
    }

    static DashboardView of(List<MonitorRow> all, MonitorFilter filter, Instant now) {
        List<MonitorRow> shown = new ArrayList<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        TreeSet<String> tags = new TreeSet<>();
        TreeSet<String> components = new TreeSet<>();
        TreeSet<String> types = new TreeSet<>();
        for (MonitorRow row : all) {
            counts.merge(row.state(), 1, Integer::sum);
            tags.addAll(row.tags());
            if (row.component() != null) {
                components.add(row.component());
            }
            types.add(row.type());
            if (filter.matches(row.state(), row.tags(), row.component(), row.type(), row.words())) {
                shown.add(row);
            }
        }
        List<StateCount> byState = STATES.stream().map(s -> new StateCount(s, counts.getOrDefault(s, 0))).toList();
        return new DashboardView(shown, all.size(), byState, filter, List.copyOf(tags), List.copyOf(components),
                List.copyOf(types), now);
    }
}
