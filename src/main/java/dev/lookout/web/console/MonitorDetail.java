package dev.lookout.web.console;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.StateChange;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.heartbeat.PingLog;
import dev.lookout.status.ResponseTimes;
import java.time.Instant;
import java.util.List;

/**
 * One monitor's page: its line of the dashboard, its uptimes (null: no data) and latency percentiles
 * over 24 hours, 7 and 30 days, its newest result with per-phase timings and each condition's actual
 * value (null: none since this node started), its vantage points, its recent state changes and, for
 * a heartbeat monitor, its newest pings with their bodies, newest first.
 */
public record MonitorDetail(MonitorRow row, Double uptime24h, Double uptime7d, Double uptime30d, CheckResult last,
                            List<VantageVerdicts.Point> vantage, List<StateChange> history, Instant now,
                            List<Window> windows, List<PingLog.LoggedPing> pings) {

    /** One window's figures: its uptime (null: no data) and its latency percentiles. */
    public record Window(String name, Double uptime, ResponseTimes.Summary latency) {
    }

    /** A latency in milliseconds as the page prints it, or a dash when no result reached its target. */
    public static String millis(double millis) {
        return Double.isNaN(millis) ? "–" : Milliseconds.micros(Math.round(millis * 1000));
    }

    /** A ping's body as text: UTF-8 as it is, anything else as a note (the API has it in base64). */
    public static String body(dev.lookout.heartbeat.Ping ping) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(ping.body())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "(" + ping.body().length + " bytes that are not UTF-8: see the API)";
        }
    }

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
