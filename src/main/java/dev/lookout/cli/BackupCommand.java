package dev.lookout.cli;

import dev.lookout.store.Backups;
import dev.lookout.store.StoreOptions;
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
            return ConfigOption.run(spec, config, (loaded, out, err) -> {
                Backups.Copy copy = Backups.backup(loaded.storage().url(), file);
                out.println("backed up " + copy.database() + " to " + copy.file() + " (" + copy.bytes() + " bytes)");
                return 0;
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
            return ConfigOption.run(spec, config, (loaded, out, err) -> {
                StoreOptions options = StoreOptions.defaults().withNode(loaded.server().nodeName())
                        .withStateFile(loaded.storage().stateFile());
                String database = Backups.restore(loaded.storage().url(), file, options);
                out.println("restored " + file.toAbsolutePath().normalize() + " into " + database
                        + " and accepted it as Lookout's database. Start Lookout again.");
                return 0;
            });
        }
    }
}
