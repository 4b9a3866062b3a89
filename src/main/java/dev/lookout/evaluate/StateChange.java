package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import java.time.Instant;

/**
 * One transition of one monitor, with the result that caused it ({@code null} only for
 * transitions not caused by a check, such as pausing).
 */
public record StateChange(String monitorId, Instant at, MonitorState from, MonitorState to, CheckResult cause) {
}
