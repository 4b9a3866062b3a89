package dev.lookout.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final Observation HTTP = placeholder -> Optional.ofNullable(Map.<String, Object>of(
            "status", 503L,
            "latency", Duration.ofMillis(420),
            "body", "{\"status\":\"ok\",\"queue\":{\"depth\":12},\"name\":\"Zoë\"}",
            "header.content-type", "application/json; charset=utf-8").get(placeholder));

    private static ConditionResult eval(String source) throws ConditionSyntaxException {
        return ConditionParser.parse(source).evaluate(HTTP);
    }

    @Test
    void compares_numbers_and_keeps_the_actual_value() throws Exception {
        ConditionResult r = eval("status == 200");
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("503");
        assertThat(eval("status >= 500").passed()).isTrue();
        assertThat(eval("status != 200").passed()).isTrue();
    }

    @Test
    void compares_latency_with_durations() throws Exception {
        assertThat(eval("latency < 800ms").passed()).isTrue();
        assertThat(eval("latency < 300ms").passed()).isFalse();
        assertThat(eval("latency <= 1s").passed()).isTrue();
    }

    @Test
    void status_classes_and_lists() throws Exception {
        assertThat(eval("status in [200, 2xx]").passed()).isFalse();
        assertThat(eval("status in [5xx]").passed()).isTrue();
        assertThat(eval("status == 5xx").passed()).isTrue();
    }

    @Test
    void body_contains_and_matches() throws Exception {
        assertThat(eval("body contains \"status\":\"ok\"").passed()).isTrue();
        assertThat(eval("body contains Welcome").passed()).isFalse();
        assertThat(eval("body matches /\"depth\":\\d+/").passed()).isTrue();
    }

    @Test
    void header_conditions_ignore_the_case_of_the_name() throws Exception {
        assertThat(eval("header Content-Type contains json").passed()).isTrue();
        assertThat(eval("header.Content-Type contains xml").passed()).isFalse();
    }

    @Test
    void json_path_into_the_body() throws Exception {
        assertThat(eval("body.$.status == ok").passed()).isTrue();
        assertThat(eval("body.$.status == \"ok\"").passed()).isTrue();
        assertThat(eval("body.$.queue.depth < 100").passed()).isTrue();
        assertThat(eval("body.$.name == \"Zoë\"").passed()).isTrue();
        ConditionResult missing = eval("body.$.missing == 1");
        assertThat(missing.passed()).isFalse();
    }

    @Test
    void a_missing_value_fails_the_condition() throws Exception {
        ConditionResult r = ConditionParser.parse("status == 200").evaluate(Observation.EMPTY);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void degraded_mark_is_kept_in_the_result() throws Exception {
        Condition c = ConditionParser.parse("latency < 300ms [degraded]");
        assertThat(c.degraded()).isTrue();
        ConditionResult r = c.evaluate(HTTP);
        assertThat(r.passed()).isFalse();
        assertThat(r.degradedOnly()).isTrue();
    }

    @Test
    void syntax_errors_point_at_the_column() {
        assertThatThrownBy(() -> ConditionParser.parse("status === 200")).isInstanceOf(ConditionSyntaxException.class)
                .satisfies(e -> assertThat(((ConditionSyntaxException) e).column()).isEqualTo(8));
        assertThatThrownBy(() -> ConditionParser.parse("latency < fast")).hasMessageContaining("expected a number or a duration after '<'")
                .satisfies(e -> assertThat(((ConditionSyntaxException) e).column()).isEqualTo(11));
        assertThatThrownBy(() -> ConditionParser.parse("body matches /(unclosed/")).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> ConditionParser.parse("status in 200")).hasMessageContaining("expected a list");
        assertThatThrownBy(() -> ConditionParser.parse("")).hasMessageContaining("empty condition");
        assertThatThrownBy(() -> ConditionParser.parse("body.$[[ == 1")).isInstanceOf(ConditionSyntaxException.class);
    }

    @Test
    void durations_parse_and_format() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
        assertThat(Durations.parse("5x")).isEmpty();
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
