package dev.lookout.cli;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loading the configuration the same way for every command, and printing its errors the same way. */
final class ConfigOption {
    static final Path DEFAULT = Path.of("examples/lookout.yaml");
    static final int EXIT_INVALID_CONFIG = 2;

    private ConfigOption() {
    }

    static ConfigLoader loader(CheckTypes types) {
        return loader(types, Channels.standard());
    }

    /** With the registry that will also build the channels, so that the settings it read are its own. */
    static ConfigLoader loader(CheckTypes types, Channels channels) {
        return new ConfigLoader(types, channels, System.getenv());
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
