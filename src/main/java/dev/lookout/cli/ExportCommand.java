package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import dev.lookout.status.StaticSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lookout export --out DIR [--url URL | --config FILE]}: copies the public site of a
 * running Lookout (status page, history, incident and maintenance pages, {@code /api/v2}
 * documents, feeds) into a directory that any static web server can host during a full outage of
 * Lookout. Exit 0 when everything was copied, 1 when some linked page failed (the rest is
 * written), 2 for bad usage or configuration, 3 when Lookout cannot be reached.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Copy the public status site of a running Lookout into a directory of static files.")
final class ExportCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (replaced as a whole).")
    Path out;

    @Option(names = "--url", paramLabel = "URL", description = "The running Lookout (default: the config's server.listen).")
    URI url;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StaticSite site;
        if (url != null) {
            site = new StaticSite(url, TIMEOUT);
        } else {
            LookoutConfig loaded = ConfigOption.load(ConfigOption.loader(CheckTypes.standard()), config, err);
            if (loaded == null) {
                return ConfigOption.EXIT_INVALID_CONFIG;
            }
            site = StaticSite.of(loaded, loaded.server().port(), TIMEOUT);
        }
        StaticSite.Export export;
        try {
            export = site.crawl();
        } catch (IOException e) {
            err.println("lookout export: cannot read " + site.base() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
        try {
            StaticSite.write(export, out);
        } catch (IOException | RuntimeException e) {
            err.println("lookout export: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        stdout.printf("exported %d files (%d KB) from %s to %s%n", export.files().size(), export.bytes() / 1024, site.base(), out);
        export.failures().forEach(f -> err.println("lookout export: not copied: " + f));
        return export.failures().isEmpty() ? 0 : 1;
    }
}
