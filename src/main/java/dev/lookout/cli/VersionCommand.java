package dev.lookout.cli;

import dev.lookout.build.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code lookout version}: the version of this build and the JVM running it. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Print the Lookout version and the Java runtime.")
final class VersionCommand implements Runnable {

    static String version() {
        return BuildInfo.current().version();
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(BuildInfo.current().describe() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.vendor") + ")");
        spec.commandLine().getOut().flush();
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().describe()};
        }
    }
}
