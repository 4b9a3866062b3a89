package dev.lookout.condition;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the condition language (docs/conditions.md) by recursive descent, one method per
 * precedence level:
 *
 * <pre>
 * condition  := or ['[degraded]']
 * or         := and (('or' | '||') and)*
 * and        := not (('and' | '&&') not)*
 * not        := 'not' not | comparison
 * comparison := additive [op operand]      op: == != &lt; &lt;= &gt; &gt;= contains matches in, 'not' before the last three
 * additive   := term (('+' | '-') term)*
 * term       := unary (('*' | '/' | '%') unary)*
 * unary      := '-' unary | primary
 * primary    := number | duration | size | percent | 2xx | "text" | /regex/flags | true | false | null
 *             | [list] | (or) | function(or) | placeholder | header NAME | body.$jsonpath
 * </pre>
 *
 * The operand right after a comparison operator may also be bare text running to the next
 * {@code and}/{@code or} ({@code body contains Example Domain}, {@code body.$.status == ok}): a
 * word there is text, not a placeholder. Errors carry the 1-based column they point at. Types
 * that are wrong whatever the observation ({@code latency < "abc"}) are errors here, at load.
 */
public final class ConditionParser {
    private static final String DEGRADED_MARK = "[degraded]";
    private static final String OPERATORS = "(one of == != < <= > >= contains matches in)";
    private static final String SIGNS = "=!<>";
    private static final String HEADER_NAME_CHARS = "!#$%&'*+.^_`|~-";
    private static final String NUMBER = "\\d+(?:\\.\\d+)?";
    private static final Pattern PLAIN_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern PERCENT = Pattern.compile("(" + NUMBER + ")%");
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5]xx");
    private static final Pattern SIZE = Pattern.compile("(" + NUMBER + ")(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");
    private static final Pattern DURATION = Pattern.compile("(?:" + NUMBER + "(?:ms|s|m|h|d))+");
    private static final Pattern DURATION_PART = Pattern.compile("(" + NUMBER + ")(ms|s|m|h|d)");

    /** What an open bracket expects: a group's ')', a function call's ')' or ',', a list's ']' or ','. */
    private enum Open { GROUP, CALL, LIST }

    private final String text;
    private int pos;
    private String lastToken;
    private final Set<String> subjects = new LinkedHashSet<>();
    private final Deque<Open> open = new ArrayDeque<>();

    private ConditionParser(String text) {
        this.text = text;
    }

    public static Condition parse(String source) throws ConditionSyntaxException {
        String text = source.stripTrailing();
        boolean degraded = false;
        if (text.endsWith(DEGRADED_MARK)) {
            degraded = true;
            text = text.substring(0, text.length() - DEGRADED_MARK.length()).stripTrailing();
        }
        ConditionParser parser = new ConditionParser(text);
        Expr expression = parser.condition();
        return new Condition(source.strip(), text, expression, parser.subjects, degraded);
    }

    private Expr condition() throws ConditionSyntaxException {
        skipSpaces();
        if (atEnd()) {
            throw error("empty condition", pos);
        }
        Expr e = or();
        skipSpaces();
        if (!atEnd()) {
            throw peek() == ')' ? error("unexpected ')' without a '(' to close", pos)
                    : error("unexpected '" + run() + "' after the end of the condition", pos);
        }
        if (!e.type().maybeBoolean()) {
            throw error("a condition must be true or false, e.g. 'status == 200'", e.start());
        }
        return e;
    }

    private Expr or() throws ConditionSyntaxException {
        Expr left = and();
        while (true) {
            skipSpaces();
            String op = keyword("or") ? "or" : symbol("||") ? "||" : null;
            if (op == null) {
                return left;
            }
            lastToken = op;
            Expr right = and();
            requireCondition(left, "before '" + op + "'");
            requireCondition(right, "after '" + op + "'");
            left = new Expr.Logic(false, left, right, left.start(), right.end());
        }
    }

    private Expr and() throws ConditionSyntaxException {
        Expr left = not();
        while (true) {
            skipSpaces();
            String op = keyword("and") ? "and" : symbol("&&") ? "&&" : null;
            if (op == null) {
                return left;
            }
            lastToken = op;
            Expr right = not();
            requireCondition(left, "before '" + op + "'");
            requireCondition(right, "after '" + op + "'");
            left = new Expr.Logic(true, left, right, left.start(), right.end());
        }
    }

    private Expr not() throws ConditionSyntaxException {
        skipSpaces();
        int at = pos;
        if (keyword("not")) {
            lastToken = "not";
            Expr operand = not();
            requireCondition(operand, "after 'not'");
            return new Expr.Not(operand, at, operand.end());
        }
        return comparison();
    }

    private Expr comparison() throws ConditionSyntaxException {
        Expr left = additive();
        skipSpaces();
        int opAt = pos;
        boolean negated = false;
        Expr.Comparator op;
        String signs = signs();
        if (!signs.isEmpty()) {
            op = switch (signs) {
                case "==" -> Expr.Comparator.EQ;
                case "!=" -> Expr.Comparator.NE;
                case "<" -> Expr.Comparator.LT;
                case "<=" -> Expr.Comparator.LE;
                case ">" -> Expr.Comparator.GT;
                case ">=" -> Expr.Comparator.GE;
                default -> throw error("unknown operator '" + signs + "' " + OPERATORS, opAt);
            };
        } else {
            if (keyword("not")) {
                negated = true;
                skipSpaces();
            }
            op = keyword("contains") ? Expr.Comparator.CONTAINS : keyword("matches") ? Expr.Comparator.MATCHES
                    : keyword("in") ? Expr.Comparator.IN : null;
            if (op == null && negated) {
                throw error("expected 'contains', 'matches' or 'in' after 'not'", pos);
            }
            if (op == null) {
                if (!atTerminator() && left.type() != Expr.Type.BOOLEAN) {
                    throw Character.isLetter(peek()) ? error("unknown operator '" + run() + "' " + OPERATORS, pos)
                            : error("expected an operator " + OPERATORS, pos);
                }
                return left;
            }
        }
        String opText = (negated ? "not " : "") + op.symbol;
        lastToken = opText;
        Expr right = operand(opText);
        checkTypes(op, opText, left, right);
        skipSpaces();
        int next = pos;
        if (!signs().isEmpty() || keyword("contains") || keyword("matches") || keyword("in")) {
            throw error("comparisons cannot be chained; join them with 'and'", next);
        }
        return new Expr.Comparison(op, negated, left, right, left.start(), right.end());
    }

    private void checkTypes(Expr.Comparator op, String opText, Expr left, Expr right) throws ConditionSyntaxException {
        switch (op) {
            case LT, LE, GT, GE -> {
                if (!right.type().orderable()) {
                    throw error("expected a number or a duration after '" + opText + "'", right.start());
                }
                if (!left.type().orderable()) {
                    throw error("expected a number or a duration before '" + opText + "'", left.start());
                }
            }
            case MATCHES -> {
                if (right.type() != Expr.Type.REGEX) {
                    throw error("expected a /regular expression/ after '" + opText + "'", right.start());
                }
            }
            case IN -> {
                if (!(right instanceof Expr.ListOf)) {
                    throw error("expected a list such as [200, 204] after '" + opText + "'", right.start());
                }
            }
            default -> {
            }
        }
    }

    private Expr additive() throws ConditionSyntaxException {
        Expr left = term();
        while (true) {
            skipSpaces();
            if (atEnd() || (peek() != '+' && peek() != '-')) {
                return left;
            }
            left = arithmetic(left, this::term);
        }
    }

    private Expr term() throws ConditionSyntaxException {
        Expr left = unary();
        while (true) {
            skipSpaces();
            if (atEnd() || (peek() != '*' && peek() != '/' && peek() != '%')) {
                return left;
            }
            left = arithmetic(left, this::unary);
        }
    }

    private interface Level {
        Expr parse() throws ConditionSyntaxException;
    }

    private Expr arithmetic(Expr left, Level next) throws ConditionSyntaxException {
        char op = text.charAt(pos++);
        lastToken = String.valueOf(op);
        Expr right = next.parse();
        requireNumeric(left, "before '" + op + "'");
        requireNumeric(right, "after '" + op + "'");
        return new Expr.Arithmetic(op, left, right, left.start(), right.end());
    }

    private Expr unary() throws ConditionSyntaxException {
        skipSpaces();
        int at = pos;
        if (!atEnd() && peek() == '-' && !(pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            pos++;
            lastToken = "-";
            Expr operand = unary();
            requireNumeric(operand, "after '-'");
            return new Expr.Negate(operand, at, operand.end());
        }
        return primary();
    }

    private Expr primary() throws ConditionSyntaxException {
        skipSpaces();
        int at = pos;
        if (atEnd() || atTerminator()) {
            String found = atEnd() ? "" : ", found '" + run() + "'";
            throw error(lastToken == null ? "expected a value" + found : "expected a value after '" + lastToken + "'" + found, pos);
        }
        char c = peek();
        if (c == '(') {
            pos++;
            lastToken = "(";
            open.push(Open.GROUP);
            Expr inner = or();
            close(at, "'('");
            open.pop();
            return new Expr.Group(inner, at, pos);
        }
        if (c == '"') {
            return string();
        }
        if (c == '/') {
            return regex();
        }
        if (c == '[') {
            return list();
        }
        if (Character.isDigit(c) || c == '-') {
            int end = runEnd(at, "+*/");
            Expr.Lit lit = numberLiteral(at, end);
            if (lit == null) {
                throw error("'" + text.substring(at, end) + "' is not a number, a duration (500ms, 30s, 1h30m) or a size (512B, 10KB, 1MiB)", at);
            }
            pos = end;
            return lit;
        }
        if (Character.isLetter(c) || c == '_') {
            return word();
        }
        throw error("unexpected '" + run() + "'", pos);
    }

    /** After a comparison operator: an expression, or bare text when a plain word (or an odd token) comes first. */
    private Expr operand(String after) throws ConditionSyntaxException {
        skipSpaces();
        int at = pos;
        if (atEnd() || atTerminator()) {
            throw error("expected a value after '" + after + "'", pos);
        }
        if (startsBareText(at)) {
            return bareText(at);
        }
        Expr e = additive();
        skipSpaces();
        if (e instanceof Expr.Lit && e.start() == at && !atEnd() && !atTerminator() && signs().isEmpty()) {
            // "200 OK", "\"status\":\"ok\"": a literal followed by more words was text before the language grew.
            pos = at;
            return bareText(at);
        }
        pos = e.end();
        return e;
    }

    private boolean startsBareText(int at) {
        char c = text.charAt(at);
        if (c == '"' || c == '/' || c == '[' || c == '(' || text.startsWith("-(", at)) {
            return false;
        }
        if (Character.isDigit(c) || (c == '-' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
            // 1.2.3 or 2024-01-01 is text; 200, 1.5s, 10MB, 2xx are literals.
            return numberLiteral(at, runEnd(at, "")) == null;
        }
        if (Character.isLetter(c) || c == '_') {
            int end = at;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            String word = text.substring(at, end);
            boolean boundary = end == text.length() || Character.isWhitespace(text.charAt(end)) || ")],".indexOf(text.charAt(end)) >= 0;
            if ((word.equals("true") || word.equals("false") || word.equals("null")) && boundary) {
                return false;
            }
            return !(Function.named(word).isPresent() && end < text.length() && text.charAt(end) == '(');
        }
        return true;
    }

    /** Words up to the next {@code and}/{@code or}, or to the bracket or comma that ends the enclosing group, call or list. */
    private Expr bareText(int at) {
        Open context = open.peek();
        int end = at;
        int parens = 0;
        pos = at;
        scan:
        while (!atEnd()) {
            if (pos > at && (keywordAt("and") || keywordAt("or") || text.startsWith("&&", pos) || text.startsWith("||", pos))) {
                break;
            }
            while (!atEnd() && !Character.isWhitespace(peek())) {
                char ch = peek();
                if (ch == '(') {
                    parens++;
                } else if (ch == ')') {
                    if (parens == 0 && (context == Open.GROUP || context == Open.CALL)) {
                        end = pos;
                        break scan;
                    }
                    parens--;
                } else if (parens == 0 && ((ch == ']' && context == Open.LIST)
                        || (ch == ',' && (context == Open.LIST || context == Open.CALL)))) {
                    end = pos;
                    break scan;
                }
                pos++;
            }
            end = pos;
            skipSpaces();
        }
        pos = end;
        String raw = text.substring(at, end);
        String value = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
        return new Expr.Lit(value, Expr.Type.TEXT, value, at, end);
    }

    private Expr string() throws ConditionSyntaxException {
        int at = pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != '"') {
            char ch = text.charAt(pos++);
            if (ch == '\\' && !atEnd()) {
                char next = text.charAt(pos++);
                switch (next) {
                    case '"', '\\' -> value.append(next);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(ch);
            }
        }
        if (atEnd()) {
            throw error("string is not closed with '\"'", at);
        }
        pos++;
        return new Expr.Lit(value.toString(), Expr.Type.TEXT, value.toString(), at, pos);
    }

    /** {@code /re/flags}; the closing slash is the one followed by flags and the end of the token ({@code /a/b/} is "a/b"). */
    private Expr regex() throws ConditionSyntaxException {
        int at = pos;
        int close = -1;
        int end = -1;
        for (int i = at + 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '/') {
                int j = i + 1;
                while (j < text.length() && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                if (j == text.length() || Character.isWhitespace(text.charAt(j)) || "),]".indexOf(text.charAt(j)) >= 0) {
                    close = i;
                    end = j;
                    break;
                }
            }
        }
        if (close < 0) {
            throw error("regular expression is not closed with '/'", at);
        }
        int flags = 0;
        for (int i = close + 1; i < end; i++) {
            flags |= switch (text.charAt(i)) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> throw error("unknown regular expression flag '" + text.charAt(i) + "' (i, m, s)", i);
            };
        }
        String source = text.substring(at + 1, close);
        try {
            Pattern pattern = Pattern.compile(source, flags);
            pos = end;
            return new Expr.Lit(pattern, Expr.Type.REGEX, text.substring(at, end), at, end);
        } catch (PatternSyntaxException e) {
            throw error("invalid regular expression: " + e.getDescription(), at + 1 + Math.max(0, e.getIndex()));
        }
    }

    private Expr list() throws ConditionSyntaxException {
        int at = pos++;
        open.push(Open.LIST);
        List<Expr> items = new ArrayList<>();
        skipSpaces();
        if (!atEnd() && peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipSpaces();
                if (!atEnd() && (peek() == ',' || peek() == ']')) {
                    throw error("empty list item", pos);
                }
                if (atEnd()) {
                    throw error("list is not closed with ']'", at);
                }
                items.add(operand(items.isEmpty() ? "[" : ","));
                skipSpaces();
                if (atEnd()) {
                    throw error("list is not closed with ']'", at);
                }
                char ch = text.charAt(pos++);
                if (ch == ']') {
                    break;
                }
                if (ch != ',') {
                    throw error("expected ',' or ']' in the list, found '" + ch + "'", pos - 1);
                }
                lastToken = ",";
            }
        }
        open.pop();
        return new Expr.ListOf(List.copyOf(items), at, pos);
    }

    /** A literal starting with a digit (or '-' and a digit) spanning exactly {@code [at, end)}; null when it is not one. */
    private Expr.Lit numberLiteral(int at, int end) {
        String token = text.substring(at, end);
        boolean negative = token.startsWith("-");
        String body = negative ? token.substring(1) : token;
        Object value;
        Expr.Type type;
        Matcher m;
        if (PLAIN_NUMBER.matcher(body).matches()) {
            value = new BigDecimal(body);
            type = Expr.Type.NUMBER;
        } else if (STATUS_CLASS.matcher(body).matches() && !negative) {
            value = new Values.StatusClass(body.charAt(0) - '0');
            type = Expr.Type.STATUS_CLASS;
        } else if ((m = PERCENT.matcher(body)).matches()) {
            value = new BigDecimal(m.group(1)).movePointLeft(2);
            type = Expr.Type.NUMBER;
        } else if ((m = SIZE.matcher(body)).matches()) {
            value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(bytes(m.group(2))));
            type = Expr.Type.NUMBER;
        } else if (DURATION.matcher(body).matches()) {
            Duration d = Duration.ZERO;
            Matcher part = DURATION_PART.matcher(body);
            while (part.find()) {
                d = d.plus(Durations.parse(part.group()).orElseThrow());
            }
            value = d;
            type = Expr.Type.TIME;
        } else {
            return null;
        }
        if (negative) {
            value = value instanceof Duration d ? d.negated() : ((BigDecimal) value).negate();
        }
        return new Expr.Lit(value, type, token, at, end);
    }

    /** SI units are powers of 1000, IEC units (KiB, MiB, ...) powers of 1024. */
    private static long bytes(String unit) {
        return switch (unit) {
            case "B" -> 1L;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L << 40;
        };
    }

    private Expr word() throws ConditionSyntaxException {
        int at = pos;
        if (text.startsWith("body.$", pos)) {
            return jsonPath();
        }
        String word = identifier();
        switch (word) {
            case "true", "false" -> {
                return new Expr.Lit(Boolean.valueOf(word), Expr.Type.BOOLEAN, word, at, pos);
            }
            case "null" -> {
                return new Expr.Lit(Values.Null.NULL, Expr.Type.NULL, word, at, pos);
            }
            case "and", "or", "not", "contains", "matches", "in" -> {
                throw error(lastToken == null ? "expected a value, found '" + word + "'"
                        : "expected a value after '" + lastToken + "', found '" + word + "'", at);
            }
            default -> {
            }
        }
        if (!atEnd() && peek() == '(') {
            return call(word, at);
        }
        if (word.equals("header") && !atEnd() && Character.isWhitespace(peek())) {
            skipSpaces();
            int nameAt = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || HEADER_NAME_CHARS.indexOf(peek()) >= 0)) {
                pos++;
            }
            String name = text.substring(nameAt, pos);
            if (name.isEmpty() || name.equals("contains") || name.equals("matches") || name.equals("in") || name.equals("not")) {
                throw error("expected a header name after 'header'", nameAt);
            }
            word = "header." + name;
        }
        if (word.startsWith("header.")) {
            word = word.toLowerCase(Locale.ROOT);
        }
        subjects.add(word);
        return new Expr.Placeholder(word, at, pos);
    }

    private String identifier() {
        int at = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-'
                || (peek() == '.' && pos + 1 < text.length() && pos > at
                && (Character.isLetterOrDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '_')))) {
            pos++;
        }
        return text.substring(at, pos);
    }

    private Expr call(String name, int at) throws ConditionSyntaxException {
        Function function = Function.named(name).orElseThrow(() -> error(
                "unknown function '" + name + "' (known: " + Function.names() + ")", at));
        int paren = pos++;
        lastToken = name + "(";
        open.push(Open.CALL);
        skipSpaces();
        if (!atEnd() && peek() == ')') {
            throw error(name + "() takes one argument", pos);
        }
        Expr argument = or();
        skipSpaces();
        if (!atEnd() && peek() == ',') {
            throw error(name + "() takes one argument", pos);
        }
        close(paren, "'(' of " + name + "(");
        open.pop();
        Expr.Type t = argument.type();
        boolean fits = switch (function) {
            case AGE -> t == Expr.Type.ANY || t == Expr.Type.TEXT || t == Expr.Type.NUMBER;
            case LEN -> t == Expr.Type.ANY || t == Expr.Type.TEXT || t == Expr.Type.LIST;
            case LOWER -> t == Expr.Type.ANY || t == Expr.Type.TEXT;
            case NUMBER -> t == Expr.Type.ANY || t == Expr.Type.TEXT || t == Expr.Type.NUMBER || t == Expr.Type.TIME;
        };
        if (!fits) {
            throw error(name + "() does not take " + article(t), argument.start());
        }
        return new Expr.Call(function, argument, at, pos);
    }

    private static String article(Expr.Type t) {
        return switch (t) {
            case BOOLEAN -> "a condition";
            case NUMBER -> "a number";
            case TIME -> "a duration";
            case TEXT -> "text";
            case REGEX -> "a regular expression";
            case LIST -> "a list";
            case NULL -> "null";
            case STATUS_CLASS -> "a status class";
            case ANY -> "this value";
        };
    }

    /**
     * {@code body.$...}: the path runs to whitespace, a comparison sign, a comma or an unmatched
     * closing bracket, outside brackets and quotes (so {@code body.$['a b'][?(@.n > 1)]} is one path).
     */
    private Expr jsonPath() throws ConditionSyntaxException {
        int at = pos;
        pos += "body.".length();
        int depth = 0;
        int lastOpen = -1;
        char quote = 0;
        while (!atEnd()) {
            char ch = peek();
            if (quote != 0) {
                if (ch == '\\') {
                    pos++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '(') {
                depth++;
                lastOpen = pos;
            } else if (ch == ']' || ch == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(ch) || SIGNS.indexOf(ch) >= 0 || ch == ',')) {
                break;
            }
            pos++;
        }
        if (quote != 0) {
            throw error("unclosed quote in JSONPath", at);
        }
        if (depth > 0) {
            throw error("unclosed '" + text.charAt(lastOpen) + "' in JSONPath", lastOpen);
        }
        String name = text.substring(at, pos);
        String path = name.substring("body.".length());
        try {
            JsonPath compiled = JsonPath.compile(path);
            subjects.add(name);
            return new Expr.JsonPathRead(name, compiled, at, pos);
        } catch (InvalidPathException e) {
            throw error("invalid JSONPath '" + path + "': " + e.getMessage(), at);
        }
    }

    private void close(int openAt, String what) throws ConditionSyntaxException {
        skipSpaces();
        if (atEnd()) {
            throw error("unclosed " + what, openAt);
        }
        if (peek() != ')') {
            throw error("expected ')' to close the " + what + " at col " + (openAt + 1) + ", found '" + run() + "'", pos);
        }
        pos++;
    }

    private void requireCondition(Expr e, String where) throws ConditionSyntaxException {
        if (!e.type().maybeBoolean()) {
            throw error("expected a condition " + where + ", e.g. 'status == 200'", e.start());
        }
    }

    private void requireNumeric(Expr e, String where) throws ConditionSyntaxException {
        if (!e.type().orderable()) {
            throw error("expected a number or a duration " + where, e.start());
        }
    }

    // --- scanning ---

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    /** Whether what follows ends an operand: the end, a closing bracket, a comma, {@code and}, {@code or}. */
    private boolean atTerminator() {
        return atEnd() || ")],".indexOf(peek()) >= 0 || keywordAt("and") || keywordAt("or")
                || text.startsWith("&&", pos) || text.startsWith("||", pos);
    }

    private boolean keywordAt(String word) {
        int end = pos + word.length();
        return text.startsWith(word, pos) && (end == text.length() || !isWordChar(text.charAt(end)))
                && (pos == 0 || !isWordChar(text.charAt(pos - 1)));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private boolean keyword(String word) {
        if (keywordAt(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private String signs() {
        int at = pos;
        while (!atEnd() && SIGNS.indexOf(peek()) >= 0) {
            pos++;
        }
        return text.substring(at, pos);
    }

    /** The end of the token at {@code at}: the next whitespace, bracket, comma, comparison sign or one of {@code stops}. */
    private int runEnd(int at, String stops) {
        int end = at + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "()[],".indexOf(text.charAt(end)) < 0
                && SIGNS.indexOf(text.charAt(end)) < 0 && stops.indexOf(text.charAt(end)) < 0
                && !(text.charAt(end) == '-' && stops.indexOf('+') >= 0)) {
            end++;
        }
        return end;
    }

    /** The text from here to the next whitespace, for messages. */
    private String run() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(pos, Math.max(end, Math.min(pos + 1, text.length())));
    }

    private static ConditionSyntaxException error(String message, int index) {
        return new ConditionSyntaxException(message, index + 1);
    }
}
