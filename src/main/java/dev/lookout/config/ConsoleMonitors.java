package dev.lookout.config;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Creating, changing and deleting the monitors managed in the console and the API. Each write is
 * checked first as the node will read it: the running file's configuration with every console
 * monitor, this one included ({@link LookoutConfig#withManagedMonitors}), so a monitor is stored
 * only when it would run; then {@code changed} applies it on this node (other nodes notice the
 * table's change within seconds).
 */
public final class ConsoleMonitors {
    /** A definition longer than this is refused: a monitor is a few hundred bytes. */
    static final int MAX_DEFINITION = 64 * 1024;

    private final ManagedMonitors monitors;
    private final Supplier<LookoutConfig> config;
    private final InstantSource clock;
    private final Runnable changed;

    public ConsoleMonitors(ManagedMonitors monitors, Supplier<LookoutConfig> config, InstantSource clock, Runnable changed) {
        this.monitors = monitors;
        this.config = config;
        this.clock = clock;
        this.changed = changed;
    }

    /** Why a write was refused; {@code errors} locate what is wrong in the definition. */
    public static final class Refusal extends Exception {
        /** What kind of refusal, for the HTTP status. */
        public enum Kind { INVALID, NOT_FOUND, IN_FILE, TAKEN, STALE }

        private final Kind kind;
        private final List<ConfigError> errors;

        Refusal(Kind kind, String message, List<ConfigError> errors) {
            super(message, null, false, false);
            this.kind = kind;
            this.errors = List.copyOf(errors);
        }

        public Kind kind() {
            return kind;
        }

        public List<ConfigError> errors() {
            return errors;
        }
    }

    public List<ManagedMonitor> list() {
        return monitors.all();
    }

    public Optional<ManagedMonitor> find(String id) {
        return monitors.find(id);
    }

    /** Stores a new monitor from its YAML definition (one {@code monitors:} entry). */
    public ManagedMonitor create(String definition, String actor) throws Refusal {
        String id = idOf(definition);
        refuseIfInFile(id);
        List<ManagedMonitor> all = new ArrayList<>(monitors.all());
        if (all.stream().anyMatch(m -> m.id().equals(id))) {
            throw new Refusal(Refusal.Kind.TAKEN, "a console monitor with id '" + id + "' exists: change it instead", List.of());
        }
        all.add(draft(id, definition));
        check(id, all);
        ManagedMonitor created = monitors.create(id, definition, actor, clock.instant()).orElseThrow(() -> new Refusal(
                Refusal.Kind.TAKEN, "a console monitor with id '" + id + "' was created meanwhile", List.of()));
        changed.run();
        return created;
    }

    /**
     * Replaces a console monitor's definition (its id stays).
     *
     * @param expectedVersion the version the editor read; null: whatever is stored now
     */
    public ManagedMonitor update(String id, String definition, Long expectedVersion, String actor) throws Refusal {
        refuseIfInFile(id);
        ManagedMonitor current = existing(id);
        String given = idOf(definition);
        if (!given.equals(id)) {
            throw invalid(id, new ConfigError(draft(id, definition).sourceName(), 0, 0, "id",
                    "must stay '" + id + "' (create a new monitor for another id)"));
        }
        long version = expectedVersion == null ? current.version() : expectedVersion;
        List<ManagedMonitor> all = new ArrayList<>(monitors.all().stream().filter(m -> !m.id().equals(id)).toList());
        all.add(draft(id, definition));
        check(id, all);
        ManagedMonitor updated = monitors.update(id, definition, version, actor, clock.instant())
                .orElseThrow(() -> stale(id, version));
        changed.run();
        return updated;
    }

    /** Deletes a console monitor; returns it as it was. Refused while another console monitor depends on it. */
    public ManagedMonitor delete(String id, Long expectedVersion) throws Refusal {
        refuseIfInFile(id);
        ManagedMonitor current = existing(id);
        long version = expectedVersion == null ? current.version() : expectedVersion;
        List<ManagedMonitor> rest = monitors.all().stream().filter(m -> !m.id().equals(id)).toList();
        List<ConfigError> before = config.get().withManagedMonitors(monitors.all()).origins().problems();
        List<ConfigError> broken = config.get().withManagedMonitors(rest).origins().problems().stream()
                .filter(p -> !before.contains(p)).toList();
        if (!broken.isEmpty()) {
            throw new Refusal(Refusal.Kind.TAKEN, "other monitors need '" + id + "': " + broken.getFirst(), broken);
        }
        if (!monitors.delete(id, version)) {
            throw stale(id, version);
        }
        changed.run();
        return current;
    }

    private ManagedMonitor existing(String id) throws Refusal {
        return monitors.find(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no console monitor with id '" + id
                + "'", List.of()));
    }

    private void refuseIfInFile(String id) throws Refusal {
        Optional<MonitorOrigin> origin = config.get().origins().of(id).filter(MonitorOrigin::fromFile);
        if (origin.isPresent()) {
            throw new Refusal(Refusal.Kind.IN_FILE, "monitor '" + id + "' is defined in " + origin.get().describe()
                    + ": change it there", List.of());
        }
    }

    /** The configuration with these console monitors; refused with the monitor's errors if it would be left out. */
    private void check(String id, List<ManagedMonitor> all) throws Refusal {
        List<ConfigError> errors = config.get().withManagedMonitors(all).origins().problemsOf(id);
        if (!errors.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + " in monitor '" + id + "': " + errors.getFirst(), errors);
        }
    }

    private static Refusal invalid(String id, ConfigError error) {
        return new Refusal(Refusal.Kind.INVALID, "monitor '" + id + "': " + error, List.of(error));
    }

    private static Refusal stale(String id, long version) {
        return new Refusal(Refusal.Kind.STALE, "console monitor '" + id + "' is no longer at version " + version
                + " (changed or deleted meanwhile): read it again", List.of());
    }

    private ManagedMonitor draft(String id, String definition) {
        return new ManagedMonitor(id, definition, 0, clock.instant(), "", clock.instant(), "");
    }

    /** The {@code id:} of a definition, or a refusal saying why there is none. */
    static String idOf(String definition) throws Refusal {
        String where = "the definition";
        if (definition == null || definition.isBlank()) {
            throw new Refusal(Refusal.Kind.INVALID, "the definition is empty: expected a monitor (id, type, ...)",
                    List.of(new ConfigError(where, 0, 0, "", "expected a monitor (a mapping with id, type, ...)")));
        }
        if (definition.length() > MAX_DEFINITION) {
            throw new Refusal(Refusal.Kind.INVALID, "the definition is longer than " + MAX_DEFINITION + " characters",
                    List.of(new ConfigError(where, 0, 0, "", "longer than " + MAX_DEFINITION + " characters")));
        }
        Object parsed;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            parsed = new Yaml(options).load(definition);
        } catch (YAMLException e) {
            String message = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked ? marked.getProblem()
                    : e.getMessage();
            var mark = e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked ? marked.getProblemMark() : null;
            throw new Refusal(Refusal.Kind.INVALID, "invalid YAML: " + message, List.of(new ConfigError(where,
                    mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, "", "invalid YAML: "
                    + message)));
        }
        if (!(parsed instanceof java.util.Map<?, ?> map)) {
            throw new Refusal(Refusal.Kind.INVALID, "expected a monitor (a mapping with id, type, ...)",
                    List.of(new ConfigError(where, 1, 1, "", "expected a monitor (a mapping with id, type, ...)")));
        }
        Object id = map.get("id");
        if (!(id instanceof String text) || !ConfigLoader.validId(text)) {
            String message = id == null ? "missing required key 'id'" : "'" + id + "' is not a valid id (letters, digits, '_',"
                    + " '-', '.'; at most 100)";
            throw new Refusal(Refusal.Kind.INVALID, message, List.of(new ConfigError(where, 0, 0, "id", message)));
        }
        return text;
    }
}
