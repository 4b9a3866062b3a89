package dev.lookout.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The functions of the condition language; each takes one argument. */
enum Function {
    /** Characters of text, items of a list, keys of a JSON object. */
    LEN("len", Expr.Type.NUMBER) {
        @Override
        Object compute(Object v, Instant now) {
            return switch (v) {
                case List<?> list -> BigDecimal.valueOf(list.size());
                case Map<?, ?> map -> BigDecimal.valueOf(map.size());
                default -> BigDecimal.valueOf(Values.text(v).codePointCount(0, Values.text(v).length()));
            };
        }
    },
    /** How long ago a timestamp was: ISO-8601, HTTP date, or epoch seconds (milliseconds above 10^12). */
    AGE("age", Expr.Type.TIME) {
        @Override
        Object compute(Object v, Instant now) {
            return instant(v).<Object>map(then -> Duration.between(then, now))
                    .orElseGet(() -> new Values.Failed("not a timestamp: " + Values.describe(v)));
        }
    },
    LOWER("lower", Expr.Type.TEXT) {
        @Override
        Object compute(Object v, Instant now) {
            return Values.text(v).toLowerCase(Locale.ROOT);
        }
    },
    /** Text that reads as a number, as a number (a JSON string "42", a header). */
    NUMBER("number", Expr.Type.NUMBER) {
        @Override
        Object compute(Object v, Instant now) {
            BigDecimal n = v instanceof Duration d ? Values.millis(d) : Values.number(v);
            return n != null ? n : new Values.Failed("not a number: " + Values.describe(v));
        }
    };

    private static final BigDecimal EPOCH_MILLIS_ABOVE = BigDecimal.TEN.pow(12);

    final String name;
    final Expr.Type type;

    Function(String name, Expr.Type type) {
        this.name = name;
        this.type = type;
    }

    abstract Object compute(Object value, Instant now);

    Object apply(Object value, Instant now) {
        return Values.absent(value) ? value : compute(value, now);
    }

    static Optional<Function> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(f -> f.name).toList());
    }

    static Optional<Instant> instant(Object v) {
        BigDecimal n = Values.number(v);
        if (n != null) {
            BigDecimal seconds = n.abs().compareTo(EPOCH_MILLIS_ABOVE) > 0 ? n.movePointLeft(3) : n;
            try {
                long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
                return Optional.of(Instant.ofEpochSecond(whole, nanos));
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        if (!(v instanceof String s)) {
            return Optional.empty();
        }
        String text = s.strip();
        try {
            return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
