package dev.lookout.incident;

import java.util.Collection;
import java.util.function.Supplier;

/** Checks that the components a request names exist in the current configuration. */
final class Components {
    private final Supplier<? extends Collection<String>> known;

    Components(Supplier<? extends Collection<String>> known) {
        this.known = known;
    }

    void require(Collection<String> ids) {
        Collection<String> all = known.get();
        for (String id : ids) {
            if (!all.contains(id)) {
                throw IncidentException.invalid("unknown component '" + id + "' (known: "
                        + (all.isEmpty() ? "none configured" : String.join(", ", all)) + ")");
            }
        }
    }
}
