package dev.lookout.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.probe.SecondOpinions.Opinion;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the probes say of the monitors a mass-failure guard holds, and how often the held list is read. */
class SecondOpinionsTest {
    private static final Instant TRIPPED = Instant.parse("2026-12-07T10:00:00Z");
    private final Map<String, Instant> held = new HashMap<>(Map.of("shop", TRIPPED));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final SecondOpinions opinions = new SecondOpinions(() -> {
        reads.incrementAndGet();
        return held;
    }, nanos::get);

    private static CheckResult result(String monitor, long secondsAfterTrip, Outcome outcome) {
        return new CheckResult(monitor, TRIPPED.plusSeconds(secondsAfterTrip), outcome, outcome.name(),
                new Timings(Timings.NONE, Timings.NONE, Timings.NONE, Timings.NONE, 1_000), java.util.List.of());
    }

    @Test
    void no_answer_is_no_opinion_and_answers_from_before_the_trip_do_not_count() {
        assertThat(opinions.of("shop", TRIPPED)).isEqualTo(Opinion.NONE);
        opinions.heard("probe-eu", result("shop", -5, Outcome.OK));
        assertThat(opinions.of("shop", TRIPPED)).isEqualTo(Opinion.NONE);
    }

    @Test
    void every_probe_seeing_it_fail_is_down_and_most_reaching_it_is_up() {
        opinions.heard("probe-eu", result("shop", 1, Outcome.FAILED));
        opinions.heard("probe-us", result("shop", 2, Outcome.TIMEOUT));
        assertThat(opinions.of("shop", TRIPPED)).isEqualTo(Opinion.DOWN);

        opinions.heard("probe-us", result("shop", 3, Outcome.OK));
        assertThat(opinions.of("shop", TRIPPED)).as("one up, one down").isEqualTo(Opinion.SPLIT);
        opinions.heard("probe-ap", result("shop", 3, Outcome.DEGRADED));
        assertThat(opinions.of("shop", TRIPPED)).as("a slow answer still reaches it").isEqualTo(Opinion.UP);
        assertThat(opinions.views("shop", TRIPPED)).isEqualTo(Map.of("probe-eu", false, "probe-us", true, "probe-ap", true));
    }

    @Test
    void an_older_result_arriving_late_does_not_replace_a_newer_one() {
        opinions.heard("probe-eu", result("shop", 5, Outcome.OK));
        opinions.heard("probe-eu", result("shop", 4, Outcome.FAILED));
        assertThat(opinions.of("shop", TRIPPED)).isEqualTo(Opinion.UP);
    }

    @Test
    void monitors_not_held_are_not_kept_and_the_held_list_is_read_at_most_every_two_seconds() {
        opinions.heard("probe-eu", result("other", 1, Outcome.FAILED));
        assertThat(opinions.of("other", TRIPPED)).isEqualTo(Opinion.NONE);
        assertThat(opinions.isAsked("shop")).isTrue();
        assertThat(reads).hasValue(1);

        held.clear();
        nanos.addAndGet(1_000_000_000L);
        assertThat(opinions.isAsked("shop")).as("read a second ago").isTrue();
        nanos.addAndGet(1_000_000_000L);
        assertThat(opinions.isAsked("shop")).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void a_failed_read_keeps_the_last_list() {
        SecondOpinions failing = new SecondOpinions(new java.util.function.Supplier<>() {
            private boolean first = true;

            @Override
            public Map<String, Instant> get() {
                if (first) {
                    first = false;
                    return Map.of("shop", TRIPPED);
                }
                throw new IllegalStateException("database away");
            }
        }, nanos::get);
        assertThat(failing.asked()).containsKey("shop");
        nanos.addAndGet(5_000_000_000L);
        assertThat(failing.asked()).containsKey("shop");
    }
}
