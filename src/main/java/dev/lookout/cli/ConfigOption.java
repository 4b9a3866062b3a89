package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Loading the configuration the same way for every command, and printing its errors the same way. */
final class ConfigOption {
    static final Path DEFAULT = Path.of("examples/lookout.yaml");
    static final int EXIT_INVALID_CONFIG = 2;

    private ConfigOption() {
    }

    static ConfigLoader loader(CheckTypes types) {
        return loader(types, System.getenv());
    }

    /** @param environment what {@code ${VAR}} in the file is replaced with */
    static ConfigLoader loader(CheckTypes types, Map<String, String> environment) {
        return new ConfigLoader(types, dev.lookout.alert.channel.Channels.standard(), environment);
    }

    /** The loaded configuration, or null after printing every error to {@code err}. */
    static LookoutConfig load(ConfigLoader loader, Path file, PrintWriter err) {
        try {
            return loader.load(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        }
    }
}
