package dev.lookout.condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One assertion on an observation, parsed at config load ({@link ConditionParser}) and evaluated
 * after the probe. {@code degraded} conditions turn a failure into DEGRADED instead of DOWN.
 * Two conditions are equal when their text is.
 */
public final class Condition {
    private final String source;
    /** The text the expression's spans point into. */
    private final String parsedText;
    private final Expr expression;
    private final Set<String> subjects;
    private final boolean degraded;

    Condition(String source, String parsedText, Expr expression, Set<String> subjects, boolean degraded) {
        this.source = source;
        this.parsedText = parsedText;
        this.expression = expression;
        this.subjects = Collections.unmodifiableSet(new LinkedHashSet<>(subjects));
        this.degraded = degraded;
    }

    /** The text as written, {@code [degraded]} included. */
    public String source() {
        return source;
    }

    public boolean degraded() {
        return degraded;
    }

    /**
     * Every placeholder the condition reads, in order of appearance ({@code status},
     * {@code header.content-type} with the name in lower case, {@code body.$.a.b}); what the
     * configuration checks against the monitor's type.
     */
    public Set<String> subjects() {
        return subjects;
    }

    /** Evaluates this condition; never throws. {@code now} is what {@code age()} counts to. */
    public ConditionResult evaluate(Observation observation, Instant now) {
        return evaluate(new Scope(observation, now));
    }

    /**
     * Evaluates conditions against one observation, reading each placeholder from it as needed
     * and parsing a JSON body at most once for all of them.
     */
    public static List<ConditionResult> evaluateAll(List<Condition> conditions, Observation observation, Instant now) {
        Scope scope = new Scope(observation, now);
        List<ConditionResult> results = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            results.add(condition.evaluate(scope));
        }
        return results;
    }

    private ConditionResult evaluate(Scope scope) {
        scope.beginCondition();
        if (expression instanceof Expr.Comparison comparison) {
            Object left = comparison.left().eval(scope);
            boolean passed = comparison.test(left, scope);
            return new ConditionResult(source, passed, degraded, actual(comparison.left(), left));
        }
        Object value = expression.eval(scope);
        return new ConditionResult(source, Values.truth(value), degraded, actual(scope.seen(), value));
    }

    /** A plain placeholder on the left shows its value; a computed left side shows what it was computed from. */
    private String actual(Expr left, Object value) {
        if (left instanceof Expr.Placeholder || left instanceof Expr.JsonPathRead || value instanceof Values.Failed) {
            return Values.describe(value);
        }
        return parsedText.substring(left.start(), left.end()) + " = " + Values.describe(value);
    }

    private static String actual(Map<String, Object> seen, Object value) {
        if (seen.isEmpty()) {
            return Values.describe(value);
        }
        StringJoiner out = new StringJoiner(", ");
        seen.forEach((name, v) -> out.add(name + "=" + Values.describe(v)));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.source.equals(source) && c.degraded == degraded;
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
