package dev.lookout.condition;

import static dev.lookout.condition.Evaluations.eval;
import static dev.lookout.condition.Evaluations.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions written for the single-comparison parser (README, docs, examples) mean what they meant. */
class CompatibilityTest {
    private static final Observation HEALTH = of(Map.of(
            "status", 200L,
            "latency", Duration.ofMillis(250),
            "timing.first_byte", Duration.ofMillis(180),
            "timing.tls", Duration.ofMillis(90),
            "body", "{\"status\":\"ok\",\"version\": \"2.4.1\",\"checks\":{\"database\":{\"healthy\":true}},"
                    + "\"queue\":[1,2],\"date\":\"2024-01-01\",\"text\":\"Example Domain\"}",
            "header.content-type", "application/json",
            "header.cache-control", "public, max-age=60",
            "url", "https://api.example.com/health",
            "reply", "220 mail.example.com ESMTP ready"));

    private static void holds(String condition) {
        ConditionResult r = eval(condition, HEALTH);
        assertThat(r.passed()).as("%s (actual: %s)", condition, r.actual()).isTrue();
    }

    private static void fails(String condition) {
        assertThat(eval(condition, HEALTH).passed()).as(condition).isFalse();
    }

    @Test
    void the_readme_examples_hold_for_a_healthy_answer() {
        holds("status == 200");
        holds("status in [200, 204, 3xx]");
        holds("status != 5xx");
        holds("latency < 300ms [degraded]");
        holds("latency <= 800");
        holds("timing.first_byte < 1s");
        holds("timing.tls < 200ms");
        holds("body contains Example Domain");
        holds("body matches /\"version\":\\s*\"2\\./");
        holds("body.$.status == ok");
        holds("body.$.checks.database.healthy == true");
        holds("body.$.queue.length() < 100");
        holds("header Content-Type contains json");
        holds("header.cache-control matches /max-age=\\d+/");
        holds("url == https://api.example.com/health");
        holds("reply contains ESMTP");
        holds("status < 400");
        holds("latency < 2s [degraded]");
    }

    @Test
    void bare_text_runs_to_the_end_as_before() {
        holds("body.$.text == Example Domain");
        holds("body contains \"status\":\"ok\"");
        holds("body.$.version == 2.4.1");
        holds("body.$.date == 2024-01-01");
        fails("body contains 2 apples");
        holds("status == 200 ");
        holds("status==200");
        holds("status in [200,204]");
        holds("status in [ok, 200]");
    }

    @Test
    void quoted_text_keeps_its_spaces_and_is_not_a_number() {
        assertThat(eval("v == \"1.0\"", of("v", "1.0")).passed()).isTrue();
        assertThat(eval("v == \"1.0\"", of("v", "1")).passed()).isFalse();
        assertThat(eval("v == 1.0", of("v", "1")).passed()).isTrue();
    }

    @Test
    void a_word_after_the_operator_is_text_even_if_it_names_a_placeholder() {
        assertThat(eval("v == status", of(Map.of("v", "status", "status", 200L))).passed()).isTrue();
    }
}
