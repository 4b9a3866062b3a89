package dev.lookout.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load, so that all of them are reported at once. */
public final class ConfigErrors {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();
    private static final java.util.regex.Pattern MONITOR = java.util.regex.Pattern.compile("monitors\\[(\\d+)]\\.?(.*)");
    /** The index of the first console monitor spliced into {@code monitors:}, and their names. */
    private int splicedFrom = Integer.MAX_VALUE;
    private List<String> splicedNames = List.of();

    ConfigErrors(String file) {
        this.file = file;
    }

    /**
     * Errors of the {@code monitors:} entries from {@code from} on are the console monitors'
     * ({@code names} in order): said under their name, with the path inside the monitor, as their
     * lines are those of their own definitions.
     */
    ConfigErrors splicing(int from, List<String> names) {
        this.splicedFrom = from;
        this.splicedNames = List.copyOf(names);
        return this;
    }

    void add(int line, int column, String path, String message) {
        var spliced = MONITOR.matcher(path);
        if (spliced.matches()) {
            int index = Integer.parseInt(spliced.group(1));
            if (index >= splicedFrom && index - splicedFrom < splicedNames.size()) {
                errors.add(new ConfigError(splicedNames.get(index - splicedFrom), line, column, spliced.group(2), message));
                return;
            }
        }
        errors.add(new ConfigError(file, line, column, path, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In file order, so that the report reads top to bottom. */
    List<ConfigError> list() {
        return errors.stream().sorted(java.util.Comparator.comparingInt(ConfigError::line)
                .thenComparingInt(ConfigError::column)).toList();
    }

    String file() {
        return file;
    }
}
