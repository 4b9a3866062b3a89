package dev.lookout.cli;

import dev.lookout.alert.channel.Channels;
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
        return loader(types, Channels.standard(), System.getenv());
    }

    /** With the registry that will also build the channels, so that the settings it read are its own. */
    static ConfigLoader loader(CheckTypes types, Channels channels) {
        return loader(types, channels, System.getenv());
    }

    /** @param environment what {@code ${VAR}} in the file is replaced with */
    static ConfigLoader loader(CheckTypes types, Map<String, String> environment) {
        return loader(types, Channels.standard(), environment);
    }

    static ConfigLoader loader(CheckTypes types, Channels channels, Map<String, String> environment) {
        return new ConfigLoader(types, channels, environment);
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
