package dev.lookout.importer;

/**
 * Literals of Lookout's condition language, written so that they read back as the same value: a
 * number stays a number, anything else becomes a quoted string (so that words like {@code and}
 * or a value that looks like a duration stay text).
 */
public final class ConditionText {
    private ConditionText() {
    }

    /** {@code "text"} with {@code \} , {@code "} and line breaks escaped. */
    public static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }

    /** The number as written when {@code text} is a plain decimal number, else {@link #quoted}. */
    public static String value(String text) {
        return isNumber(text) ? text.trim() : quoted(text);
    }

    public static boolean isNumber(String text) {
        return text != null && text.trim().matches("-?\\d+(\\.\\d+)?");
    }

    /** A Java regular expression literal {@code /re/}, slashes in it escaped. */
    public static String regex(String re) {
        return "/" + re.replace("/", "\\/") + "/";
    }
}
