package dev.lookout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code lookout version}: the version of this build and the JVM running it. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Print the Lookout version and the Java runtime.")
final class VersionCommand implements Runnable {

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("lookout " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.vendor") + ")");
        spec.commandLine().getOut().flush();
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lookout " + version()};
        }
    }
}
