package dev.lookout.web.console;

import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.heartbeat.PingLog;
import dev.lookout.incident.MonitorHistory;
import dev.lookout.status.MonitorView;
import dev.lookout.status.ResponseTimes;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the console reads what it shows of the monitors: the dashboard's rows and live state
 * changes, and for a monitor's page its uptimes, vantage points, stored history, latency
 * percentiles, pings and where it is defined.
 *
 * @param board         the monitors as the dashboard's rows, with this node's newest results
 * @param events        the state changes the open dashboards receive as they happen
 * @param views         a monitor as the status read model sees it (its uptimes)
 * @param vantage       each vantage point of a monitor as this node's verdicts by quorum see it
 * @param history       the stored state changes
 * @param responseTimes the monitors' latency percentiles, from the rollups
 * @param pingLog       the heartbeat monitors' stored pings
 * @param config        the running configuration: where each monitor is defined
 */
public record MonitorSources(MonitorBoard board, StateEvents events, Function<String, Optional<MonitorView>> views,
                             Function<String, List<VantageVerdicts.Point>> vantage, MonitorHistory history,
                             ResponseTimes responseTimes, PingLog pingLog, Supplier<LookoutConfig> config) {
}
