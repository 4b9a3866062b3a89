package dev.lookout.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The right-hand side of a condition. */
sealed interface Literal {
    String text();

    record Number(String text, BigDecimal value) implements Literal {
    }

    record Time(String text, Duration value) implements Literal {
    }

    /** {@code 2xx}: any HTTP status from 200 to 299. */
    record StatusClass(String text, int hundreds) implements Literal {
    }

    record Text(String text, String value) implements Literal {
    }

    record Regex(String text, Pattern pattern) implements Literal {
    }

    record Bool(String text, boolean value) implements Literal {
    }

    record ListOf(String text, List<Literal> items) implements Literal {
    }
}
