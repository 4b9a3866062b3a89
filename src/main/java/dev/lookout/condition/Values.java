package dev.lookout.condition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The semantics of the condition language's values: what equals what, what orders how, and how
 * a value is shown as a condition's actual value. Numbers are {@link BigDecimal} (so 200 equals
 * 200.0), times {@link Duration}, text {@link String}; a number compared with a time counts as
 * milliseconds.
 */
final class Values {
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

    /** A placeholder without a value; {@code reason} is what the actual value says. */
    record Missing(String reason) {
        static final Missing VALUE = new Missing("missing");
    }

    /** An evaluation that could not produce a value (division by zero, text in arithmetic). */
    record Failed(String reason) {
    }

    /** JSON {@code null}, and the literal {@code null}. */
    enum Null { NULL }

    /** {@code 2xx}: any HTTP status from 200 to 299. */
    record StatusClass(int hundreds) {
        @Override
        public String toString() {
            return hundreds + "xx";
        }
    }

    private Values() {
    }

    static boolean absent(Object v) {
        return v instanceof Missing || v instanceof Failed;
    }

    /** What an observation returned, in the language's types. */
    static Object normalize(Object raw) {
        return switch (raw) {
            case null -> Null.NULL;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d -> d.isNaN() || d.isInfinite() ? String.valueOf(d) : BigDecimal.valueOf(d);
            case Float f -> f.isNaN() || f.isInfinite() ? String.valueOf(f) : new BigDecimal(f.toString());
            case BigDecimal d -> d;
            case java.math.BigInteger b -> new BigDecimal(b);
            case Number n -> new BigDecimal(n.toString());
            case List<?> list -> list.stream().map(Values::normalize).toList();
            default -> raw;
        };
    }

    /** The value as a number, when it is one or is text that reads as one; else null. */
    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof String s && !s.isEmpty() && s.length() < 100) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String text(Object v) {
        return switch (v) {
            case Duration d -> Durations.format(d);
            case BigDecimal d -> d.toPlainString();
            case Null n -> "null";
            default -> String.valueOf(v);
        };
    }

    static boolean truth(Object v) {
        return v instanceof Boolean b ? b : v instanceof String s && s.equals("true");
    }

    /** {@code ==}: numbers numerically, times as times (a number as milliseconds), else as text. */
    static boolean equal(Object a, Object b) {
        if (absent(a) || absent(b)) {
            return false;
        }
        if (a instanceof StatusClass || a instanceof Pattern) {
            return equalTo(b, a);
        }
        return equalTo(a, b);
    }

    private static boolean equalTo(Object a, Object b) {
        return switch (b) {
            case StatusClass c -> number(a) != null && number(a).intValue() / 100 == c.hundreds();
            case Pattern p -> p.matcher(text(a)).matches();
            case List<?> items when a instanceof List<?> list -> list.size() == items.size()
                    && java.util.stream.IntStream.range(0, list.size()).allMatch(i -> equal(list.get(i), items.get(i)));
            case List<?> items -> anyEqual(a, items);
            case Null n -> a == Null.NULL;
            case Boolean bool -> String.valueOf(bool).equals(text(a));
            case BigDecimal n when a instanceof Duration d -> compareMillis(d, n) == 0;
            case BigDecimal n -> number(a) != null && number(a).compareTo(n) == 0;
            case Duration d when a instanceof BigDecimal n -> compareMillis(d, n) == 0;
            case Duration d -> d.equals(a);
            case String s -> s.equals(text(a));
            default -> a == Null.NULL ? false : Objects.equals(a, b) || text(b).equals(text(a));
        };
    }

    static boolean anyEqual(Object a, List<?> items) {
        for (Object item : items) {
            if (equal(a, item)) {
                return true;
            }
        }
        return false;
    }

    /** Orders numbers and times; null when the two cannot be ordered (text, missing values). */
    static Integer compare(Object a, Object b) {
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.compareTo(y);
        }
        if (a instanceof Duration x) {
            BigDecimal n = number(b);
            return n == null ? null : compareMillis(x, n);
        }
        if (b instanceof Duration y) {
            BigDecimal n = number(a);
            return n == null ? null : -compareMillis(y, n);
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x == null || y == null ? null : x.compareTo(y);
    }

    private static int compareMillis(Duration d, BigDecimal millis) {
        return BigDecimal.valueOf(d.toNanos()).compareTo(millis.multiply(NANOS_PER_MILLI));
    }

    static BigDecimal millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).divide(NANOS_PER_MILLI, MathContext.DECIMAL64);
    }

    static Duration duration(BigDecimal millis) {
        return Duration.ofNanos(millis.multiply(NANOS_PER_MILLI).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Arithmetic on numbers and times; a {@link Failed} value when the operands do not allow it. */
    static Object arithmetic(char op, Object a, Object b) {
        if (absent(a)) {
            return a;
        }
        if (absent(b)) {
            return b;
        }
        try {
            if (a instanceof Duration || b instanceof Duration) {
                return timeArithmetic(op, a, b);
            }
            BigDecimal x = number(a);
            BigDecimal y = number(b);
            if (x == null || y == null) {
                return new Failed("cannot compute " + describe(a) + " " + op + " " + describe(b) + ": not a number");
            }
            return numeric(op, x, y);
        } catch (ArithmeticException e) {
            return new Failed("overflow");
        }
    }

    private static Object numeric(char op, BigDecimal x, BigDecimal y) {
        if ((op == '/' || op == '%') && y.signum() == 0) {
            return new Failed("division by zero");
        }
        return switch (op) {
            case '+' -> x.add(y);
            case '-' -> x.subtract(y);
            case '*' -> x.multiply(y);
            case '/' -> x.divide(y, MathContext.DECIMAL64);
            default -> x.remainder(y);
        };
    }

    private static Object timeArithmetic(char op, Object a, Object b) {
        BigDecimal x = a instanceof Duration d ? millis(d) : number(a);
        BigDecimal y = b instanceof Duration d ? millis(d) : number(b);
        if (x == null || y == null) {
            return new Failed("cannot compute " + describe(a) + " " + op + " " + describe(b) + ": not a number or a time");
        }
        Object result = numeric(op, x, y);
        if (result instanceof Failed) {
            return result;
        }
        boolean bothTimes = a instanceof Duration && b instanceof Duration;
        // A time divided by a time is a ratio; every other mix stays a time (numbers count as milliseconds).
        return op == '/' && bothTimes ? result : duration((BigDecimal) result);
    }

    static Object negate(Object v) {
        if (v instanceof Duration d) {
            return d.negated();
        }
        BigDecimal n = number(v);
        return absent(v) ? v : n == null ? new Failed("cannot negate " + describe(v)) : n.negate();
    }

    /** How a value reads in a result's actual value, at most 200 characters. */
    static String describe(Object v) {
        String s = switch (v) {
            case Missing m -> m.reason();
            case Failed f -> f.reason();
            case Duration d -> describe(d);
            case BigDecimal n -> describe(n);
            case List<?> list -> list.stream().map(Values::describe).toList().toString();
            case Map<?, ?> map -> String.valueOf(map);
            case Pattern p -> "/" + p.pattern() + "/";
            default -> text(v);
        };
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static String describe(BigDecimal n) {
        BigDecimal shown = n.scale() > 6 ? n.setScale(6, RoundingMode.HALF_UP) : n;
        shown = shown.scale() > 0 ? shown.stripTrailingZeros() : shown;
        return shown.toPlainString();
    }

    /** {@code 420ms}, {@code 1.5s}, {@code 2m5s}, {@code 3h2m}, {@code 2d3h}. */
    static String describe(Duration d) {
        if (d.isNegative()) {
            return "-" + describe(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                out.append(ms / sizes[i]).append(units[i]);
                if (i + 1 < sizes.length && ms % sizes[i] >= sizes[i + 1]) {
                    out.append(ms % sizes[i] / sizes[i + 1]).append(units[i + 1]);
                }
                break;
            }
        }
        return out.toString();
    }
}
