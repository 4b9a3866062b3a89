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

    /** What a command does with a loaded configuration; its exit status. */
    interface Configured {
        int run(LookoutConfig config, PrintWriter out, PrintWriter err);
    }

    /**
     * Loads {@code file} as the command's configuration and runs the action: 2 when the file is
     * invalid (its errors printed), 1 when the database refused (a {@code StoreException}) or the
     * input was wrong (an {@code IllegalArgumentException}), with one line saying why.
     */
    static int run(picocli.CommandLine.Model.CommandSpec spec, Path file, Configured action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.root().userObject();
        LookoutConfig config = load(loader(CheckTypes.standard(), main.environment()), file, err);
        if (config == null) {
            return EXIT_INVALID_CONFIG;
        }
        try {
            return action.run(config, out, err);
        } catch (dev.lookout.storage.StoreException | IllegalArgumentException e) {
            err.println("lookout: " + e.getMessage());
            return AdminCommand.EXIT_REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
