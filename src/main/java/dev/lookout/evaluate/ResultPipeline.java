package dev.lookout.evaluate;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.config.MonitorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of every result, from the check to the alert: a pulled monitor's check is run
 * ({@link #execute}); its result, or a pushed one from the heartbeat ingest, then goes through
 * {@link #onResult}: counted, kept as the monitor's newest, queued for storage, applied to the
 * monitor's state machine and, for monitors with degradation signals, to the degradation
 * detector. Each state change goes to {@code stateChanges} (the alert engine, which stores it
 * with the notifications it causes) and to the log.
 */
public final class ResultPipeline {
    private static final Logger log = LoggerFactory.getLogger(ResultPipeline.class);

    private final CheckTypes types;
    private final CheckContext context;
    private final CheckRunner runner;
    private final Consumer<CheckResult> resultLog;
    /** Where the server's own results of monitors checked from several places are queued for storage. */
    private volatile java.util.function.BiConsumer<String, CheckResult> pointLog = (point, result) -> {
    };
    private final Consumer<StateChange> stateChanges;
    private final MonitorStates states;
    private final java.util.function.Predicate<String> checkedHere;
    private final LatestResults latest = new LatestResults();
    private final VantageVerdicts vantage;
    private final DegradationDetector degradation;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final Map<String, MonitorConfig> checkDefinitions = new ConcurrentHashMap<>();
    /** Every monitor as last configured, pushed ones too: what a reload's "new or changed" is counted against. */
    private Map<String, MonitorConfig> configured = Map.of();
    /** Monitors with degradation signals, by id: looked up for every result, so a map rather than a scan of the config. */
    private volatile Map<String, MonitorConfig> withDegradation = Map.of();

    /**
     * @param resultLog    where every result is queued for storage (the store; must not block)
     * @param history      the stored hourly rollups the latency baselines are computed from
     * @param stateChanges where every state change goes, in order per monitor (the alert engine)
     * @param metrics      where the results are counted by outcome ({@code lookout.check.results})
     */
    public ResultPipeline(CheckTypes types, CheckContext context, InstantSource clock, Consumer<CheckResult> resultLog,
                          LatencyBaseline.HourlyHistory history, Consumer<StateChange> stateChanges, MeterRegistry metrics) {
        this(types, context, clock, resultLog, history, stateChanges, metrics, id -> true);
    }

    /**
     * @param checkedHere whether this node decides the monitor's state now (in a cluster, whether it owns it): the
     *                    result of a check that was still running when another node took the monitor is dropped
     */
    public ResultPipeline(CheckTypes types, CheckContext context, InstantSource clock, Consumer<CheckResult> resultLog,
                          LatencyBaseline.HourlyHistory history, Consumer<StateChange> stateChanges, MeterRegistry metrics,
                          java.util.function.Predicate<String> checkedHere) {
        this.checkedHere = checkedHere;
        this.types = types;
        this.context = context;
        this.runner = new CheckRunner(clock);
        this.resultLog = resultLog;
        this.stateChanges = stateChanges;
        this.degradation = new DegradationDetector(new LatencyBaseline(history));
        this.states = new MonitorStates(clock, this::changed);
        this.vantage = new VantageVerdicts(clock);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("lookout.check.results").tag("outcome", outcome.name().toLowerCase())
                    .description("Check results by outcome").register(metrics));
        }
    }

    /**
     * Adopts a (re)loaded set of monitors: builds the checks of new or changed pulled monitors,
     * forgets the degradation series of monitors that no longer have signals, and configures the
     * state machines ({@link MonitorStates#configure}, which may emit state changes).
     *
     * @param restored the state of each monitor seen for the first time in this process
     * @return how many monitors are new or changed (a heartbeat monitor, having no check, always counts)
     */
    public long configure(Collection<MonitorConfig> monitors, Map<String, MonitorState> restored) {
        return configure(monitors, java.util.List.of(), null, restored);
    }

    /**
     * As {@link #configure(Collection, Map)}, with the probes the monitors' vantage points may name:
     * a monitor checked from several vantage points has its results combined by quorum
     * ({@link VantageVerdicts}) before its state machine sees them.
     *
     * @param suspectRule when a vantage point that sees failures the others do not is suspect (the mass-failure
     *                    guard's rule; null: never)
     */
    public long configure(Collection<MonitorConfig> monitors, java.util.List<dev.lookout.config.ProbeConfig> probes,
                          dev.lookout.config.AlertingConfig.MassFailureConfig suspectRule, Map<String, MonitorState> restored) {
        vantage.configure(monitors, probes, suspectRule);
        Map<String, MonitorConfig> before = configured;
        long changed = monitors.stream().filter(m -> !m.sameDefinition(before.get(m.id()))).count();
        configured = monitors.stream().collect(Collectors.toUnmodifiableMap(MonitorConfig::id, m -> m, (a, b) -> b));
        // Heartbeat monitors are pushed, not pulled: no check object.
        var pulled = monitors.stream().filter(m -> types.scheduled(m.type())).toList();
        checks.keySet().retainAll(pulled.stream().map(MonitorConfig::id).toList());
        for (MonitorConfig m : pulled) {
            if (!m.sameDefinition(checkDefinitions.get(m.id()))) {
                checks.put(m.id(), types.create(m, context));
                checkDefinitions.put(m.id(), m);
            }
        }
        checkDefinitions.keySet().retainAll(checks.keySet());
        withDegradation = monitors.stream().filter(m -> m.degradation().any())
                .collect(Collectors.toUnmodifiableMap(MonitorConfig::id, m -> m));
        degradation.retain(withDegradation.keySet());
        states.configure(monitors.stream().map(vantage::forStateMachine).toList(), restored);
        return changed;
    }

    /** Runs one check of a pulled monitor to its result (called by the scheduler on a virtual thread). */
    public CheckResult execute(MonitorConfig monitor) {
        Check check = checks.get(monitor.id());
        if (check == null || !monitor.sameDefinition(checkDefinitions.get(monitor.id()))) {
            check = types.create(monitor, context); // a run planned just before a reload
        }
        return runner.run(monitor, check);
    }

    /** Takes one result of this server's, pulled or pushed, through to its state change, if it causes one. */
    public void onResult(CheckResult result) {
        onResult(dev.lookout.config.VantageConfig.SERVER, result);
    }

    /**
     * Takes one result from a vantage point (this server, or a probe whose results are already
     * stored) through to its state change, if it causes one. A monitor checked from several vantage
     * points moves on the combined result, once a quorum says something.
     */
    public void onResult(String from, CheckResult result) {
        boolean server = from.equals(dev.lookout.config.VantageConfig.SERVER);
        if (!checkedHere.test(result.monitorId())) {
            if (server) {
                log.debug("result of {} dropped: another node checks it now", result.monitorId());
            } else {
                vantage.follow(from, result); // a probe's, stored already: shown here as on the node that decides
            }
            return;
        }
        outcomes.get(result.outcome()).increment();
        if (vantage.combines(result.monitorId())) {
            // The combined result is the monitor's result: stored, rolled up into its uptime and latency, shown as
            // its newest. A probe's own result is stored by the API that received it, under the probe's name; the
            // server's own is stored here as the point's own (in the same batches), for the other nodes to show.
            if (server) {
                pointLog.accept(from, result);
            }
            vantage.accept(from, result).ifPresent(combined -> {
                resultLog.accept(combined);
                decide(combined);
            });
        } else {
            if (from.equals(dev.lookout.config.VantageConfig.SERVER)) {
                resultLog.accept(result);
            }
            decide(result);
        }
    }

    /**
     * Where the server's own result of a monitor checked from several vantage points is queued for storage (the
     * store's batch writer, with the results), so that the other nodes of a cluster show this point too.
     */
    public void storePointResults(java.util.function.BiConsumer<String, CheckResult> log) {
        this.pointLog = log;
    }

    /**
     * Takes a vantage point's result of a monitor another node decides, as that node stored it (the server's own,
     * or a probe's): shown in {@link #vantagePoints}, never combined nor stored here.
     */
    public void followVantagePoint(String point, CheckResult result) {
        if (!checkedHere.test(result.monitorId())) {
            vantage.follow(point, result);
        }
    }

    /** Which probes are silent now: their votes do not count until they report again. */
    public void silentProbes(java.util.function.Predicate<String> isSilent) {
        vantage.silentProbes(isSilent);
    }

    /** Where a vantage point becoming suspect, or trusted again, is said. */
    public void onVantageSuspicion(VantageVerdicts.Suspicions listener) {
        vantage.suspicions(listener);
    }

    /** Each vantage point of a monitor checked from several, with what it says; empty for the others. */
    public java.util.List<VantageVerdicts.Point> vantagePoints(String monitorId) {
        return vantage.points(monitorId);
    }

    private void decide(CheckResult result) {
        latest.accept(result);
        states.onResult(result);
        MonitorConfig degrading = withDegradation.get(result.monitorId());
        if (degrading != null) {
            degradation.accept(degrading, result).ifPresent(change ->
                    states.degradation(change.monitorId(), change.signal().orElse(null), result.startedAt()));
        }
    }

    /** Whether the monitor's newest result failed (and it is not paused): its dependents' alerts wait for its verdict. */
    public boolean failingNow(String monitorId) {
        return states.state(monitorId) != MonitorState.PAUSED
                && latest.get(monitorId).map(r -> r.outcome().isFailure()).orElse(false);
    }

    /** The current state of every configured monitor. */
    public MonitorStates states() {
        return states;
    }

    /** The newest result of every monitor, in memory. */
    public LatestResults latest() {
        return latest;
    }

    private void changed(StateChange change) {
        stateChanges.accept(change); // the alert engine stores the change with the notifications it causes
        String why = change.cause() == null ? "" : ": " + change.cause().message();
        log.info("monitor {} {} -> {}{}", change.monitorId(), change.from(), change.to(), why);
    }
}
