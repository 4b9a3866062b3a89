package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lookout validate FILE}: exit 0 when the file is valid, 2 with every error listed otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Check a configuration file and list every error with its line.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (lookout.yaml).")
    Path file;

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
        spec.commandLine().getOut().printf("%s: valid (%d monitors, %d components)%n", file, config.monitors().size(),
                config.components().size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
