package dev.lookout.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load, so that all of them are reported at once. */
public final class ConfigErrors {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    ConfigErrors(String file) {
        this.file = file;
    }

    void add(int line, int column, String path, String message) {
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
