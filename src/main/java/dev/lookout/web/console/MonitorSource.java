package dev.lookout.web.console;

import dev.lookout.config.ConfigError;
import dev.lookout.config.MonitorOrigin;
import java.util.List;

/**
 * Where a monitor on its console page is defined, and what the page offers with it: the file and
 * line (read-only here) or the console (edit, delete); its definition as YAML for admins; and the
 * errors of a console monitor of the same id that does not run.
 *
 * @param yaml the definition as written; null when the caller may not read definitions (below admin)
 */
public record MonitorSource(MonitorOrigin origin, String yaml, List<ConfigError> problems, boolean admin) {

    public boolean fromFile() {
        return origin == null || origin.fromFile();
    }

    /** {@code lookout.yaml:12}, for "defined in". */
    public String place() {
        return origin == null ? "the configuration file" : origin.file() + ":" + origin.line();
    }

    public long version() {
        return origin == null || origin.managed() == null ? 0 : origin.managed().version();
    }
}
