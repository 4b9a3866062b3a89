package dev.lookout.condition;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A node of a parsed condition. Each knows the span of text it came from (0-based, end exclusive),
 * its type as far as it is known at load time, and how to evaluate itself. Evaluation never
 * throws: a missing placeholder is a {@link Values.Missing} value, an impossible computation a
 * {@link Values.Failed} one, and a comparison with either is false.
 */
sealed interface Expr {

    /** What a node is known to produce before any observation exists; ANY for placeholders. */
    enum Type {
        BOOLEAN, NUMBER, TIME, TEXT, REGEX, LIST, NULL, STATUS_CLASS, ANY;

        boolean orderable() {
            return this == NUMBER || this == TIME || this == ANY;
        }

        boolean maybeBoolean() {
            return this == BOOLEAN || this == ANY;
        }
    }

    int start();

    int end();

    Type type();

    Object eval(Scope scope);

    /** A literal; {@code text} is what {@code contains} searches for (the literal as written, strings unquoted). */
    record Lit(Object value, Type type, String text, int start, int end) implements Expr {
        @Override
        public Object eval(Scope scope) {
            return value;
        }
    }

    record Placeholder(String name, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.ANY;
        }

        @Override
        public Object eval(Scope scope) {
            return scope.placeholder(name);
        }
    }

    /** {@code body.$.path}: the path is compiled once, at load. */
    record JsonPathRead(String name, JsonPath path, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.ANY;
        }

        @Override
        public Object eval(Scope scope) {
            return scope.json(name, path);
        }
    }

    /** A parenthesised expression, kept so that its text (for actual values) includes the parentheses. */
    record Group(Expr inner, int start, int end) implements Expr {
        @Override
        public Type type() {
            return inner.type();
        }

        @Override
        public Object eval(Scope scope) {
            return inner.eval(scope);
        }
    }

    record ListOf(List<Expr> items, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.LIST;
        }

        @Override
        public Object eval(Scope scope) {
            List<Object> values = new ArrayList<>(items.size());
            for (Expr item : items) {
                values.add(item.eval(scope));
            }
            return values;
        }
    }

    record Negate(Expr operand, int start, int end) implements Expr {
        @Override
        public Type type() {
            return operand.type();
        }

        @Override
        public Object eval(Scope scope) {
            return Values.negate(operand.eval(scope));
        }
    }

    /** {@code + - * / %}. */
    record Arithmetic(char op, Expr left, Expr right, int start, int end) implements Expr {
        @Override
        public Type type() {
            Type l = left.type();
            Type r = right.type();
            if (l == Type.ANY || r == Type.ANY) {
                return Type.ANY;
            }
            if (l == Type.TIME && r == Type.TIME && op == '/') {
                return Type.NUMBER;
            }
            return l == Type.TIME || r == Type.TIME ? Type.TIME : Type.NUMBER;
        }

        @Override
        public Object eval(Scope scope) {
            return Values.arithmetic(op, left.eval(scope), right.eval(scope));
        }
    }

    record Not(Expr operand, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Scope scope) {
            return !Values.truth(operand.eval(scope));
        }
    }

    /** {@code and} / {@code or}, evaluated left to right and only as far as needed. */
    record Logic(boolean and, Expr left, Expr right, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Scope scope) {
            boolean l = Values.truth(left.eval(scope));
            if (l != and) {
                return l;
            }
            return Values.truth(right.eval(scope));
        }
    }

    enum Comparator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains"), MATCHES("matches"), IN("in");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    /** A comparison; {@code negated} for {@code not contains}, {@code not matches}, {@code not in}. */
    record Comparison(Comparator op, boolean negated, Expr left, Expr right, int start, int end) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Scope scope) {
            return test(left.eval(scope), scope);
        }

        /** Whether the comparison holds for an already evaluated left side; false when either side has no value. */
        boolean test(Object l, Scope scope) {
            if (Values.absent(l)) {
                return false;
            }
            Object r = right.eval(scope);
            if (Values.absent(r)) {
                return false;
            }
            boolean holds = switch (op) {
                case EQ -> Values.equal(l, r);
                case NE -> !Values.equal(l, r);
                case LT, LE, GT, GE -> {
                    Integer c = Values.compare(l, r);
                    yield c != null && switch (op) {
                        case LT -> c < 0;
                        case LE -> c <= 0;
                        case GT -> c > 0;
                        default -> c >= 0;
                    };
                }
                case CONTAINS -> contains(l, r);
                case MATCHES -> matches(l, (Pattern) r);
                case IN -> r instanceof List<?> items && Values.anyEqual(l, items);
            };
            return holds != negated;
        }

        private boolean contains(Object l, Object r) {
            if (l instanceof List<?> items) {
                return Values.anyEqual(r, items);
            }
            if (l instanceof Map<?, ?> map) {
                return map.containsKey(Values.text(r));
            }
            String needle = right instanceof Lit lit ? lit.text() : Values.text(r);
            return Values.text(l).contains(needle);
        }

        private static boolean matches(Object l, Pattern p) {
            if (l instanceof List<?> items) {
                return items.stream().anyMatch(item -> !Values.absent(item) && p.matcher(Values.text(item)).find());
            }
            return p.matcher(Values.text(l)).find();
        }
    }

    record Call(Function function, Expr argument, int start, int end) implements Expr {
        @Override
        public Type type() {
            return function.type;
        }

        @Override
        public Object eval(Scope scope) {
            return function.apply(argument.eval(scope), scope.now());
        }
    }
}
