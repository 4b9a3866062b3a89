package dev.lookout.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of {@link Incidents} or {@link Maintenances}; one that throws does not keep the others from hearing. */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<IncidentListener> all = new CopyOnWriteArrayList<>();

    void add(IncidentListener listener) {
        all.add(listener);
    }

    void tell(String what, Consumer<IncidentListener> call) {
        for (IncidentListener listener : all) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("{} is stored, but a listener failed on it: {}", what, e.getMessage(), e);
            }
        }
    }

    /** The updates {@code after} has beyond the {@code before} ones (updates are only ever appended). */
    static List<Update> added(List<Update> before, List<Update> after) {
        return List.copyOf(after.subList(Math.min(before.size(), after.size()), after.size()));
    }
}
