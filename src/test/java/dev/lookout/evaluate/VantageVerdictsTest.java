package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ProbeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14: a monitor's verdict from several vantage points, by quorum, each point confirmed on its own. */
class VantageVerdictsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final VantageVerdicts verdicts = new VantageVerdicts(now::get);
    private final Set<String> silent = new HashSet<>();
    private LookoutConfig config;

    @BeforeEach
    void configure() throws Exception {
        config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("lookout.yaml", """
                probes:
                  - { name: probe-eu, region: eu }
                  - { name: probe-us, region: us }
                monitors:
                  - id: api
                    type: tcp
                    host: 127.0.0.1
                    port: 1
                    interval: 10s
                    timeout: 5s
                    failure_threshold: 2
                    vantage: { from: [server, eu, us], quorum: 2 }
                  - { id: lenient, type: tcp, host: 127.0.0.1, port: 1, failure_threshold: 1,
                      vantage: { from: [server, eu, us], quorum: all, partial: up } }
                  - { id: plain, type: tcp, host: 127.0.0.1, port: 1 }
                """);
        verdicts.configure(config.monitors(), config.probes());
        verdicts.silentProbes(silent::contains);
    }

    private Optional<Outcome> from(String point, String monitor, Outcome outcome) {
        return verdicts.accept(point, result(monitor, outcome)).map(CheckResult::outcome);
    }

    private Optional<CheckResult> said(String point, String monitor, Outcome outcome) {
        return verdicts.accept(point, result(monitor, outcome));
    }

    private CheckResult result(String monitor, Outcome outcome) {
        now.set(now.get().plusMillis(100));
        String message = outcome.isFailure() ? "connection refused" : "connected";
        return new CheckResult(monitor, now.get(), outcome, message, Timings.totalOnly(1_000), List.of());
    }

    @Test
    void only_monitors_with_other_vantage_points_than_the_server_are_combined_and_keep_their_thresholds_per_point() {
        assertThat(verdicts.combines("api")).isTrue();
        assertThat(verdicts.combines("plain")).isFalse();
        assertThat(verdicts.forStateMachine(config.monitor("api").orElseThrow()).failureThreshold()).isEqualTo(1);
        assertThat(verdicts.forStateMachine(config.monitor("plain").orElseThrow()).failureThreshold()).isEqualTo(3);
        assertThat(from("server", "plain", Outcome.FAILED)).as("not combined here").isEmpty();
        assertThat(from("probe-xx", "api", Outcome.FAILED)).as("not one of its vantage points").isEmpty();
    }

    @Test
    void down_needs_a_quorum_of_points_each_confirmed_by_its_own_threshold() {
        assertThat(from("server", "api", Outcome.OK)).as("the only point heard from yet: all of the healthy ones")
                .contains(Outcome.OK);
        assertThat(from("probe-eu", "api", Outcome.OK)).contains(Outcome.OK);
        assertThat(from("probe-us", "api", Outcome.OK)).contains(Outcome.OK);

        assertThat(from("server", "api", Outcome.FAILED)).as("one failure: not confirmed (threshold 2)").contains(Outcome.OK);
        assertThat(from("probe-eu", "api", Outcome.FAILED)).contains(Outcome.OK);
        CheckResult partial = said("server", "api", Outcome.FAILED).orElseThrow();
        assertThat(partial.outcome()).as("the server is DOWN alone: fewer than the quorum").isEqualTo(Outcome.DEGRADED);
        assertThat(partial.message()).isEqualTo("up from probe-eu, probe-us; failed only from server (connection refused)");

        CheckResult down = said("probe-eu", "api", Outcome.FAILED).orElseThrow();
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.message()).isEqualTo("failed from server (connection refused), probe-eu (connection refused);"
                + " up from probe-us");
        assertThat(verdicts.points("api")).extracting(VantageVerdicts.Point::name, VantageVerdicts.Point::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("server", VantageVerdicts.Verdict.DOWN),
                        org.assertj.core.groups.Tuple.tuple("probe-eu", VantageVerdicts.Verdict.DOWN),
                        org.assertj.core.groups.Tuple.tuple("probe-us", VantageVerdicts.Verdict.UP));

        assertThat(from("server", "api", Outcome.OK)).as("back up from the server: 2 up again").contains(Outcome.DEGRADED);
        assertThat(from("probe-eu", "api", Outcome.OK)).contains(Outcome.OK);
    }

    /**
     * Configures {@code count} monitors m0, m1, ... checked from the server and both probes (quorum 2), with the
     * suspect rule of 3 monitors and 50 %; returns where the suspicions are said.
     */
    private List<VantageVerdicts.Suspicion> withSuspectRule(int count, int failureThreshold) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                probes: [ { name: probe-eu }, { name: probe-us } ]
                alerting: { mass_failure: { min_monitors: 3, share: 50% } }
                monitors:
                """);
        for (int i = 0; i < count; i++) {
            yaml.append("  - { id: m%d, type: tcp, host: 127.0.0.1, port: 1, failure_threshold: %d,".formatted(i,
                    failureThreshold) + " vantage: { from: [server, probe-eu, probe-us], quorum: 2 } }\n");
        }
        LookoutConfig parsed = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("lookout.yaml", yaml.toString());
        verdicts.configure(parsed.monitors(), parsed.probes(), parsed.alerting().massFailure());
        List<VantageVerdicts.Suspicion> said = new java.util.ArrayList<>();
        verdicts.suspicions(said::add);
        return said;
    }

    @Test
    void a_node_that_follows_another_nodes_monitor_shows_each_points_verdict_without_combining_or_suspecting() throws Exception {
        List<VantageVerdicts.Suspicion> said = withSuspectRule(3, 2);
        for (int i = 0; i < 3; i++) {
            verdicts.follow("server", result("m" + i, Outcome.OK));
            verdicts.follow("probe-us", result("m" + i, Outcome.OK));
            CheckResult failed = result("m" + i, Outcome.FAILED);
            verdicts.follow("probe-eu", failed);
            verdicts.follow("probe-eu", failed); // read twice: counted once
            verdicts.follow("probe-eu", new CheckResult(failed.monitorId(), failed.startedAt().plusNanos(1), failed.outcome(),
                    failed.message(), failed.timings(), failed.conditions())); // as received, and as stored (to the ms)
            assertThat(verdicts.points("m" + i).get(1).verdict()).as("one failure of the two needed")
                    .isEqualTo(VantageVerdicts.Verdict.UNKNOWN);
            verdicts.follow("probe-eu", result("m" + i, Outcome.FAILED));
        }
        assertThat(verdicts.points("m0")).extracting(VantageVerdicts.Point::name, VantageVerdicts.Point::verdict,
                        VantageVerdicts.Point::healthy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("server", VantageVerdicts.Verdict.UP, true),
                        org.assertj.core.groups.Tuple.tuple("probe-eu", VantageVerdicts.Verdict.DOWN, true),
                        org.assertj.core.groups.Tuple.tuple("probe-us", VantageVerdicts.Verdict.UP, true));
        assertThat(said).as("the owner judges suspects, not a follower").isEmpty();
        assertThat(from("probe-eu", "m0", Outcome.FAILED)).as("taken over: its verdicts go on from what it followed")
                .contains(Outcome.DEGRADED);
    }

    @Test
    void a_silent_or_stale_vantage_point_takes_its_vote_with_it_instead_of_counting_as_failing() {
        from("server", "api", Outcome.OK);
        from("probe-eu", "api", Outcome.OK);
        from("probe-us", "api", Outcome.OK);
        silent.add("probe-us");
        from("server", "api", Outcome.FAILED);
        assertThat(from("server", "api", Outcome.FAILED)).as("server and probe-eu are the healthy ones: 1 of 2 is partial")
                .contains(Outcome.DEGRADED);
        assertThat(verdicts.points("api")).filteredOn(VantageVerdicts.Point::healthy).extracting(VantageVerdicts.Point::name)
                .containsExactly("server", "probe-eu");

        silent.clear();
        // probe-eu and probe-us say nothing for longer than two intervals and the timeout: only the server is healthy.
        now.set(now.get().plus(Duration.ofSeconds(36)));
        assertThat(from("server", "api", Outcome.FAILED)).as("the only healthy point is a quorum of one")
                .contains(Outcome.FAILED);
        assertThat(verdicts.points("api")).filteredOn(VantageVerdicts.Point::healthy).extracting(VantageVerdicts.Point::name)
                .containsExactly("server");
    }

    @Test
    void quorum_all_with_partial_up_and_an_older_replayed_result_changes_nothing() {
        assertThat(from("server", "lenient", Outcome.OK)).contains(Outcome.OK);
        CheckResult late = result("lenient", Outcome.FAILED);
        assertThat(from("probe-eu", "lenient", Outcome.OK)).contains(Outcome.OK);
        assertThat(verdicts.accept("probe-eu", late)).as("older than probe-eu's newest").isEmpty();
        assertThat(from("probe-us", "lenient", Outcome.FAILED)).as("one of three fails: partial is up").contains(Outcome.OK);
        assertThat(from("probe-eu", "lenient", Outcome.FAILED)).as("two of three: not all").contains(Outcome.OK);
        assertThat(said("server", "lenient", Outcome.TIMEOUT).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void a_reload_forgets_points_no_longer_listed() throws Exception {
        from("server", "api", Outcome.OK);
        from("probe-us", "api", Outcome.OK);
        LookoutConfig next = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("lookout.yaml", """
                probes: [ { name: probe-eu, region: eu }, { name: probe-us, region: us } ]
                monitors:
                  - { id: api, type: tcp, host: 127.0.0.1, port: 1, vantage: { from: [server, eu], quorum: 1 } }
                """);
        verdicts.configure(next.monitors(), next.probes());
        assertThat(verdicts.points("api")).extracting(VantageVerdicts.Point::name).containsExactly("server", "probe-eu");
        assertThat(from("probe-us", "api", Outcome.FAILED)).isEmpty();
        assertThat(verdicts.combines("lenient")).isFalse();
    }

    @Test
    void a_point_that_sees_many_monitors_fail_that_the_others_see_up_is_suspect_once_and_its_votes_stop_counting()
            throws Exception {
        List<VantageVerdicts.Suspicion> said = withSuspectRule(6, 1);
        for (int i = 0; i < 6; i++) {
            from("server", "m" + i, Outcome.OK);
            from("probe-eu", "m" + i, Outcome.OK);
            from("probe-us", "m" + i, Outcome.OK);
        }
        // probe-eu's own network breaks: every target fails from it alone.
        assertThat(from("probe-eu", "m0", Outcome.FAILED)).as("alone: partial").contains(Outcome.DEGRADED);
        assertThat(from("probe-eu", "m1", Outcome.FAILED)).contains(Outcome.DEGRADED);
        assertThat(said).isEmpty();
        assertThat(from("probe-eu", "m2", Outcome.FAILED)).as("the third: suspect, its vote no longer counts")
                .contains(Outcome.OK);
        assertThat(said).singleElement().satisfies(s -> {
            assertThat(s.point()).isEqualTo("probe-eu");
            assertThat(s.suspect()).isTrue();
            assertThat(s.alone()).isEqualTo(3);
            assertThat(s.population()).isEqualTo(6);
            assertThat(s.monitors()).containsExactlyInAnyOrder("m0", "m1", "m2");
        });
        assertThat(verdicts.suspects()).containsExactly("probe-eu");
        assertThat(from("probe-eu", "m3", Outcome.FAILED)).contains(Outcome.OK);
        assertThat(from("server", "m0", Outcome.OK)).as("m0 again: up from the points that count").contains(Outcome.OK);
        assertThat(verdicts.points("m0")).filteredOn(VantageVerdicts.Point::healthy).extracting(VantageVerdicts.Point::name)
                .containsExactly("server", "probe-us");
        assertThat(from("server", "m4", Outcome.FAILED)).as("a real failure still needs the quorum of the others")
                .contains(Outcome.DEGRADED);
        assertThat(from("probe-us", "m4", Outcome.FAILED)).contains(Outcome.FAILED);
        assertThat(said).hasSize(1);

        for (int i = 0; i < 4; i++) {
            from("probe-eu", "m" + i, Outcome.OK); // its network is back
        }
        assertThat(said).hasSize(2);
        assertThat(said.get(1).suspect()).isFalse();
        assertThat(said.get(1).point()).isEqualTo("probe-eu");
        assertThat(verdicts.suspects()).isEmpty();
    }

    @Test
    void a_failed_check_names_the_phase_where_it_stopped_when_the_others_got_further() {
        Timings resolvedAndConnected = new Timings(2_000, 9_000, Timings.NONE, 30_000, 31_000);
        Timings noAnswerFromResolver = new Timings(Timings.NONE, Timings.NONE, Timings.NONE, Timings.NONE, 5_000_000);
        Timings refused = new Timings(1_500, Timings.NONE, Timings.NONE, Timings.NONE, 4_000);
        assertThat(VantageVerdicts.stoppedAt(noAnswerFromResolver, List.of(resolvedAndConnected, resolvedAndConnected)))
                .isEqualTo("; stopped at DNS, which the others passed");
        assertThat(VantageVerdicts.stoppedAt(refused, List.of(resolvedAndConnected)))
                .isEqualTo("; stopped at connect, which the others passed");
        assertThat(VantageVerdicts.stoppedAt(refused, List.of(refused))).as("the others stopped there too").isEmpty();
        assertThat(VantageVerdicts.stoppedAt(refused, List.of())).isEmpty();

        for (String point : List.of("server", "probe-us")) {
            now.set(now.get().plusMillis(100));
            verdicts.accept(point, new CheckResult("lenient", now.get(), Outcome.OK, "connected", resolvedAndConnected,
                    List.of()));
        }
        now.set(now.get().plusMillis(100));
        CheckResult partial = verdicts.accept("probe-eu", new CheckResult("lenient", now.get(), Outcome.FAILED,
                "connection refused", refused, List.of())).orElseThrow();
        assertThat(partial.message()).isEqualTo("up from server, probe-us; failed only from probe-eu (connection refused;"
                + " stopped at connect, which the others passed)");
    }

    @Test
    void a_point_whose_phase_takes_far_longer_than_elsewhere_is_named_with_that_phase() {
        Timings usual = new Timings(1_000, 11_000, Timings.NONE, 30_000, 31_000);
        Timings slowConnect = new Timings(1_000, 901_000, Timings.NONE, 920_000, 921_000);
        Timings slowResolver = new Timings(400_000, 410_000, Timings.NONE, 429_000, 430_000);
        assertThat(slowConnect.phaseMicros()).containsExactly(1_000, 900_000, Timings.NONE, 19_000);

        assertThat(VantageVerdicts.slowest(new java.util.LinkedHashMap<>(Map.of("server", usual, "probe-eu", slowConnect,
                "probe-us", usual)))).isEqualTo("; probe-eu slow at connect (900 ms against 10 ms elsewhere)");
        assertThat(VantageVerdicts.slowest(Map.of("server", usual, "probe-us", slowResolver)))
                .isEqualTo("; probe-us slow at DNS (400 ms against 1.0 ms elsewhere)");
        Timings slowTarget = new Timings(1_000, 11_000, Timings.NONE, 2_011_000, 2_012_000);
        assertThat(VantageVerdicts.slowest(Map.of("server", slowTarget, "probe-eu", slowTarget, "probe-us", slowTarget)))
                .as("slow from everywhere: the target, no vantage point to name").isEmpty();
        Timings bitSlower = new Timings(1_000, 40_000, Timings.NONE, 60_000, 61_000);
        assertThat(VantageVerdicts.slowest(Map.of("server", usual, "probe-eu", bitSlower)))
                .as("three times as long but less than 50 ms more: noise").isEmpty();
        assertThat(VantageVerdicts.slowest(Map.of("server", slowConnect))).isEmpty();

        for (var point : List.of(Map.entry("server", usual), Map.entry("probe-eu", slowConnect))) {
            now.set(now.get().plusMillis(100));
            verdicts.accept(point.getKey(), new CheckResult("lenient", now.get(), Outcome.OK, "connected", point.getValue(),
                    List.of()));
        }
        now.set(now.get().plusMillis(100));
        CheckResult up = verdicts.accept("probe-us", new CheckResult("lenient", now.get(), Outcome.OK, "connected", usual,
                List.of())).orElseThrow();
        assertThat(up.message()).isEqualTo("up from server, probe-eu, probe-us; probe-eu slow at connect (900 ms against 10 ms"
                + " elsewhere)");
    }

    @Test
    void at_a_start_the_first_point_to_report_a_failure_waits_for_the_others_until_they_had_time_to_report() {
        assertThat(from("probe-eu", "lenient", Outcome.FAILED)).as("server and probe-us may still disagree").isEmpty();
        assertThat(from("probe-us", "lenient", Outcome.FAILED)).as("quorum all: the server is still to come").isEmpty();
        assertThat(from("server", "lenient", Outcome.FAILED)).contains(Outcome.FAILED);

        assertThat(from("probe-eu", "api", Outcome.OK)).as("an up verdict does not wait").contains(Outcome.OK);
        now.set(now.get().plus(Duration.ofSeconds(40))); // the server never reported: as silent as a stale point now
        from("probe-eu", "api", Outcome.FAILED);
        assertThat(from("probe-eu", "api", Outcome.FAILED))
                .as("probe-us may still be starting or waiting out its backoff: it is waited for up to its silent_after")
                .isEmpty();
        now.set(T0.plus(ProbeConfig.DEFAULT_SILENT_AFTER).plusSeconds(1)); // probe-us never reported either
        assertThat(from("probe-eu", "api", Outcome.FAILED)).as("the only healthy point decides").contains(Outcome.FAILED);
    }
}
