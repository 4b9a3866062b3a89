package dev.lookout.condition;

import static dev.lookout.condition.Evaluations.eval;
import static dev.lookout.condition.Evaluations.of;
import static dev.lookout.condition.Evaluations.passes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void compares_numbers_and_keeps_the_actual_value() {
        ConditionResult r = eval("status == 200");
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("503");
        assertThat(passes("status >= 500")).isTrue();
        assertThat(passes("status != 200")).isTrue();
        assertThat(passes("status==503")).isTrue();
        assertThat(passes("status > 503")).isFalse();
        assertThat(passes("status <= 503")).isTrue();
    }

    @Test
    void numbers_are_equal_whatever_their_scale() {
        assertThat(passes("status == 503.0")).isTrue();
        assertThat(passes("body.$.ratio == 0.50")).isTrue();
        assertThat(passes("ratio == 1", of("ratio", 1.0))).isTrue();
        assertThat(passes("body.$.ratio == 50%")).isTrue();
    }

    @Test
    void durations_compare_with_durations_and_numbers_as_milliseconds() {
        assertThat(passes("latency < 800ms")).isTrue();
        assertThat(passes("latency < 300ms")).isFalse();
        assertThat(passes("latency <= 1s")).isTrue();
        assertThat(passes("latency < 800")).isTrue();
        assertThat(passes("latency > 420")).isFalse();
        assertThat(passes("latency == 420")).isTrue();
        assertThat(passes("latency == 420ms")).isTrue();
        assertThat(passes("latency < 0.5s")).isTrue();
        assertThat(passes("age < 1h30m", of("age", Duration.ofMinutes(89)))).isTrue();
        assertThat(passes("age < 1h30m", of("age", Duration.ofMinutes(91)))).isFalse();
        assertThat(eval("latency < 300ms").actual()).isEqualTo("420ms");
    }

    @Test
    void sizes_are_bytes_in_powers_of_1000_or_1024() {
        assertThat(passes("mem == 10KB", of("mem", 10_000L))).isTrue();
        assertThat(passes("mem == 10KiB", of("mem", 10_240L))).isTrue();
        assertThat(passes("mem < 1MB", of("mem", 999_999L))).isTrue();
        assertThat(passes("mem < 1MiB", of("mem", 1_048_576L))).isFalse();
        assertThat(passes("mem >= 2GB", of("mem", 2_000_000_000L))).isTrue();
        assertThat(passes("mem == 512B", of("mem", 512L))).isTrue();
    }

    @Test
    void status_classes_and_lists() {
        assertThat(passes("status in [200, 2xx]")).isFalse();
        assertThat(passes("status in [5xx]")).isTrue();
        assertThat(passes("status == 5xx")).isTrue();
        assertThat(passes("status != 5xx")).isFalse();
        assertThat(passes("status not in [200, 204]")).isTrue();
        assertThat(passes("status in []")).isFalse();
    }

    @Test
    void text_that_reads_as_a_number_compares_as_one() {
        assertThat(passes("header.x-count > 40")).isTrue();
        assertThat(passes("header.x-count == 42.0")).isTrue();
        assertThat(passes("header.x-count == \"42\"")).isTrue();
        assertThat(passes("header.content-type > 3")).isFalse();
    }

    @Test
    void body_contains_and_matches() {
        assertThat(passes("body contains \"status\":\"ok\"")).isTrue();
        assertThat(passes("body contains Welcome")).isFalse();
        assertThat(passes("body not contains Welcome")).isTrue();
        assertThat(passes("body matches /\"depth\":\\d+/")).isTrue();
        assertThat(passes("body matches /\"STATUS\"/")).isFalse();
        assertThat(passes("body matches /\"STATUS\"/i")).isTrue();
        assertThat(passes("body not matches /error/")).isTrue();
        assertThat(passes("body.$.status == /o./")).isTrue();
        assertThat(passes("body.$.status == /o/")).isFalse();
    }

    @Test
    void strings_take_escapes() {
        assertThat(passes("body contains \"\\\"name\\\":\\\"Zoë\\\"\"")).isTrue();
        assertThat(passes("text == \"a\\\\b\"", of("text", "a\\b"))).isTrue();
        assertThat(passes("text == \" padded \"", of("text", " padded "))).isTrue();
    }

    @Test
    void header_conditions_ignore_the_case_of_the_name() {
        assertThat(passes("header Content-Type contains json")).isTrue();
        assertThat(passes("header.Content-Type contains xml")).isFalse();
    }

    @Test
    void json_path_into_the_body() {
        assertThat(passes("body.$.status == ok")).isTrue();
        assertThat(passes("body.$.status == \"ok\"")).isTrue();
        assertThat(passes("body.$.queue.depth < 100")).isTrue();
        assertThat(passes("body.$.name == \"Zoë\"")).isTrue();
        assertThat(passes("body.$.ok == true")).isTrue();
        assertThat(passes("body.$.ok")).isTrue();
        assertThat(passes("body.$.nothing == null")).isTrue();
        assertThat(passes("body.$.items.length() == 3")).isTrue();
        assertThat(passes("body.$['queue']['depth'] == 12")).isTrue();
        assertThat(passes("body.$.items[?(@ > 1)] contains 3")).isTrue();
        ConditionResult missing = eval("body.$.missing == 1");
        assertThat(missing.passed()).isFalse();
        assertThat(missing.actual()).isEqualTo("missing");
        assertThat(eval("body.$.status == ok").actual()).isEqualTo("ok");
    }

    @Test
    void a_body_that_is_not_json_has_no_json_values() {
        ConditionResult r = eval("body.$.status == ok", of("body", "<html>"));
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("missing (body is not JSON)");
    }

    @Test
    void a_missing_value_fails_every_comparison() throws Exception {
        for (String c : List.of("status == 200", "status != 200", "status < 1", "status contains 2", "status in [200]",
                "status not in [200]", "status not contains 2", "status matches /x/", "status == null")) {
            ConditionResult r = ConditionParser.parse(c).evaluate(Observation.EMPTY, Evaluations.NOW);
            assertThat(r.passed()).as(c).isFalse();
            assertThat(r.actual()).as(c).isEqualTo("missing");
        }
    }

    @Test
    void lists_from_the_observation() {
        var dns = of(Map.of("dns.answers", List.of("10.0.0.1", "10.0.0.2"), "dns.rcode", "NOERROR"));
        assertThat(passes("dns.answers contains \"10.0.0.1\"", dns)).isTrue();
        assertThat(passes("dns.answers contains 10.0.0.2", dns)).isTrue();
        assertThat(passes("dns.answers contains 10.0.0.3", dns)).isFalse();
        assertThat(passes("dns.answers not contains 10.0.0.3", dns)).isTrue();
        assertThat(passes("dns.answers matches /^10\\.0\\.0\\.2$/", dns)).isTrue();
        assertThat(passes("dns.answers == [\"10.0.0.1\", \"10.0.0.2\"]", dns)).isTrue();
        assertThat(passes("dns.rcode == NOERROR", dns)).isTrue();
        assertThat(eval("dns.answers contains 10.0.0.3", dns).actual()).isEqualTo("[10.0.0.1, 10.0.0.2]");
        assertThat(passes("ports contains 443", of("ports", List.of(80L, 443L)))).isTrue();
    }

    @Test
    void booleans_compare_with_true_and_false() {
        assertThat(passes("connected == true", of("connected", true))).isTrue();
        assertThat(passes("connected", of("connected", true))).isTrue();
        assertThat(passes("connected", of("connected", false))).isFalse();
        assertThat(passes("not connected", of("connected", false))).isTrue();
    }

    @Test
    void a_placeholder_on_the_right_is_written_in_parentheses() {
        var o = of(Map.of("row.primary", 10L, "row.replica", 10L, "row.name", "primary"));
        assertThat(passes("row.primary == (row.replica)", o)).isTrue();
        assertThat(passes("row.name == row.replica", o)).isFalse();
        assertThat(passes("row.name == primary", o)).isTrue();
    }
}
