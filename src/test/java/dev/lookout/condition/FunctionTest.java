package dev.lookout.condition;

import static dev.lookout.condition.Evaluations.eval;
import static dev.lookout.condition.Evaluations.of;
import static dev.lookout.condition.Evaluations.passes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionTest {

    @Test
    void len_counts_characters_items_and_keys() {
        assertThat(passes("len(body.$.items) == 3")).isTrue();
        assertThat(passes("len(body.$.queue) == 1")).isTrue();
        assertThat(passes("len(body.$.name) == 3")).isTrue();
        assertThat(passes("len(dns.answers) >= 2", of("dns.answers", List.of("10.0.0.1", "10.0.0.2")))).isTrue();
        assertThat(passes("len(dns.answers) >= 2", of("dns.answers", List.of("10.0.0.1")))).isFalse();
        assertThat(eval("len(body) > 1000").actual()).startsWith("len(body) = ");
    }

    @Test
    void age_of_an_iso_timestamp_uses_the_evaluation_time() {
        // NOW is 12:00:00Z, the body says 11:58:30Z.
        ConditionResult r = eval("age(body.$.stats.updated_at) < 60s");
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("age(body.$.stats.updated_at) = 1m30s");
        assertThat(passes("age(body.$.stats.updated_at) < 2m")).isTrue();
    }

    @Test
    void age_reads_offsets_local_times_dates_http_dates_and_epochs() {
        Map<String, Object> stamps = Map.of(
                "offset", "2025-06-01T13:59:00+02:00",
                "local", "2025-06-01T11:59:00",
                "spaced", "2025-06-01 11:59:00",
                "date", "2025-06-01",
                "http", "Sun, 01 Jun 2025 11:59:00 GMT",
                "seconds", 1_748_779_140L,
                "millis", 1_748_779_140_000L,
                "text_seconds", "1748779140");
        Observation o = of(stamps);
        for (String name : List.of("offset", "local", "spaced", "http", "seconds", "millis", "text_seconds")) {
            assertThat(eval("age(" + name + ") == 1m", o).passed()).as(name + ": " + eval("age(" + name + ") == 1m", o).actual()).isTrue();
        }
        assertThat(passes("age(date) == 12h", o)).isTrue();
    }

    @Test
    void age_of_something_that_is_not_a_timestamp_fails_with_the_reason() {
        ConditionResult r = eval("age(body.$.status) < 1m");
        assertThat(r.passed()).isFalse();
        assertThat(r.actual()).isEqualTo("not a timestamp: ok");
        assertThat(eval("age(body.$.absent) < 1m").actual()).isEqualTo("age(body.$.absent) = missing");
    }

    @Test
    void lower_and_number_convert_text() {
        assertThat(passes("lower(header.content-type) contains \"application/json\"")).isTrue();
        assertThat(passes("lower(status_text) == \"ok\"", of("status_text", "OK"))).isTrue();
        assertThat(passes("number(header.x-count) + 1 == 43")).isTrue();
        assertThat(eval("number(body.$.status) > 1").actual()).isEqualTo("not a number: ok");
    }

    @Test
    void functions_compose() {
        assertThat(passes("len(lower(body.$.name)) == 3")).isTrue();
        assertThat(passes("age(stamp) - 30s < 1m", of("stamp", "2025-06-01T11:59:00Z"))).isTrue();
        assertThat(passes("age(stamp) > 0", of(Map.of("stamp", "2025-06-01T11:59:00Z")))).isTrue();
        assertThat(eval("age(stamp) < 1s", of("stamp", "2025-06-01T12:00:02Z")).actual()).isEqualTo("age(stamp) = -2s");
        assertThat(Duration.ofSeconds(2)).isPositive();
    }
}
