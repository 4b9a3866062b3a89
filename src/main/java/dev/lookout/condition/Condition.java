package dev.lookout.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * One assertion on an observation, parsed at config load ({@link ConditionParser}) and evaluated
 * after the probe. {@code degraded} conditions turn a failure into DEGRADED instead of DOWN.
 */
public record Condition(String source, String subject, Operator operator, Literal expected, boolean degraded) {

    /** Evaluates this condition; never throws. */
    public ConditionResult evaluate(Observation observation) {
        Optional<Object> value = Subjects.resolve(subject, observation);
        if (value.isEmpty()) {
            return new ConditionResult(source, false, degraded, "(no value)");
        }
        Object actual = value.get();
        return new ConditionResult(source, holds(actual, operator, expected), degraded, describe(actual));
    }

    private static boolean holds(Object actual, Operator op, Literal expected) {
        return switch (op) {
            case EQ -> equal(actual, expected);
            case NE -> !equal(actual, expected);
            case LT, LE, GT, GE -> compare(actual, expected, op);
            case CONTAINS -> text(actual).contains(expected instanceof Literal.Text t ? t.value() : expected.text());
            case MATCHES -> ((Literal.Regex) expected).pattern().matcher(text(actual)).find();
            case IN -> ((Literal.ListOf) expected).items().stream().anyMatch(item -> equal(actual, item));
        };
    }

    private static boolean equal(Object actual, Literal expected) {
        return switch (expected) {
            case Literal.Number n -> number(actual) != null && number(actual).compareTo(n.value()) == 0;
            case Literal.Time t -> actual instanceof Duration d && d.equals(t.value());
            case Literal.StatusClass c -> number(actual) != null && number(actual).intValue() / 100 == c.hundreds();
            case Literal.Bool b -> String.valueOf(b.value()).equals(text(actual));
            case Literal.Text t -> t.value().equals(text(actual));
            case Literal.Regex r -> r.pattern().matcher(text(actual)).matches();
            case Literal.ListOf l -> l.items().stream().anyMatch(item -> equal(actual, item));
        };
    }

    private static boolean compare(Object actual, Literal expected, Operator op) {
        BigDecimal left;
        BigDecimal right;
        if (expected instanceof Literal.Time t) {
            // A time literal against a number treats the number as milliseconds.
            left = actual instanceof Duration d ? BigDecimal.valueOf(d.toNanos()) : scaled(number(actual), 1_000_000);
            right = BigDecimal.valueOf(t.value().toNanos());
        } else {
            left = actual instanceof Duration d ? BigDecimal.valueOf(d.toNanos()).movePointLeft(6) : number(actual);
            right = ((Literal.Number) expected).value();
        }
        if (left == null) {
            return false;
        }
        int c = left.compareTo(right);
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    private static BigDecimal scaled(BigDecimal n, long factor) {
        return n == null ? null : n.multiply(BigDecimal.valueOf(factor));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Long l) return BigDecimal.valueOf(l);
        if (value instanceof Integer i) return BigDecimal.valueOf(i);
        if (value instanceof Double d) return BigDecimal.valueOf(d);
        if (value instanceof java.lang.Number n) return new BigDecimal(n.toString());
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
    }

    private static String describe(Object actual) {
        String s = actual instanceof Duration d ? d.toMillis() + "ms" : String.valueOf(actual);
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
