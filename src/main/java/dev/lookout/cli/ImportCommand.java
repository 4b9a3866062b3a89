package dev.lookout.cli;

import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.gatus.GatusImport;
import dev.lookout.importer.healthchecks.HealthchecksImport;
import dev.lookout.importer.kuma.KumaImport;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lookout import kuma|gatus|healthchecks}: writes a {@code lookout.yaml} from another tool's
 * configuration and says what could not be carried over. Exit 0 when written, 1 when written but
 * not valid (a fault of the importer), 2 for bad input or an existing file, 3 when Healthchecks
 * cannot be reached.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Write a lookout.yaml from Uptime Kuma, Gatus or Healthchecks, listing what could not be carried over.",
        subcommands = {ImportCommand.Kuma.class, ImportCommand.Gatus.class, ImportCommand.Healthchecks.class})
final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * One source: what it reads and how it names where the secrets stay; the writing and the
     * report are {@link ImportOutput}'s, the same for every source.
     */
    abstract static class Source implements Callable<Integer> {
        @Mixin
        ImportOutput output;

        @Spec
        CommandSpec spec;

        abstract Imported read() throws ImportException;

        /** Where the values of the secrets stay, in "their values stay in ...". */
        abstract String origin();

        @Override
        public final Integer call() {
            Imported imported;
            try {
                imported = read();
            } catch (ImportException e) {
                spec.commandLine().getErr().println("lookout import: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return e.unreachable() ? 3 : 2;
            }
            return output.write(imported, origin(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "kuma", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "From Uptime Kuma: its database (kuma.db, 1.23 or 2.x; or Kuma 2 on MariaDB with --db) or a 1.x JSON"
                    + " backup.")
    static final class Kuma extends Source {
        static final String PASSWORD_VARIABLE = "KUMA_DB_PASSWORD";

        @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP.json|kuma.db", description = "Kuma's SQLite database or a JSON backup.")
        Path file;

        @Option(names = "--db", paramLabel = "mariadb://USER[:PASSWORD]@HOST[:PORT]/DATABASE",
                description = "Kuma 2's MariaDB database instead of a file (the password also from the environment variable "
                        + PASSWORD_VARIABLE + ").")
        String db;

        @Override
        Imported read() throws ImportException {
            if ((file == null) == (db == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Give either a file (kuma.db or a JSON backup) or --db mariadb://USER@HOST/DATABASE");
            }
            return file != null ? KumaImport.read(file)
                    : KumaImport.readMariaDb(db, ((Main) spec.root().userObject()).environment().get(PASSWORD_VARIABLE));
        }

        @Override
        String origin() {
            return "Uptime Kuma";
        }
    }

    @Command(name = "gatus", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "From a Gatus configuration file.")
    static final class Gatus extends Source {
        @Parameters(index = "0", paramLabel = "config.yaml", description = "Gatus' configuration file.")
        Path file;

        @Override
        Imported read() throws ImportException {
            return GatusImport.read(file);
        }

        @Override
        String origin() {
            return "the Gatus configuration";
        }
    }

    @Command(name = "healthchecks", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
            description = "From a Healthchecks project, through its Management API v3.")
    static final class Healthchecks extends Source {
        static final String KEY_VARIABLE = "HEALTHCHECKS_API_KEY";

        @Option(names = "--url", paramLabel = "URL", description = "Healthchecks' site root (default: ${DEFAULT-VALUE}).")
        URI url = URI.create("https://healthchecks.io");

        @Option(names = "--api-key", paramLabel = "KEY",
                description = "The project's read-write API key (default: the environment variable " + KEY_VARIABLE + ").")
        String apiKey;

        @Override
        Imported read() throws ImportException {
            String key = apiKey != null ? apiKey : ((Main) spec.root().userObject()).environment().get(KEY_VARIABLE);
            if (key == null || key.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Missing the API key: give --api-key KEY or set " + KEY_VARIABLE);
            }
            return HealthchecksImport.fetch(url, key.trim());
        }

        @Override
        String origin() {
            return "Healthchecks";
        }
    }
}
