package dev.lookout.web.console;

import dev.lookout.config.ConfigError;
import java.util.List;

/**
 * What the console's monitor editor shows: a new monitor (no {@code id}) or a console monitor's
 * definition with the version it was read at, the errors of the last attempt at their lines, the
 * type choices of a new one, and the console monitors that do not run (with why).
 */
public record MonitorForm(String id, String definition, long version, List<ConfigError> errors, String message,
                          List<String> types, String type, List<ConfigError> leftOut) {

    public boolean creating() {
        return id == null;
    }

    /** {@code line 4, interval: '5x' is not a duration}: an error in the words of the form. */
    public static String describe(ConfigError error) {
        String where = error.line() > 0 ? "line " + error.line() : "";
        String field = error.path().isEmpty() ? "" : error.path();
        String prefix = where.isEmpty() ? field : field.isEmpty() ? where : where + ", " + field;
        return prefix.isEmpty() ? error.message() : prefix + ": " + error.message();
    }
}
