package dev.lookout.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ConditionSyntaxTest {

    private static ConditionSyntaxException error(String source) {
        ConditionSyntaxException e = catchThrowableOfType(ConditionSyntaxException.class, () -> ConditionParser.parse(source));
        assertThat(e).as("'%s' is an error", source).isNotNull();
        return e;
    }

    private static void assertError(String source, String message, int column) {
        ConditionSyntaxException e = error(source);
        assertThat(e.getMessage()).as("message for '%s'", source).contains(message);
        assertThat(e.column()).as("column for '%s' (%s)", source, e.getMessage()).isEqualTo(column);
    }

    @Test
    void an_unknown_operator_points_at_the_operator() {
        assertError("status === 200", "unknown operator '===' (one of == != < <= > >= contains matches in)", 8);
        assertError("status = 200", "unknown operator '='", 8);
        assertError("status equals 200", "unknown operator 'equals'", 8);
    }

    @Test
    void an_ordering_needs_a_number_or_a_duration() {
        assertError("latency < fast", "expected a number or a duration after '<'", 11);
        assertError("latency < \"abc\"", "expected a number or a duration after '<'", 11);
        assertError("latency >= true", "expected a number or a duration after '>='", 12);
        assertError("body.$.ok == true < 5", "comparisons cannot be chained; join them with 'and'", 19);
    }

    @Test
    void a_missing_value_is_reported_after_the_operator() {
        assertError("status <", "expected a value after '<'", 9);
        assertError("status == 200 and", "expected a value after 'and'", 18);
        assertError("info.used_memory / ", "expected a value after '/'", 19);
        assertError("", "empty condition", 1);
        assertError("   [degraded]", "empty condition", 1);
    }

    @Test
    void brackets_must_be_closed() {
        assertError("(status == 200", "unclosed '('", 1);
        assertError("status == 200 and (latency < 1s or body contains x", "unclosed '('", 19);
        assertError("len(body > 3", "unclosed '(' of len(", 4);
        assertError("status in [200, 204", "list is not closed with ']'", 11);
        assertError("status in [200,, 204]", "empty list item", 16);
        assertError("body contains \"abc", "string is not closed with '\"'", 15);
        assertError("body matches /abc", "regular expression is not closed with '/'", 14);
        assertError("status == 200)", "unexpected ')' without a '(' to close", 14);
        assertError("body.$[[ == 1", "unclosed '[' in JSONPath", 8);
    }

    @Test
    void unknown_functions_are_named_with_the_known_ones() {
        assertError("lenght(body) > 3", "unknown function 'lenght' (known: len, age, lower, number)", 1);
        assertError("len() > 3", "len() takes one argument", 5);
        assertError("age(body.$.a, 3) < 1s", "age() takes one argument", 13);
        assertError("age(true) < 1s", "age() does not take a condition", 5);
    }

    @Test
    void operators_need_the_right_kind_of_value() {
        assertError("body matches abc", "expected a /regular expression/ after 'matches'", 14);
        assertError("status in 200", "expected a list such as [200, 204] after 'in'", 11);
        assertError("info.used_memory / \"x\" < 0.8", "expected a number or a duration after '/'", 20);
        assertError("status == 200 and 5", "expected a condition after 'and'", 19);
        assertError("not 5", "expected a condition after 'not'", 5);
        assertError("200", "a condition must be true or false", 1);
        assertError("body.$.ok not 5", "expected 'contains', 'matches' or 'in' after 'not'", 15);
    }

    @Test
    void text_after_the_end_is_an_error() {
        assertError("(status == 200) foo", "unexpected 'foo' after the end of the condition", 17);
        assertError("len(body) > 5 and connected foo", "unknown operator 'foo'", 29);
    }

    @Test
    void bad_literals_and_regular_expressions() {
        assertError("latency + 5x < 1s", "'5x' is not a number, a duration (500ms, 30s, 1h30m) or a size (512B, 10KB, 1MiB)", 11);
        assertError("body matches /(unclosed/", "invalid regular expression", 24);
        assertError("body matches /abc/q", "unknown regular expression flag 'q'", 19);
        assertError("header == json", "expected a header name after 'header'", 8);
    }

    @Test
    void columns_count_leading_spaces() {
        assertError("  status <", "expected a value after '<'", 11);
    }

    @Test
    void degraded_mark_is_recognised_at_the_end() throws Exception {
        Condition c = ConditionParser.parse("latency < 300ms [degraded]");
        assertThat(c.degraded()).isTrue();
        assertThat(c.source()).isEqualTo("latency < 300ms [degraded]");
        assertThat(ConditionParser.parse("latency < 300ms").degraded()).isFalse();
    }

    @Test
    void subjects_lists_every_placeholder_read() throws Exception {
        assertThat(Evaluations.subjects("status == 200 and latency < 1s or header Content-Type contains json"))
                .containsExactly("status", "latency", "header.content-type");
        assertThat(Evaluations.subjects("info.used_memory / info.maxmemory < 0.8")).containsExactly("info.used_memory", "info.maxmemory");
        assertThat(Evaluations.subjects("age(body.$.stats.updated_at) < 60s")).containsExactly("body.$.stats.updated_at");
        assertThat(Evaluations.subjects("body.$.status == ok")).containsExactly("body.$.status");
        assertThat(Evaluations.subjects("body.$.code == (status)")).containsExactly("body.$.code", "status");
        assertThat(Evaluations.subjects("len(dns.answers) >= 2")).containsExactly("dns.answers");
    }
}
