package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import dev.lookout.storage.StoreException;
import dev.lookout.store.Backups;
import dev.lookout.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lookout backup FILE} and {@code lookout restore FILE}: a consistent copy of Lookout's database, and putting it back. */
final class BackupCommand {
    private BackupCommand() {
    }

    /** What a command does with the configuration's storage: the line to print, or a StoreException. */
    private interface StorageAction {
        String run(LookoutConfig config);
    }

    /** Loads the configuration and runs the action, printing its line or why it was refused; the exit status. */
    private static int run(CommandSpec spec, Path file, StorageAction action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.root().userObject();
        LookoutConfig loaded = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), main.environment()), file, err);
        if (loaded == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        try {
            out.println(action.run(loaded));
            return 0;
        } catch (StoreException e) {
            err.println("lookout: " + e.getMessage());
            return AdminCommand.EXIT_REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of Lookout's database (storage.url of --config) to FILE, while Lookout runs:"
                    + " SQLite's VACUUM INTO, or pg_dump's custom format of Lookout's schema on PostgreSQL.")
    static final class Backup implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The copy to write; must not exist.")
        Path file;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config = ConfigOption.DEFAULT;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, config, loaded -> {
                Backups.Copy copy = Backups.backup(loaded.storage().url(), file);
                return "backed up " + copy.database() + " to " + copy.file() + " (" + copy.bytes() + " bytes)";
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put the copy in FILE (from lookout backup) in the place of Lookout's database (storage.url of"
                    + " --config) and accept it as Lookout's. Lookout must be stopped; start it again afterwards.")
    static final class Restore implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A copy written by lookout backup.")
        Path file;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config = ConfigOption.DEFAULT;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, config, loaded -> {
                StoreOptions options = StoreOptions.defaults().withNode(loaded.server().nodeName())
                        .withStateFile(loaded.storage().stateFile());
                String database = Backups.restore(loaded.storage().url(), file, options);
                return "restored " + file.toAbsolutePath().normalize() + " into " + database
                        + " and accepted it as Lookout's database. Start Lookout again.";
            });
        }
    }
}
