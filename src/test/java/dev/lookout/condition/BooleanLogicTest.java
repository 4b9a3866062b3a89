package dev.lookout.condition;

import static dev.lookout.condition.Evaluations.eval;
import static dev.lookout.condition.Evaluations.passes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BooleanLogicTest {

    @Test
    void and_needs_both_sides() {
        assertThat(passes("status == 503 and latency < 1s")).isTrue();
        assertThat(passes("status == 503 and latency < 1ms")).isFalse();
        assertThat(passes("status == 503 && body.$.ok == true")).isTrue();
    }

    @Test
    void or_needs_one_side() {
        assertThat(passes("status == 200 or latency < 1s")).isTrue();
        assertThat(passes("status == 200 || status == 204")).isFalse();
    }

    @Test
    void and_binds_tighter_than_or_and_parentheses_override_it() {
        // true or (false and false)
        assertThat(passes("status == 503 or status == 200 and latency < 1ms")).isTrue();
        // (true or false) and false
        assertThat(passes("(status == 503 or status == 200) and latency < 1ms")).isFalse();
    }

    @Test
    void not_negates_the_condition_after_it() {
        assertThat(passes("not status == 200")).isTrue();
        assertThat(passes("not (status == 503 and latency < 1s)")).isFalse();
        assertThat(passes("not not status == 503")).isTrue();
        assertThat(passes("not status == 503 or latency < 1s")).isTrue();
    }

    @Test
    void bare_text_ends_at_and_or() {
        assertThat(passes("body.$.status == ok and status == 503")).isTrue();
        assertThat(passes("body contains Welcome or body.$.status == ok")).isTrue();
        assertThat(passes("(body.$.status == ok) and (body contains queue)")).isTrue();
    }

    @Test
    void a_compound_condition_shows_every_value_it_read() {
        ConditionResult r = eval("status == 200 and latency < 1s");
        assertThat(r.passed()).isFalse();
        // "and" stops at the first false side, so only what was read is shown.
        assertThat(r.actual()).isEqualTo("status=503");
        assertThat(eval("status == 200 or latency < 300ms").actual()).isEqualTo("status=503, latency=420ms");
        assertThat(eval("not body.$.ok").actual()).isEqualTo("body.$.ok=true");
    }

    @Test
    void degraded_mark_is_kept_in_the_result() throws Exception {
        Condition c = ConditionParser.parse("latency < 300ms or status == 200 [degraded]");
        assertThat(c.degraded()).isTrue();
        ConditionResult r = c.evaluate(Evaluations.HTTP, Evaluations.NOW);
        assertThat(r.passed()).isFalse();
        assertThat(r.degradedOnly()).isTrue();
        assertThat(r.condition()).isEqualTo("latency < 300ms or status == 200 [degraded]");
    }
}
