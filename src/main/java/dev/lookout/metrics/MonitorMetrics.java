package dev.lookout.metrics;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.heartbeat.HeartbeatStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One set of series per monitor this node checks ({@code lookout_monitor_up},
 * {@code lookout_monitor_state}, latency, last check, certificate expiry, last ping), built at
 * each scrape from what the node holds in memory, as Prometheus asks of exporters: no meter per
 * monitor to register, update or remove on a reload, and nothing on the check's path but
 * {@link #record}. Labels come only from the configuration ({@code monitor}, {@code component},
 * {@code type}) and the node's name ({@code node}), never from results, so the number of series
 * is bounded by the number of configured monitors. In a cluster each node exports the monitors it
 * owns, so that a Prometheus scraping every node sees each monitor once.
 */
public final class MonitorMetrics implements MultiCollector {
    static final String UP = "lookout_monitor_up";
    static final String STATE = "lookout_monitor_state";
    static final String LAST_LATENCY = "lookout_monitor_last_latency_seconds";
    static final String LATENCY = "lookout_monitor_latency_seconds";
    static final String LAST_CHECK = "lookout_monitor_last_check_timestamp_seconds";
    static final String CERTIFICATE = "lookout_monitor_certificate_expiry_timestamp_seconds";
    static final String LAST_PING = "lookout_heartbeat_last_ping_timestamp_seconds";
    static final String LAST_SUCCESS = "lookout_heartbeat_last_success_timestamp_seconds";
    private static final List<String> NAMES = List.of(UP, STATE, LAST_LATENCY, LATENCY, LAST_CHECK, CERTIFICATE, LAST_PING,
            LAST_SUCCESS);
    private static final List<String> STATES = java.util.Arrays.stream(MonitorState.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    /** What the node knows of its monitors now. */
    public record Sources(Supplier<Collection<MonitorConfig>> monitors, Predicate<String> checkedHere,
                          Function<String, MonitorState> state, Function<String, Optional<CheckResult>> latest,
                          Function<String, Optional<HeartbeatStatus>> heartbeat) {
    }

    private final Sources sources;
    private final String node;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();

    /** What the results of one monitor measured on this node since it started. */
    private static final class Measured {
        long count;
        double sumSeconds;
        Instant certificateNotAfter;
    }

    /** @param node the {@code node} label: {@code server.node_name} */
    public MonitorMetrics(Sources sources, String node) {
        this.sources = sources;
        this.node = node;
    }

    /**
     * Counts a result's latency (when it reached its target and measured a time, as the rollups do)
     * and keeps the newest certificate expiry seen: a check that cannot connect does not make a
     * certificate's expiry unknown.
     */
    public void record(CheckResult result) {
        boolean latency = (result.outcome() == Outcome.OK || result.outcome() == Outcome.DEGRADED)
                && result.timings().totalMicros() >= 0;
        if (!latency && result.certificateNotAfter() == null) {
            return;
        }
        Measured m = measured.computeIfAbsent(result.monitorId(), id -> new Measured());
        synchronized (m) {
            if (latency) {
                m.count++;
                m.sumSeconds += result.timings().totalMicros() / 1e6;
            }
            if (result.certificateNotAfter() != null) {
                m.certificateNotAfter = result.certificateNotAfter();
            }
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    @Override
    public MetricSnapshots collect() {
        Series up = new Series(UP, "1 when the monitor is up or degraded, 0 when down; absent while unknown or paused");
        Series state = new Series(STATE, "1 for the monitor's current state (unknown, up, degraded, down, paused), 0 for the others");
        Series lastLatency = new Series(LAST_LATENCY, "Response time of the newest result, when it reached its target");
        Series lastCheck = new Series(LAST_CHECK, "When the newest result was taken (Unix time)");
        Series certificate = new Series(CERTIFICATE, "When the certificate the monitor last saw expires (Unix time; https and tls)");
        Series lastPing = new Series(LAST_PING, "When the newest ping of any kind arrived (Unix time; heartbeat monitors)");
        Series lastSuccess = new Series(LAST_SUCCESS, "When the newest success ping arrived (Unix time; heartbeat monitors)");
        SummarySnapshot.Builder latency = SummarySnapshot.builder().name(LATENCY)
                .help("Response times of the results that reached their target, measured on this node since it started");
        Set<String> configured = new java.util.HashSet<>();
        for (MonitorConfig monitor : sources.monitors().get()) {
            configured.add(monitor.id());
            if (!sources.checkedHere().test(monitor.id())) {
                continue;
            }
            Labels labels = Labels.of("monitor", monitor.id(), "component", monitor.componentId() == null ? ""
                    : monitor.componentId(), "type", monitor.type(), "node", node);
            MonitorState current = sources.state().apply(monitor.id());
            if (current == MonitorState.UP || current == MonitorState.DEGRADED || current == MonitorState.DOWN) {
                up.add(labels, current == MonitorState.DOWN ? 0 : 1);
            }
            for (String name : STATES) {
                state.add(labels.add("state", name), name.equals(current.name().toLowerCase(Locale.ROOT)) ? 1 : 0);
            }
            sources.latest().apply(monitor.id()).ifPresent(result -> {
                lastCheck.add(labels, seconds(result.startedAt()));
                if (!result.outcome().isFailure() && result.timings().totalMicros() >= 0) {
                    lastLatency.add(labels, result.timings().totalMicros() / 1e6);
                }
            });
            Measured m = measured.get(monitor.id());
            if (m != null) {
                synchronized (m) {
                    if (m.count > 0) {
                        latency.dataPoint(SummaryDataPointSnapshot.builder().labels(labels).count(m.count).sum(m.sumSeconds).build());
                    }
                    if (m.certificateNotAfter != null) {
                        certificate.add(labels, seconds(m.certificateNotAfter));
                    }
                }
            }
            sources.heartbeat().apply(monitor.id()).ifPresent(beat -> {
                if (beat.lastPing() != null) {
                    lastPing.add(labels, seconds(beat.lastPing()));
                }
                if (beat.lastSuccess() != null) {
                    lastSuccess.add(labels, seconds(beat.lastSuccess()));
                }
            });
        }
        measured.keySet().retainAll(configured); // monitors removed by a reload
        return MetricSnapshots.of(up.build(), state.build(), lastLatency.build(), latency.build(), lastCheck.build(),
                certificate.build(), lastPing.build(), lastSuccess.build());
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    /** One gauge family being built. */
    private static final class Series {
        private final GaugeSnapshot.Builder builder;

        Series(String name, String help) {
            builder = GaugeSnapshot.builder().name(name).help(help);
        }

        void add(Labels labels, double value) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        GaugeSnapshot build() {
            return builder.build();
        }
    }
}
