package dev.lookout.condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses condition text such as {@code status == 200}, {@code latency < 800ms [degraded]},
 * {@code body contains Welcome}, {@code body matches /ok|fine/}, {@code header Content-Type contains json},
 * {@code body.$.status == "ok"}, {@code status in [200, 204]}. Errors carry the column they point at.
 */
public final class ConditionParser {
    private static final String DEGRADED_MARK = "[degraded]";
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[^\\s]+)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5]xx");

    private ConditionParser() {
    }

    public static Condition parse(String source) throws ConditionSyntaxException {
        String text = source.stripTrailing();
        boolean degraded = false;
        if (text.endsWith(DEGRADED_MARK)) {
            degraded = true;
            text = text.substring(0, text.length() - DEGRADED_MARK.length()).stripTrailing();
        }
        Cursor c = new Cursor(text);
        c.skipSpaces();
        if (c.atEnd()) {
            throw new ConditionSyntaxException("empty condition", 1);
        }
        int subjectCol = c.column();
        String subject = c.subject();
        if (subject.equals("header")) {
            c.skipSpaces();
            int nameCol = c.column();
            String name = c.word();
            if (name.isEmpty() || operator(name).isPresent()) {
                throw new ConditionSyntaxException("expected a header name after 'header'", nameCol);
            }
            subject = "header." + name;
        }
        if (!SUBJECT.matcher(subject).matches()) {
            throw new ConditionSyntaxException("'" + subject + "' is not a placeholder", subjectCol);
        }
        if (subject.startsWith("header.")) {
            subject = subject.toLowerCase(java.util.Locale.ROOT);
        }
        if (subject.startsWith(Subjects.JSON_BODY_PREFIX)) {
            String error = Subjects.validateJsonPath(subject);
            if (error != null) {
                throw new ConditionSyntaxException(error, subjectCol);
            }
        }
        c.skipSpaces();
        int opCol = c.column();
        String opText = c.operator();
        Operator op = operator(opText).orElseThrow(() -> new ConditionSyntaxException(
                (opText.isEmpty() ? "expected an operator" : "unknown operator '" + opText + "'")
                        + " (one of == != < <= > >= contains matches in)", opCol));
        c.skipSpaces();
        int valueCol = c.column();
        String valueText = c.rest().strip();
        if (valueText.isEmpty()) {
            throw new ConditionSyntaxException("expected a value after '" + op.symbol() + "'", valueCol);
        }
        Literal literal = literal(valueText, valueCol);
        check(op, literal, valueCol);
        return new Condition(source.strip(), subject, op, literal, degraded);
    }

    private static void check(Operator op, Literal literal, int col) throws ConditionSyntaxException {
        switch (op) {
            case LT, LE, GT, GE -> {
                if (!(literal instanceof Literal.Number) && !(literal instanceof Literal.Time)) {
                    throw new ConditionSyntaxException("expected a number or a duration after '" + op.symbol() + "'", col);
                }
            }
            case MATCHES -> {
                if (!(literal instanceof Literal.Regex)) {
                    throw new ConditionSyntaxException("expected a /regular expression/ after 'matches'", col);
                }
            }
            case IN -> {
                if (!(literal instanceof Literal.ListOf)) {
                    throw new ConditionSyntaxException("expected a list such as [200, 204] after 'in'", col);
                }
            }
            default -> {
            }
        }
    }

    private static Literal literal(String text, int col) throws ConditionSyntaxException {
        if (text.startsWith("/")) {
            if (text.length() < 2 || !text.endsWith("/")) {
                throw new ConditionSyntaxException("regular expression is not closed with '/'", col);
            }
            try {
                return new Literal.Regex(text, Pattern.compile(text.substring(1, text.length() - 1)));
            } catch (PatternSyntaxException e) {
                throw new ConditionSyntaxException("invalid regular expression: " + e.getDescription(), col + 1 + Math.max(0, e.getIndex()));
            }
        }
        if (text.startsWith("\"")) {
            if (text.length() < 2 || !text.endsWith("\"")) {
                throw new ConditionSyntaxException("string is not closed with '\"'", col);
            }
            return new Literal.Text(text, text.substring(1, text.length() - 1));
        }
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw new ConditionSyntaxException("list is not closed with ']'", col);
            }
            List<Literal> items = new ArrayList<>();
            int offset = 1;
            for (String item : text.substring(1, text.length() - 1).split(",", -1)) {
                if (item.isBlank()) {
                    throw new ConditionSyntaxException("empty list item", col + offset);
                }
                items.add(literal(item.strip(), col + offset + (item.length() - item.stripLeading().length())));
                offset += item.length() + 1;
            }
            return new Literal.ListOf(text, List.copyOf(items));
        }
        if (NUMBER.matcher(text).matches()) {
            return new Literal.Number(text, new BigDecimal(text));
        }
        if (STATUS_CLASS.matcher(text).matches()) {
            return new Literal.StatusClass(text, text.charAt(0) - '0');
        }
        if (text.equals("true") || text.equals("false")) {
            return new Literal.Bool(text, Boolean.parseBoolean(text));
        }
        Optional<java.time.Duration> duration = Durations.parse(text);
        if (duration.isPresent()) {
            return new Literal.Time(text, duration.get());
        }
        return new Literal.Text(text, text);
    }

    private static Optional<Operator> operator(String text) {
        for (Operator op : Operator.values()) {
            if (op.symbol().equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    private static final String SIGNS = "=!<>";

    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        int column() {
            return pos + 1;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        String word() {
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) pos++;
            return text.substring(start, pos);
        }

        /** A subject ends at a space or a comparison sign outside brackets, so {@code status==200} parses. */
        String subject() {
            int start = pos;
            int depth = 0;
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch == '[' || ch == '(') depth++;
                if (ch == ']' || ch == ')') depth--;
                if (depth <= 0 && (Character.isWhitespace(ch) || SIGNS.indexOf(ch) >= 0)) break;
                pos++;
            }
            return text.substring(start, pos);
        }

        String operator() {
            if (pos < text.length() && SIGNS.indexOf(text.charAt(pos)) >= 0) {
                int start = pos;
                while (pos < text.length() && SIGNS.indexOf(text.charAt(pos)) >= 0) pos++;
                return text.substring(start, pos);
            }
            return word();
        }

        String rest() {
            String r = text.substring(pos);
            pos = text.length();
            return r;
        }
    }
}
