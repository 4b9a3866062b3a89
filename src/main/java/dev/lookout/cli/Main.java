package dev.lookout.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code lookout} executable: one picocli sub-command per verb. It holds the
 * process environment and standard input for the commands that read them, so that tests can
 * give their own.
 */
@Command(name = "lookout", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Self-hosted uptime monitor, alerting engine and status page.",
        subcommands = {ServeCommand.class, ClusterCommand.class, ValidateCommand.class, SchemaCommand.class, CheckCommand.class, NotifyTestCommand.class,
                IncidentCommand.class, MaintenanceCommand.class, MonitorCommand.class, StorageCommand.class, BackupCommand.Backup.class,
                BackupCommand.Restore.class, ProbeCommand.class, ProbeTokenCommand.class, ExportCommand.class, ExportConfigCommand.class,
                ImportCommand.class,
                UserCommand.class, ApiKeyCommand.class, AuditCommand.class, VersionCommand.class})
public final class Main implements Runnable {
    private final Map<String, String> environment;
    private final InputStream stdin;

    public Main() {
        this(System.getenv(), System.in);
    }

    Main(Map<String, String> environment, InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    Map<String, String> environment() {
        return environment;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
