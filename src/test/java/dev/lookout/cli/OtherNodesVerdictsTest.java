package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.AlertWrites;
import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.evaluate.StateChange;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node learns of the monitors other nodes check, on two stores sharing one database (the
 * other node writes through its own): the first read is whole, the next ones read only what is
 * new, and a whole read comes again every minute.
 */
class OtherNodesVerdictsTest {
    private static final Instant T0 = Instant.parse("2026-03-10T12:30:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = () -> now.get();
    private Store here;
    private Store there;
    private final LatestResults latest = new LatestResults();
    private final MonitorStates states = new MonitorStates(clock, change -> { });
    private final Set<String> mine = Set.of("own");

    @BeforeEach
    void open() {
        String url = "sqlite:" + dir.resolve("lookout.db");
        here = Stores.open(url, StoreOptions.defaults().withNode("node-a").withClock(clock).withFlushInterval(Duration.ofMillis(20)));
        there = Stores.open(url, StoreOptions.defaults().withNode("node-b").withClock(clock).withFlushInterval(Duration.ofMillis(20)));
        states.configure(List.of(monitor("own"), monitor("api"), monitor("db")), Map.of());
    }

    @AfterEach
    void close() {
        there.close();
        here.close();
    }

    private static MonitorConfig monitor(String id) {
        return new MonitorConfig(id, id, "tcp", "", Duration.ofSeconds(10), Duration.ofSeconds(2), null, 1, 1, false, List.of(),
                null, id);
    }

    private static CheckResult result(String id, Instant at, Outcome outcome) {
        return new CheckResult(id, at, outcome, "", Timings.totalOnly(1_000), List.of());
    }

    private void decidedThere(String id, MonitorState from, MonitorState to) {
        there.alerts().append(new StateChange(id, now.get(), from, to, null), AlertWrites.NONE);
        there.flush();
    }

    private OtherNodesVerdicts follower() {
        return new OtherNodesVerdicts(here, states, latest, () -> List.of("own", "api", "db"), mine::contains, clock);
    }

    @Test
    void reads_everything_first_then_only_what_is_new_and_everything_again_every_minute() {
        there.append(result("api", T0.minusSeconds(10), Outcome.OK));
        there.append(result("own", T0.minusSeconds(5), Outcome.FAILED)); // from before this node took it
        decidedThere("api", MonitorState.UNKNOWN, MonitorState.UP);
        OtherNodesVerdicts follow = follower();

        follow.run();
        assertThat(latest.get("api")).map(CheckResult::startedAt).contains(T0.minusSeconds(10));
        assertThat(latest.get("own")).as("this node's own monitor: its results are its own").isEmpty();
        assertThat(states.state("api")).isEqualTo(MonitorState.UP);

        now.set(T0.plusSeconds(2));
        there.append(result("api", T0.plusSeconds(1), Outcome.FAILED));
        there.append(result("db", T0.plusSeconds(1), Outcome.OK));
        decidedThere("api", MonitorState.UP, MonitorState.DOWN);
        follow.run();
        assertThat(latest.get("api")).map(CheckResult::outcome).contains(Outcome.FAILED);
        assertThat(latest.get("db")).map(CheckResult::startedAt).contains(T0.plusSeconds(1));
        assertThat(states.state("api")).isEqualTo(MonitorState.DOWN);

        // A state written late, decided long before the last read (a node back from a cut): the next whole read has it.
        now.set(T0.plusSeconds(4));
        there.alerts().append(new StateChange("db", T0.minusSeconds(600), MonitorState.UNKNOWN, MonitorState.DOWN, null),
                AlertWrites.NONE);
        there.flush();
        follow.run();
        assertThat(states.state("db")).as("outside the margin of a partial read").isEqualTo(MonitorState.UNKNOWN);
        now.set(T0.plus(OtherNodesVerdicts.FULL_EVERY));
        follow.run();
        assertThat(states.state("db")).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void results_probes_gave_to_another_node_reach_this_nodes_verdicts_for_the_monitors_it_checks_once_each() {
        String url = "sqlite:" + dir.resolve("lookout.db");
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        OtherNodesVerdicts follow = new OtherNodesVerdicts(here, states, latest, () -> List.of("own", "api", "db"),
                mine::contains, clock, name -> name.startsWith("probe-"), (probe, r) -> heard.add(probe + " " + r.monitorId()),
                (point, r) -> { });
        follow.run(); // the first read: whole, and where the cursor starts
        try (Store probeEu = Stores.open(url, StoreOptions.defaults().withNode("probe-eu").withClock(clock)
                .withFlushInterval(Duration.ofMillis(20)))) {
            // What node-b's probe API stores: rows written under the probe's name.
            probeEu.append(result("own", T0.plusSeconds(1), Outcome.FAILED));
            probeEu.append(result("api", T0.plusSeconds(1), Outcome.OK)); // not this node's: its owner hears it
            probeEu.flush();
        }
        there.append(result("own", T0.plusSeconds(1), Outcome.OK)); // a node's, not a probe's
        there.flush();
        now.set(T0.plusSeconds(2));
        follow.run();
        assertThat(heard).containsExactly("probe-eu own");
        now.set(T0.plusSeconds(4));
        follow.run();
        now.set(T0.plus(OtherNodesVerdicts.FULL_EVERY).plusSeconds(5));
        follow.run();
        assertThat(heard).as("read once, also across a whole read").containsExactly("probe-eu own");
    }

    @Test
    void the_vantage_points_of_monitors_checked_elsewhere_are_followed_from_what_was_stored_and_then_what_is_new() {
        there.appendPointResult("server", result("api", T0.minusSeconds(20), Outcome.OK)); // node-b owns api
        there.appendPointResult("server", result("api", T0.minusSeconds(10), Outcome.FAILED));
        there.appendPointResult("server", result("own", T0.minusSeconds(10), Outcome.OK)); // node-b's before own moved here
        there.append(result("api", T0.minusSeconds(10), Outcome.DEGRADED)); // the combined result: the monitor's
        there.flush();
        List<String> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
        OtherNodesVerdicts follow = new OtherNodesVerdicts(here, states, latest, () -> List.of("own", "api", "db"),
                mine::contains, clock, name -> name.startsWith("probe-"), (probe, r) -> { },
                (point, r) -> followed.add(point + " " + r.monitorId() + " " + r.outcome()));
        follow.run();
        assertThat(followed).as("at the first read, the newest stored, oldest first; only of the monitors elsewhere")
                .containsExactly("server api OK", "server api FAILED");
        there.appendPointResult("server", result("api", T0.plusSeconds(1), Outcome.OK));
        there.appendPointResult("server", result("own", T0.plusSeconds(1), Outcome.OK));
        there.flush();
        now.set(T0.plusSeconds(2));
        follow.run();
        assertThat(followed).containsExactly("server api OK", "server api FAILED", "server api OK");
        assertThat(latest.get("api").orElseThrow().outcome()).as("the monitor's newest is its combined result")
                .isEqualTo(Outcome.DEGRADED);
    }
}
