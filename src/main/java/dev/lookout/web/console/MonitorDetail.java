package dev.lookout.web.console;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.StateChange;
import dev.lookout.evaluate.VantageVerdicts;
import java.time.Instant;
import java.util.List;

/**
 * One monitor's page: its line of the dashboard, its uptimes (null: no data), its newest result
 * with per-phase timings and each condition's actual value (null: none since this node started),
 * its vantage points and its recent state changes, newest first.
 */
public record MonitorDetail(MonitorRow row, Double uptime24h, Double uptime7d, Double uptime30d, CheckResult last,
                            List<VantageVerdicts.Point> vantage, List<StateChange> history, Instant now) {

    /** A share as the page prints it ({@code 99.95 %}), or a dash without data. */
    public static String percent(Double share) {
        return share == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f %%", share * 100);
    }

    /** A phase's time from {@link dev.lookout.check.Timings} in microseconds, or a dash when the phase was not reached. */
    public static String phase(long micros) {
        return Milliseconds.micros(micros);
    }

    public static String lower(Enum<?> value) {
        return ConsoleView.lower(value);
    }
}
