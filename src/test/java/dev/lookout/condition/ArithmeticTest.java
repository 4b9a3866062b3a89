package dev.lookout.condition;

import static dev.lookout.condition.Evaluations.eval;
import static dev.lookout.condition.Evaluations.of;
import static dev.lookout.condition.Evaluations.passes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
    private static final Observation REDIS = of(Map.of("info.used_memory", 930L, "info.maxmemory", "1000",
            "info.zero", 0L, "info.role", "master"));

    @Test
    void computes_a_ratio_and_shows_it_as_the_actual_value() {
        ConditionResult r = eval("info.used_memory / info.maxmemory < 0.8", REDIS);
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("info.used_memory / info.maxmemory = 0.93");
        assertThat(passes("info.used_memory / info.maxmemory < 95%", REDIS)).isTrue();
    }

    @Test
    void multiplication_binds_tighter_than_addition() {
        assertThat(passes("1 + 2 * 3 == 7", REDIS)).isTrue();
        assertThat(passes("(1 + 2) * 3 == 9", REDIS)).isTrue();
        assertThat(passes("10 - 2 - 3 == 5", REDIS)).isTrue();
        assertThat(passes("12 / 2 / 3 == 2", REDIS)).isTrue();
        assertThat(passes("7 % 4 == 3", REDIS)).isTrue();
        assertThat(passes("-info.used_memory < 0", REDIS)).isTrue();
        assertThat(passes("info.used_memory == -(-930)", REDIS)).isTrue();
        assertThat(passes("status == -1", of("status", -1L))).isTrue();
    }

    @Test
    void division_by_zero_fails_the_condition_and_says_so() {
        ConditionResult r = eval("info.used_memory / info.zero < 0.8", REDIS);
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("division by zero");
        assertThat(eval("info.used_memory / info.zero < 0.8 or info.used_memory > 1", REDIS).passed()).isTrue();
    }

    @Test
    void arithmetic_on_text_fails_the_condition() {
        ConditionResult r = eval("info.role * 2 > 1", REDIS);
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).contains("not a number");
    }

    @Test
    void arithmetic_with_a_missing_value_is_missing() {
        ConditionResult r = eval("info.absent + 1 > 0", REDIS);
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("info.absent + 1 = missing");
    }

    @Test
    void durations_add_up_and_numbers_count_as_milliseconds() {
        assertThat(passes("latency - timing.first_byte < 100ms")).isFalse();
        assertThat(passes("latency * 2 < 1s")).isTrue();
        assertThat(passes("latency + 100 == 520ms")).isTrue();
        assertThat(passes("latency / 2 == 210ms")).isTrue();
        assertThat(passes("latency / 840ms == 0.5")).isTrue();
        assertThat(passes("latency < 2 * 300ms")).isTrue();
        assertThat(eval("latency * 3 < 1s").actual()).isEqualTo("latency * 3 = 1.26s");
    }

    @Test
    void sizes_and_percentages_are_plain_numbers() {
        assertThat(passes("info.used_memory < 1KB", REDIS)).isTrue();
        assertThat(passes("info.used_memory * 2 < 2KiB", REDIS)).isTrue();
        assertThat(passes("info.used_memory / 1000 == 93%", REDIS)).isTrue();
    }
}
