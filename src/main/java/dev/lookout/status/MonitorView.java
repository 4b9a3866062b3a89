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
}
