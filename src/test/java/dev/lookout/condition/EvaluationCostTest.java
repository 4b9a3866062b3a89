package dev.lookout.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EvaluationCostTest {

    @Test
    void the_body_is_read_and_parsed_once_for_all_conditions_of_a_result() throws Exception {
        AtomicInteger bodyReads = new AtomicInteger();
        Observation observation = placeholder -> {
            if (placeholder.equals("body")) {
                bodyReads.incrementAndGet();
                return Optional.of("{\"a\":1,\"b\":{\"c\":\"x\"}}");
            }
            return Optional.empty();
        };
        List<Condition> conditions = List.of(ConditionParser.parse("body.$.a == 1"), ConditionParser.parse("body.$.b.c == x"),
                ConditionParser.parse("body contains x and len(body.$.b) == 1"));

        List<ConditionResult> results = Condition.evaluateAll(conditions, observation, Evaluations.NOW);

        assertThat(results).extracting(ConditionResult::passed).containsExactly(true, true, true);
        assertThat(bodyReads).hasValue(1);
    }

    @Test
    void each_evaluation_reads_the_observation_afresh() throws Exception {
        Condition condition = ConditionParser.parse("v == 1");
        assertThat(condition.evaluate(Evaluations.of("v", 1L), Evaluations.NOW).passed()).isTrue();
        assertThat(condition.evaluate(Evaluations.of("v", 2L), Evaluations.NOW).passed()).isFalse();
    }
}
