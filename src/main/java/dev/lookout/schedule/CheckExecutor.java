package dev.lookout.schedule;

import dev.lookout.check.CheckResult;
import dev.lookout.config.MonitorConfig;

/** Runs one check of one monitor to its result; called on a virtual thread, may block up to the monitor's timeout. */
@FunctionalInterface
public interface CheckExecutor {
    CheckResult execute(MonitorConfig monitor);
}
