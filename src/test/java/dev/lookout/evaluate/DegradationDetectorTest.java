package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.MonitorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Degradation signals on synthetic result series, with a synthetic hourly history for the baseline. */
class DegradationDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static MonitorConfig monitor(String degradation) throws Exception {
        return new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                monitors:
                  - id: api
                    type: tcp
                    host: 127.0.0.1
                    port: 1
                """ + degradation.indent(4)).monitor("api").orElseThrow();
    }

    /** Seven days of hours whose p95 was 100 ms. */
    private static List<LatencyBaseline.Hour> steadyWeek(String id, Instant from, Instant to) {
        List<LatencyBaseline.Hour> hours = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(new LatencyBaseline.Hour(h, 360, 100));
        }
        return hours;
    }

    private static CheckResult result(Instant at, Outcome outcome, long millis) {
        return new CheckResult("api", at, outcome, outcome.name(), Timings.totalOnly(millis * 1000), List.of());
    }

    /** Feeds one result every 10 s from {@code from} for {@code duration}; returns the changes, in order. */
    private static List<DegradationDetector.Change> feed(DegradationDetector detector, MonitorConfig m, Instant from,
                                                         Duration duration, java.util.function.IntFunction<CheckResult> nth) {
        List<DegradationDetector.Change> changes = new ArrayList<>();
        int n = (int) (duration.toSeconds() / 10);
        for (int i = 0; i < n; i++) {
            detector.accept(m, nth.apply(i)).ifPresent(changes::add);
        }
        return changes;
    }

    @Test
    void a_p95_above_its_baseline_for_the_configured_time_degrades_and_its_return_clears_it() throws Exception {
        MonitorConfig m = monitor("degradation: { latency: { factor: 2, for: 5m, window: 5m, min_samples: 5 } }");
        DegradationDetector detector = new DegradationDetector(new LatencyBaseline(DegradationDetectorTest::steadyWeek));

        assertThat(feed(detector, m, T0, Duration.ofMinutes(30), i -> result(T0.plusSeconds(10L * i), Outcome.OK, 90 + i % 20)))
                .isEmpty();
        Instant slow = T0.plus(Duration.ofMinutes(30));
        List<DegradationDetector.Change> changes = feed(detector, m, slow, Duration.ofMinutes(20),
                i -> result(slow.plusSeconds(10L * i), Outcome.OK, 260 + i % 30));
        assertThat(changes).hasSize(1);
        CheckResult why = changes.getFirst().signal().orElseThrow();
        assertThat(why.outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(why.message()).matches("p95 latency \\d+ ms over 5m is \\d\\.\\dx its baseline of 100 ms, for 5m");
        assertThat(why.conditions()).extracting(ConditionResult::condition).containsExactly("latency.p95 <= 2x baseline (200 ms)");
        // p95 crosses 200 ms once more than 5 % of the 5-minute window is slow (2 of 30), then 5 minutes must pass.
        Instant degradedAt = why.startedAt();
        assertThat(Duration.between(slow, degradedAt)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));

        Instant fast = slow.plus(Duration.ofMinutes(20));
        List<DegradationDetector.Change> back = feed(detector, m, fast, Duration.ofMinutes(10),
                i -> result(fast.plusSeconds(10L * i), Outcome.OK, 100));
        assertThat(back).hasSize(1);
        assertThat(back.getFirst().signal()).isEmpty();
    }

    @Test
    void without_a_baseline_yet_latency_degrades_nothing() throws Exception {
        MonitorConfig m = monitor("degradation: { latency: { factor: 2, for: 0s, window: 1m } }");
        DegradationDetector detector = new DegradationDetector(new LatencyBaseline((id, from, to) -> List.of()));
        assertThat(feed(detector, m, T0, Duration.ofMinutes(10), i -> result(T0.plusSeconds(10L * i), Outcome.OK, 5000)))
                .isEmpty();
    }

    @Test
    void an_error_rate_over_its_threshold_degrades() throws Exception {
        MonitorConfig m = monitor("degradation: { error_rate: { above: 5%, window: 10m, min_samples: 20 } }");
        DegradationDetector detector = new DegradationDetector(new LatencyBaseline((id, from, to) -> List.of()));
        // One failure in 10 results: 10 %.
        List<DegradationDetector.Change> changes = feed(detector, m, T0, Duration.ofMinutes(10),
                i -> result(T0.plusSeconds(10L * i), i % 10 == 9 ? Outcome.FAILED : Outcome.OK, 100));
        assertThat(changes).hasSize(1);
        CheckResult why = changes.getFirst().signal().orElseThrow();
        assertThat(why.message()).startsWith("error rate 10% over 10m (2 of 20 failed)");
        assertThat(why.conditions().getFirst().actual()).isEqualTo("10%");
    }

    @Test
    void a_fast_burn_of_the_error_budget_over_1h_and_5m_degrades() throws Exception {
        MonitorConfig m = monitor("slo: { target: 99.9%, window: 30d }");
        DegradationDetector detector = new DegradationDetector(new LatencyBaseline((id, from, to) -> List.of()));
        // 5 % failures: 50x the 0.1 % budget, over 14.4 on both windows, but only once an hour of data exists.
        List<DegradationDetector.Change> changes = feed(detector, m, T0, Duration.ofMinutes(70),
                i -> result(T0.plusSeconds(10L * i), i % 20 == 7 ? Outcome.FAILED : Outcome.OK, 100));
        assertThat(changes).hasSize(1);
        CheckResult why = changes.getFirst().signal().orElseThrow();
        assertThat(why.message()).matches("SLO 99.9% over 30d: error budget burning 5\\d\\.\\dx over 1h and \\d+\\.\\dx over 5m"
                + " \\(at this rate the budget is gone in 1\\d\\.\\d h\\)");
        assertThat(Duration.between(T0, why.startedAt())).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void a_slow_burn_pages_only_through_the_6h_and_30m_windows() throws Exception {
        MonitorConfig m = monitor("slo: { target: 99.9%, window: 30d }");
        DegradationDetector detector = new DegradationDetector(new LatencyBaseline((id, from, to) -> List.of()));
        // 1 failure in 125 results: 0.8 % = 8x the budget: under 14.4, over 6.
        List<DegradationDetector.Change> changes = feed(detector, m, T0, Duration.ofHours(7),
                i -> result(T0.plusSeconds(10L * i), i % 125 == 3 ? Outcome.FAILED : Outcome.OK, 100));
        assertThat(changes).isNotEmpty();
        assertThat(changes.getFirst().signal().orElseThrow().message()).containsPattern("burning 8\\.\\dx over 6h");
        assertThat(changes.getFirst().signal().orElseThrow().startedAt()).isAfter(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void the_baseline_is_the_median_p95_at_this_hour_of_day_or_of_every_hour_while_young() {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        List<LatencyBaseline.Hour> week = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            for (int h = 0; h < 24; h++) {
                Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(d)).plus(Duration.ofHours(h));
                week.add(new LatencyBaseline.Hour(start, 360, h == 9 ? 300 + d : 100));
            }
        }
        assertThat(LatencyBaseline.compute(week, now)).hasValue(304); // the morning peak, not the daily average
        assertThat(LatencyBaseline.compute(week.subList(0, 30), now)).hasValue(100); // one day and a bit: all hours
        assertThat(LatencyBaseline.compute(week.subList(0, 10), now)).isEmpty();
        assertThat(LatencyBaseline.compute(List.of(new LatencyBaseline.Hour(now.minus(Duration.ofDays(1)), 2, 50),
                new LatencyBaseline.Hour(now.minus(Duration.ofDays(2)), 1, 50), new LatencyBaseline.Hour(now.minus(Duration.ofDays(3)),
                        0, 0)), now)).as("hours with too few results do not count").isEmpty();
    }

    @Test
    void a_degradation_signal_holds_an_up_monitor_degraded_until_cleared_and_never_hides_down() throws Exception {
        MonitorConfig m = monitor("slo: { target: 99%, window: 7d }");
        List<StateChange> changes = new ArrayList<>();
        MonitorStates states = new MonitorStates(() -> T0, changes::add);
        states.configure(List.of(m), Map.of("api", MonitorState.UP));
        CheckResult signal = new CheckResult("api", T0, Outcome.DEGRADED, "SLO burning", Timings.totalOnly(0), List.of());

        assertThat(states.degradation("api", signal, T0)).map(StateChange::to).hasValue(MonitorState.DEGRADED);
        states.onResult(result(T0.plusSeconds(10), Outcome.OK, 100));
        assertThat(states.state("api")).as("an OK result does not clear a signal").isEqualTo(MonitorState.DEGRADED);
        for (int i = 0; i < 3; i++) {
            states.onResult(result(T0.plusSeconds(20 + i), Outcome.FAILED, 100));
        }
        assertThat(states.state("api")).isEqualTo(MonitorState.DOWN);
        states.onResult(result(T0.plusSeconds(30), Outcome.OK, 100));
        assertThat(states.state("api")).as("back from DOWN while the signal holds").isEqualTo(MonitorState.DEGRADED);
        assertThat(changes.getLast().cause()).isSameAs(signal);
        assertThat(states.degradation("api", null, T0.plusSeconds(40))).map(StateChange::to).hasValue(MonitorState.UP);
        assertThat(changes).extracting(StateChange::to).containsExactly(MonitorState.DEGRADED, MonitorState.DOWN,
                MonitorState.DEGRADED, MonitorState.UP);
        assertThat(Optional.ofNullable(changes.getLast().cause())).isEmpty();
    }
}
