package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lookout.alert.AckLinks;
import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.AlertInputs;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredHistory;
import dev.lookout.store.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline without a web server or a scheduler: real TCP checks against local sockets, a real
 * SQLite store and the real alert engine writing to its outbox.
 */
class ResultPipelineTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final CheckTypes types = CheckTypes.standard();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = () -> now.get();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @TempDir
    Path dir;
    private ServerSocket listening;
    private int closedPort;
    private LookoutConfig config;
    private Store store;
    private ResultPipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withClock(clock)
                .withFlushInterval(Duration.ofMillis(5)));
        config = config(listening.getLocalPort());
        AlertEngine alerts = new AlertEngine(() -> config, store.alerts(), clock,
                new AckLinks(new byte[32], "https://status.example.com", Duration.ofHours(24)), "node-1",
                AlertInputs.basic(() -> config));
        alerts.start();
        pipeline = new ResultPipeline(types, new CheckContext(new AddressResolver(List.of()), clock), clock, store::append,
                (monitorId, from, to) -> List.of(), alerts::onStateChange, metrics);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        listening.close();
    }

    private LookoutConfig config(int apiPort) throws Exception {
        return new ConfigLoader(types, Channels.standard(), Map.of()).parse("lookout.yaml", """
                monitors:
                  - { id: api, type: tcp, host: 127.0.0.1, port: %d, timeout: 2s, failure_threshold: 1 }
                  - { id: db, type: tcp, host: 127.0.0.1, port: %d, timeout: 2s, failure_threshold: 2 }
                channels:
                  - { id: hook, type: webhook, url: "https://hooks.example.com/lookout" }
                alerting:
                  routes:
                    - { monitors: [api, db], channels: [hook] }
                """.formatted(apiPort, closedPort));
    }

    private MonitorConfig monitor(String id) {
        return config.monitors().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** One check run through the whole pipeline, as the scheduler does it. */
    private CheckResult check(String id) {
        CheckResult result = pipeline.execute(monitor(id));
        pipeline.onResult(result);
        return result;
    }

    private List<NotificationRecord> notifications() {
        store.flush();
        return store.outbox().notifications(null, null, 100).reversed();
    }

    @Test
    void a_refused_connection_takes_a_monitor_down_and_stores_the_results_the_change_and_its_notification()
            throws Exception {
        pipeline.configure(config.monitors(), Map.of());
        CheckResult up = check("api");
        now.set(T0.plusSeconds(30));
        listening.close();
        CheckResult down = check("api");

        assertThat(up.outcome()).isEqualTo(Outcome.OK);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.message()).contains("refused");
        assertThat(pipeline.states().state("api")).isEqualTo(MonitorState.DOWN);
        assertThat(pipeline.latest().get("api")).contains(down);
        assertThat(pipeline.failingNow("api")).isTrue();
        store.flush();
        assertThat(StoredHistory.results(store, "api", 10)).extracting(CheckResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.OK);
        assertThat(StoredHistory.stateChanges(store, "api", 10)).extracting(StateChange::from, StateChange::to, c -> c.cause().message())
                .containsExactly(tuple(MonitorState.UP, MonitorState.DOWN, down.message()),
                        tuple(MonitorState.UNKNOWN, MonitorState.UP, up.message()));
        assertThat(store.lastStates()).containsEntry("api", MonitorState.DOWN);
        assertThat(notifications()).extracting(NotificationRecord::channelId, NotificationRecord::kind)
                .containsExactly(tuple("hook", "DOWN"));
        assertThat(metrics.counter("lookout.check.results", "outcome", "ok").count()).isEqualTo(1);
        assertThat(metrics.counter("lookout.check.results", "outcome", "failed").count()).isEqualTo(1);
    }

    @Test
    void a_failure_below_the_threshold_is_stored_and_failing_now_but_changes_no_state_and_alerts_nobody() {
        pipeline.configure(config.monitors(), Map.of("db", MonitorState.UP));
        CheckResult failed = check("db");

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(pipeline.states().state("db")).isEqualTo(MonitorState.UP);
        assertThat(pipeline.failingNow("db")).as("its dependents' alerts wait for its verdict").isTrue();
        store.flush();
        assertThat(StoredHistory.results(store, "db", 10)).extracting(CheckResult::startedAt, CheckResult::outcome)
                .containsExactly(tuple(failed.startedAt(), Outcome.FAILED));
        assertThat(StoredHistory.stateChanges(store, "db", 10)).isEmpty();
        assertThat(notifications()).isEmpty();
        check("db");
        assertThat(pipeline.states().state("db")).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void a_reload_checks_a_changed_target_and_keeps_the_state_of_the_monitor() throws Exception {
        assertThat(pipeline.configure(config.monitors(), Map.of())).isEqualTo(2);
        check("api");
        config = config(closedPort);
        assertThat(pipeline.configure(config.monitors(), Map.of())).as("only api changed").isEqualTo(1);
        assertThat(pipeline.states().state("api")).isEqualTo(MonitorState.UP);

        CheckResult result = check("api");
        assertThat(result.outcome()).as("the new port is checked").isEqualTo(Outcome.FAILED);
        assertThat(pipeline.states().state("api")).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void a_reload_does_not_count_an_unchanged_heartbeat_monitor_as_changed() throws Exception {
        LookoutConfig withHeartbeat = new ConfigLoader(types, Channels.standard(), Map.of()).parse("lookout.yaml", """
                monitors:
                  - { id: api, type: tcp, host: 127.0.0.1, port: %d, timeout: 2s }
                  - { id: backup, type: heartbeat, uuid: 6f1c7c1e-2e4b-4d0e-9a0b-1f2e3d4c5b6a, schedule: { every: 1m } }
                """.formatted(closedPort));
        assertThat(pipeline.configure(withHeartbeat.monitors(), Map.of())).isEqualTo(2);

        assertThat(pipeline.configure(withHeartbeat.monitors(), Map.of())).as("the same file again").isZero();
    }

    @Test
    void a_result_of_a_paused_monitor_is_stored_but_changes_nothing() throws Exception {
        pipeline.configure(config.monitors(), Map.of());
        LookoutConfig paused = new ConfigLoader(types, Channels.standard(), Map.of()).parse("lookout.yaml", """
                monitors:
                  - { id: db, type: tcp, host: 127.0.0.1, port: %d, timeout: 2s, paused: true }
                """.formatted(closedPort));
        pipeline.configure(paused.monitors(), Map.of());
        CheckResult failed = pipeline.execute(paused.monitors().getFirst());
        pipeline.onResult(failed);

        assertThat(pipeline.states().state("db")).isEqualTo(MonitorState.PAUSED);
        assertThat(pipeline.failingNow("db")).isFalse();
        store.flush();
        assertThat(StoredHistory.results(store, "db", 10)).extracting(CheckResult::startedAt, CheckResult::outcome)
                .containsExactly(tuple(failed.startedAt(), Outcome.FAILED));
        assertThat(StoredHistory.stateChanges(store, "db", 10)).extracting(StateChange::to).containsExactly(MonitorState.PAUSED);
    }

    @Test
    void a_monitor_checked_from_probes_too_moves_on_the_quorum_and_stores_and_rolls_up_the_combined_results() throws Exception {
        LookoutConfig probed = new ConfigLoader(types, Channels.standard(), Map.of()).parse("lookout.yaml", """
                probes: [ { name: probe-eu }, { name: probe-us } ]
                monitors:
                  - { id: api, type: tcp, host: 127.0.0.1, port: %d, timeout: 2s, failure_threshold: 1,
                      vantage: { from: [server, probe-eu, probe-us], quorum: 2 } }
                """.formatted(closedPort));
        config = probed;
        pipeline.configure(probed.monitors(), probed.probes(), null, Map.of());
        List<String> pointResults = new java.util.ArrayList<>();
        pipeline.storePointResults((point, result) -> {
            pointResults.add(point + " " + result.outcome());
            store.appendPointResult(point, result);
        });
        now.set(T0.plusSeconds(1));
        pipeline.onResult("probe-eu", new CheckResult("api", now.get(), Outcome.OK, "connected", dev.lookout.check.Timings
                .totalOnly(900), List.of()));
        assertThat(pipeline.states().state("api")).isEqualTo(MonitorState.UP);
        now.set(T0.plusSeconds(2));
        pipeline.onResult("probe-us", new CheckResult("api", now.get(), Outcome.OK, "connected", dev.lookout.check.Timings
                .totalOnly(900), List.of()));
        now.set(T0.plusSeconds(3));
        CheckResult refused = check("api");
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(pipeline.states().state("api")).as("the server alone: fewer than the quorum").isEqualTo(MonitorState.DEGRADED);
        now.set(T0.plusSeconds(4));
        pipeline.onResult("probe-us", new CheckResult("api", now.get(), Outcome.TIMEOUT, "timed out after 2s",
                dev.lookout.check.Timings.totalOnly(2_000_000), List.of()));
        assertThat(pipeline.states().state("api")).isEqualTo(MonitorState.DOWN);
        assertThat(pipeline.latest().get("api").orElseThrow().message())
                .isEqualTo("failed from server (" + refused.message() + "), probe-us (timed out after 2s); up from probe-eu");
        assertThat(pipeline.vantagePoints("api")).extracting(VantageVerdicts.Point::name).containsExactly("server", "probe-eu",
                "probe-us");
        assertThat(pointResults).as("the server's own result is stored as its point's, for the other nodes")
                .containsExactly("server FAILED");
        store.flush();
        assertThat(StoredHistory.results(store, "api", 10))
                .as("the monitor's results are the combined ones (newest first); probes' own are stored by the API that received them")
                .extracting(CheckResult::startedAt, CheckResult::outcome)
                .containsExactly(tuple(T0.plusSeconds(4), Outcome.FAILED), tuple(refused.startedAt(), Outcome.DEGRADED),
                        tuple(T0.plusSeconds(2), Outcome.OK), tuple(T0.plusSeconds(1), Outcome.OK));
        var uptime = store.summary("api", T0.minusSeconds(3600), T0.plusSeconds(3600));
        assertThat(uptime.count()).as("the combined results are the monitor's uptime").isEqualTo(4);
        assertThat(uptime.failed()).isEqualTo(1);
        assertThat(StoredHistory.stateChanges(store, "api", 10)).extracting(StateChange::to)
                .containsExactly(MonitorState.DOWN, MonitorState.DEGRADED, MonitorState.UP);
    }
}
