package dev.lookout.config;

/**
 * Where a monitor is defined: a line of the configuration file, or the console (a
 * {@link ManagedMonitor}); with its definition as written, for "copy as YAML".
 *
 * @param file    the configuration file, or the managed monitor's {@link ManagedMonitor#sourceName()}
 * @param line    the line of its entry in the file; 0 for a managed monitor
 * @param yaml    the entry as written (comments kept, environment variables not substituted)
 * @param managed the stored monitor when it is managed in the console; null for one from the file
 */
public record MonitorOrigin(String file, int line, String yaml, ManagedMonitor managed) {

    public boolean fromFile() {
        return managed == null;
    }

    /** {@code lookout.yaml line 12}, or {@code the console}. */
    public String describe() {
        return fromFile() ? file + " line " + line : "the console";
    }
}
