package dev.lookout.web;

import dev.lookout.config.ConsoleMonitors;
import dev.lookout.config.ManagedMonitor;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The console monitors' writes for the API and the console's forms alike: each calls
 * {@link ConsoleMonitors} as the caller and notes the monitor before and after for the audit log
 * (as data, so that {@link dev.lookout.audit.AuditJson} redacts its secrets by key).
 */
public final class MonitorWrites {
    private MonitorWrites() {
    }

    public static ManagedMonitor create(ConsoleMonitors monitors, Context ctx, String definition)
            throws ConsoleMonitors.Refusal {
        ManagedMonitor created = monitors.create(definition, Caller.of(ctx).name());
        AuditNote.of(ctx).object("monitor", created.id()).before(null).after(audited(created));
        return created;
    }

    public static ManagedMonitor update(ConsoleMonitors monitors, Context ctx, String id, String definition, Long version)
            throws ConsoleMonitors.Refusal {
        Optional<ManagedMonitor> before = monitors.find(id);
        ManagedMonitor updated = monitors.update(id, definition, version, Caller.of(ctx).name());
        AuditNote.of(ctx).object("monitor", id).before(before.map(MonitorWrites::audited).orElse(null)).after(audited(updated));
        return updated;
    }

    public static ManagedMonitor delete(ConsoleMonitors monitors, Context ctx, String id, Long version)
            throws ConsoleMonitors.Refusal {
        ManagedMonitor deleted = monitors.delete(id, version);
        AuditNote.of(ctx).object("monitor", id).before(audited(deleted)).after(null);
        return deleted;
    }

    /** The definition as data; only the id if it is not a mapping. */
    private static Object audited(ManagedMonitor m) {
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(m.definition());
            return parsed instanceof Map<?, ?> ? parsed : Map.of("id", m.id());
        } catch (RuntimeException e) {
            return Map.of("id", m.id());
        }
    }
}
