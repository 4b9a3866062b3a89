package dev.lookout.cli;

import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.ManagedMonitors;
import dev.lookout.store.OpenedRepository;
import dev.lookout.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lookout export-config [-c FILE] [--out FILE]}: writes the monitors managed in the console
 * (from the database of {@code storage.url}) as a {@code monitors:} list, each entry as it was
 * written, so that a team can move them into {@code lookout.yaml} and version control. {@code lookout
 * validate lookout.yaml --monitors FILE} checks them beside the file before the move.
 */
@Command(name = "export-config", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Write the monitors managed in the console as YAML for lookout.yaml.")
final class ExportConfigCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration whose storage.url holds the monitors (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (must not exist) instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ConfigOption.run(spec, config, (loaded, stdout, err) -> {
            List<ManagedMonitor> monitors;
            try (OpenedRepository<ManagedMonitors> stored = Stores.managedMonitors(loaded.storage().url())) {
                monitors = stored.get().all();
            }
            String yaml = yaml(monitors, config);
            if (out == null) {
                stdout.print(yaml);
                return 0;
            }
            try {
                Files.writeString(out, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                err.println("lookout export-config: " + out + " exists: choose another --out");
                return AdminCommand.EXIT_REFUSED;
            } catch (IOException e) {
                err.println("lookout export-config: cannot write " + out + ": " + e.getMessage());
                return AdminCommand.EXIT_REFUSED;
            }
            stdout.printf("wrote %d console monitors to %s%n", monitors.size(), out);
            return 0;
        });
    }

    /** A {@code monitors:} list of the definitions as written, with how to move them. */
    static String yaml(List<ManagedMonitor> monitors, Path config) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# ").append(monitors.size()).append(monitors.size() == 1 ? " monitor" : " monitors")
                .append(" managed in Lookout's console. To keep them in version control, move the entries\n")
                .append("# under monitors: in ").append(config.getFileName()).append(" (check first with\n")
                .append("# `lookout validate ").append(config.getFileName()).append(" --monitors THIS_FILE`), then delete\n")
                .append("# them in the console: while both define an id, the file's definition runs.\n");
        if (monitors.isEmpty()) {
            return yaml.append("monitors: []\n").toString();
        }
        yaml.append("monitors:\n");
        for (ManagedMonitor monitor : monitors) {
            String[] lines = monitor.definition().stripTrailing().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].stripTrailing();
                yaml.append(i == 0 ? "  - " : line.isEmpty() ? "" : "    ").append(line).append('\n');
            }
        }
        return yaml.toString();
    }
}
