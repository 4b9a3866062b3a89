package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigError;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ManagedMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lookout validate FILE [--monitors FILE]}: exit 0 when the file is valid, 2 with every error listed otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Check a configuration file and list every error with its line.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (lookout.yaml).")
    Path file;

    @Option(names = "--monitors", paramLabel = "FILE", description = "Also check these monitors (a monitors: list, such as"
            + " `lookout export-config` writes) as if they were added to FILE.")
    Path monitors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        LookoutConfig config = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), main.environment()), file,
                spec.commandLine().getErr());
        if (config == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        if (monitors != null) {
            config = withMonitors(config);
            if (config == null) {
                return ConfigOption.EXIT_INVALID_CONFIG;
            }
        }
        spec.commandLine().getOut().printf("%s: valid (%d monitors, %d components)%n", file, config.monitors().size(),
                config.components().size());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The configuration with the monitors of {@link #monitors} read as console monitors are (the
     * same reader, in the file's context); null after printing each error at its line in that file.
     */
    private LookoutConfig withMonitors(LookoutConfig config) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        List<ConfigLoader.MonitorEntry> entries;
        try {
            entries = ConfigLoader.monitorEntries(monitors.toString(), Files.readString(monitors));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return null;
        } catch (IOException e) {
            err.println("lookout validate: cannot read " + monitors + ": " + e.getMessage());
            err.flush();
            return null;
        }
        Map<String, ConfigLoader.MonitorEntry> byName = new HashMap<>();
        List<ManagedMonitor> managed = entries.stream().map(e -> {
            ManagedMonitor m = new ManagedMonitor(e.id(), e.yaml(), 1, null, null, null, null);
            byName.put(m.sourceName(), e);
            return m;
        }).toList();
        LookoutConfig merged = config.withManagedMonitors(managed);
        if (merged.origins().problems().isEmpty()) {
            return merged;
        }
        List<ConfigError> errors = merged.origins().problems().stream().map(p -> {
            ConfigLoader.MonitorEntry entry = byName.get(p.file());
            int line = entry == null || p.line() == 0 ? entry == null ? 0 : entry.line() : entry.line() + p.line() - 1;
            return new ConfigError(monitors.toString(), line, p.line() == 0 ? 1 : p.column(),
                    "monitor '" + (entry == null ? "?" : entry.id()) + "'" + (p.path().isEmpty() ? "" : "." + p.path()),
                    p.message());
        }).toList();
        err.println(new ConfigException(errors).getMessage());
        err.flush();
        return null;
    }
}
