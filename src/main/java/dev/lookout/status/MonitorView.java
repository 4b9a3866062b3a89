package dev.lookout.status;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.MonitorState;

/**
 * One monitor with its state, last result and uptime over 24 h, 7 d and 30 d (null without data).
 *
 * @param maintenance the maintenance it is under now, in words (null when none): its alerts are held
 */
public record MonitorView(String id, String name, String type, String description, String componentId, boolean paused,
                          String interval, String timeout, MonitorState state, CheckResult lastResult, Double uptime24h,
                          Double uptime7d, Double uptime30d, String maintenance) {

    /** Not under maintenance. */
    public MonitorView(String id, String name, String type, String description, String componentId, boolean paused,
                       String interval, String timeout, MonitorState state, CheckResult lastResult, Double uptime24h,
                       Double uptime7d, Double uptime30d) {
        this(id, name, type, description, componentId, paused, interval, timeout, state, lastResult, uptime24h, uptime7d,
                uptime30d, null);
    }

    /**
     * The state the public pages count: the state machine's, except that a monitor without a
     * confirmed state yet (a new one, or one whose history was lost) counts as its last result says,
     * so that the first failures of a new monitor show as an outage, as its uptime bar does.
     */
    public MonitorState shownState() {
        return shown(state, lastResult);
    }

    /** Whether {@link #shownState()} is the state machine's own verdict, not only the last result's. */
    public boolean confirmed() {
        return state != MonitorState.UNKNOWN || lastResult == null;
    }

    /** {@link #shownState()} of a monitor in {@code state} whose last result is {@code last} (null: none). */
    public static MonitorState shown(MonitorState state, CheckResult last) {
        if (state != MonitorState.UNKNOWN || last == null) {
            return state;
        }
        return switch (last.outcome()) {
            case OK -> MonitorState.UP;
            case DEGRADED -> MonitorState.DEGRADED;
            case FAILED, TIMEOUT -> MonitorState.DOWN;
        };
    }
}
