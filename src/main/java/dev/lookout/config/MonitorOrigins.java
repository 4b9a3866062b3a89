package dev.lookout.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each monitor of a configuration comes from, the console's monitors that were left out and
 * why ({@code problems}: an id the file defines too, a definition the file no longer accepts), and
 * how to build the configuration again with other console monitors beside the same file.
 */
public final class MonitorOrigins {
    /** A configuration built in code: no file to point at, no console monitors to add. */
    public static final MonitorOrigins NONE = new MonitorOrigins(Map.of(), List.of(), null);

    private final Map<String, MonitorOrigin> byId;
    private final List<ConfigError> problems;
    private final Function<List<ManagedMonitor>, LookoutConfig> withManaged;

    MonitorOrigins(Map<String, MonitorOrigin> byId, List<ConfigError> problems,
                   Function<List<ManagedMonitor>, LookoutConfig> withManaged) {
        this.byId = Map.copyOf(byId);
        this.problems = List.copyOf(problems);
        this.withManaged = withManaged;
    }

    public Optional<MonitorOrigin> of(String monitorId) {
        return Optional.ofNullable(byId.get(monitorId));
    }

    /** The console's monitors left out, each error naming the monitor ({@link ManagedMonitor#sourceName()}). */
    public List<ConfigError> problems() {
        return problems;
    }

    /** The errors of one console monitor (empty when it runs). */
    public List<ConfigError> problemsOf(String monitorId) {
        String name = new ManagedMonitor(monitorId, "", 0, null, null, null, null).sourceName();
        return problems.stream().filter(p -> p.file().equals(name)).toList();
    }

    /** Whether the configuration can take console monitors (it was read from a file). */
    boolean acceptsManaged() {
        return withManaged != null;
    }

    LookoutConfig withManaged(List<ManagedMonitor> managed) {
        return withManaged.apply(managed);
    }
}
