package dev.lookout.cli;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lookout schema}: the JSON Schema of lookout.yaml, for editors, made from the keys the loader reads. */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Print the JSON Schema of lookout.yaml (for editors: # yaml-language-server: $schema=FILE).")
final class SchemaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(ConfigSchema.text(CheckTypes.standard(), Channels.standard()));
        spec.commandLine().getOut().flush();
    }
}
