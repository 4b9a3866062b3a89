package dev.lookout.importer.gatus;

import dev.lookout.condition.Durations;
import dev.lookout.importer.ConditionText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gatus conditions ({@code [STATUS] == 200}, {@code [BODY].status == pat(UP*)},
 * {@code len([BODY].items) > 0}) in Lookout's condition language, for one check type. A condition
 * Lookout has no equivalent for comes back with the reason, to be reported.
 */
final class GatusConditions {
    /** Gatus tries the operators in this order and splits at the first one found. */
    private static final List<String> OPERATORS = List.of(" == ", " != ", " <= ", " >= ", " > ", " < ");
    private static final Map<String, String> MIRRORED = Map.of("==", "==", "!=", "!=", "<=", ">=", ">=", "<=", ">", "<", "<", ">");

    /** A translation: the Lookout condition, or none with the reason; neither when Lookout checks it anyway. */
    record Translated(String condition, String problem) {
        static Translated implied() {
            return new Translated(null, null);
        }

        static Translated problem(String reason) {
            return new Translated(null, reason);
        }
    }

    private enum Kind { PLACEHOLDER, LITERAL, PATTERN, ANY }

    private record Operand(Kind kind, String text, boolean time, List<String> items) {
        static Operand literal(String text) {
            return new Operand(Kind.LITERAL, text, false, List.of());
        }
    }

    /** Why a placeholder cannot be carried over. */
    private static final class Untranslatable extends Exception {
        Untranslatable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String type;

    /** @param type the Lookout check type the endpoint became ({@code http}, {@code dns}, …) */
    GatusConditions(String type) {
        this.type = type;
    }

    Translated translate(String condition) {
        String op = null;
        int at = -1;
        for (String candidate : OPERATORS) {
            at = condition.indexOf(candidate);
            if (at >= 0) {
                op = candidate.trim();
                break;
            }
        }
        if (op == null) {
            return Translated.problem("it has no comparison Gatus knows");
        }
        String leftText = condition.substring(0, at).trim();
        String rightText = condition.substring(at + op.length() + 2).trim();
        if (leftText.equals("[CONNECTED]") || rightText.equals("[CONNECTED]")) {
            String other = leftText.equals("[CONNECTED]") ? rightText : leftText;
            return (op.equals("==") && other.equals("true")) || (op.equals("!=") && other.equals("false")) ? Translated.implied()
                    : Translated.problem("Lookout cannot expect a connection to fail");
        }
        try {
            Operand left = operand(leftText);
            Operand right = operand(rightText);
            if (left.kind() != Kind.PLACEHOLDER && right.kind() == Kind.PLACEHOLDER) {
                Operand swap = left;
                left = right;
                right = swap;
                op = MIRRORED.get(op);
            }
            if (left.kind() != Kind.PLACEHOLDER) {
                return Translated.problem("it compares no placeholder");
            }
            return new Translated(op.equals("==") || op.equals("!=") ? equality(left, op, right) : order(left, op, right), null);
        } catch (Untranslatable e) {
            return Translated.problem(e.getMessage());
        }
    }

    private String equality(Operand left, String op, Operand right) throws Untranslatable {
        boolean not = op.equals("!=");
        if (left.text().equals("dns.answers")) {
            // Gatus compares the one record it kept; Lookout has them all: any record may match
            String test = switch (right.kind()) {
                case PATTERN -> "dns.answers matches " + ConditionText.regex("^" + right.text() + "$");
                case ANY -> "(" + String.join(" or ", right.items().stream().map(i -> "dns.answers contains " + ConditionText.value(i)).toList()) + ")";
                case PLACEHOLDER -> throw new Untranslatable("Lookout cannot compare the DNS answers with another placeholder");
                case LITERAL -> "dns.answers contains " + ConditionText.value(right.text());
            };
            return not ? "not (" + test + ")" : test;
        }
        return switch (right.kind()) {
            case PATTERN -> not ? "not (" + left.text() + " == " + ConditionText.regex(right.text()) + ")"
                    : left.text() + " == " + ConditionText.regex(right.text());
            case ANY -> left.text() + (not ? " not in [" : " in [") + String.join(", ", right.items().stream().map(ConditionText::value).toList()) + "]";
            case PLACEHOLDER -> left.text() + " " + op + " (" + right.text() + ")";
            case LITERAL -> left.text() + " " + op + " " + literal(left, right.text());
        };
    }

    private String order(Operand left, String op, Operand right) throws Untranslatable {
        return switch (right.kind()) {
            case PLACEHOLDER -> left.text() + " " + op + " (" + right.text() + ")";
            case LITERAL -> left.text() + " " + op + " " + literal(left, right.text());
            default -> throw new Untranslatable("Gatus' pat() and any() work with == and != only");
        };
    }

    /** A value compared with a placeholder: milliseconds or a Go duration against a time, else a number or text. */
    private static String literal(Operand against, String text) throws Untranslatable {
        if (against.time()) {
            if (text.matches("-?\\d+")) {
                return text + "ms";
            }
            Duration duration = GoDuration.parse(text);
            if (duration == null) {
                throw new Untranslatable("'" + text + "' is not a duration");
            }
            return Durations.format(duration);
        }
        return text.equals("true") || text.equals("false") ? text : ConditionText.value(text);
    }

    private Operand operand(String text) throws Untranslatable {
        if (text.startsWith("pat(") && text.endsWith(")")) {
            return new Operand(Kind.PATTERN, pattern(text.substring(4, text.length() - 1)), false, List.of());
        }
        if (text.startsWith("any(") && text.endsWith(")")) {
            List<String> items = new ArrayList<>();
            for (String item : text.substring(4, text.length() - 1).split(",")) {
                items.add(item.trim());
            }
            return new Operand(Kind.ANY, null, false, items);
        }
        if (text.startsWith("len(") && text.endsWith(")")) {
            Operand inner = operand(text.substring(4, text.length() - 1));
            if (inner.kind() != Kind.PLACEHOLDER || !inner.text().startsWith("body")) {
                throw new Untranslatable("len() works on the body only");
            }
            return new Operand(Kind.PLACEHOLDER, "len(" + inner.text() + ")", false, List.of());
        }
        if (text.startsWith("has(")) {
            throw new Untranslatable("Lookout has no has(): a missing JSON path already fails a condition on it");
        }
        if (!text.startsWith("[")) {
            return Operand.literal(text);
        }
        return placeholder(text);
    }

    private Operand placeholder(String text) throws Untranslatable {
        if (text.equals("[STATUS]") && (type.equals("http") || type.equals("websocket"))) {
            return placeholder("status", false);
        }
        if (text.equals("[RESPONSE_TIME]")) {
            return placeholder("latency", true);
        }
        if (text.equals("[CERTIFICATE_EXPIRATION]") && (type.equals("http") || type.equals("tls"))) {
            return placeholder("cert.expires_in", true);
        }
        if (text.equals("[DNS_RCODE]") && type.equals("dns")) {
            return placeholder("dns.rcode", false);
        }
        if (text.startsWith("[BODY]")) {
            String path = text.substring("[BODY]".length());
            if (type.equals("http") && path.isEmpty()) {
                return placeholder("body", false);
            }
            if (type.equals("http") && (path.startsWith(".") || path.startsWith("["))) {
                return placeholder("body.$" + path, false);
            }
            if (type.equals("websocket") && path.isEmpty()) {
                return placeholder("message", false);
            }
            if (type.equals("dns") && path.isEmpty()) {
                return placeholder("dns.answers", false);
            }
            throw new Untranslatable("Lookout's " + type + " check offers no " + (path.isEmpty() ? "body" : "JSON body") + " to compare");
        }
        if (text.equals("[IP]")) {
            throw new Untranslatable("Lookout has no placeholder for the address connected to");
        }
        if (text.equals("[DOMAIN_EXPIRATION]")) {
            throw new Untranslatable("Lookout does not look up domain registrations");
        }
        if (text.startsWith("[CONTEXT]")) {
            throw new Untranslatable("suite context exists in Gatus suites only");
        }
        throw new Untranslatable(text.replaceFirst("].*", "]") + " is not available for Lookout's " + type + " check");
    }

    private static Operand placeholder(String text, boolean time) {
        return new Operand(Kind.PLACEHOLDER, text, time, List.of());
    }

    /** Gatus patterns are Go's filepath.Match: {@code *}, {@code ?} and {@code [...]}; the rest is literal. */
    private static String pattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 1) > i) {
                int end = glob.indexOf(']', i + 1);
                String set = glob.substring(i + 1, end);
                re.append('[').append(set.startsWith("^") ? set : set.replace("\\", "\\\\")).append(']');
                i = end;
            } else if ("\\.+()|{}^$".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        return re.toString();
    }
}
