package dev.lookout.cli;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.importer.Imported;
import dev.lookout.importer.Variable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Where {@code lookout import} writes, and what it tells: the summary, one line per thing not
 * carried over, the environment variables to set, and whether the file loads as
 * {@code lookout validate} loads it (with sample values for those variables).
 */
final class ImportOutput {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The file to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("lookout.yaml");

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    int write(Imported imported, String source, PrintWriter stdout, PrintWriter err) {
        if (Files.exists(out) && !force) {
            err.println("lookout import: " + out + " exists; give --force to replace it, or --out another file");
            err.flush();
            return 2;
        }
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".lookout-import", ".yaml");
            Files.writeString(temporary, imported.yaml());
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            err.println("lookout import: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        stdout.println("wrote " + out + ": " + imported.summary());
        imported.notes().forEach(note -> stdout.println("  " + note));
        if (!imported.notCarried().isEmpty()) {
            stdout.println("not carried over (" + imported.notCarried().size() + "):");
            imported.notCarried().forEach(line -> stdout.println("  " + line));
        }
        if (!imported.variables().isEmpty()) {
            stdout.println("set these environment variables (their values stay in " + source + "; none was written to " + out + "):");
            int width = imported.variables().stream().mapToInt(v -> v.name().length()).max().orElse(0);
            imported.variables().forEach(v -> stdout.printf("  %-" + width + "s  %s%n", v.name(), v.origin()));
        }
        int exit = check(imported, stdout, err);
        stdout.flush();
        err.flush();
        return exit;
    }

    /** Loads the file as {@code validate} does, with each variable set to a sample of its form. */
    private int check(Imported imported, PrintWriter stdout, PrintWriter err) {
        Map<String, String> samples = imported.variables().stream().collect(Collectors.toMap(Variable::name, Variable::sample));
        try {
            LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Channels.standard(), samples).load(out);
            stdout.printf("%s: valid (%d monitors, %d components)%s%n", out, config.monitors().size(), config.components().size(),
                    samples.isEmpty() ? "" : " once these variables are set");
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println("lookout import: " + out + " was written but does not validate: a fault of the importer; please report it with"
                    + " the lines above");
            return 1;
        }
    }
}
