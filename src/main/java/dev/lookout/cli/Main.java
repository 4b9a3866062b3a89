package dev.lookout.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lookout} executable: one picocli sub-command per verb. */
@Command(name = "lookout", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Self-hosted uptime monitor, alerting engine and status page.",
        subcommands = {ServeCommand.class, ValidateCommand.class, CheckCommand.class, NotifyTestCommand.class,
                VersionCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
