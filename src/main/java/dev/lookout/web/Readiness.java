package dev.lookout.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checks behind {@code /readyz}: each named part (config, store, scheduler) says what is wrong
 * with it, or nothing. Ready means every part is fine: a health check that looks at state, not
 * only at whether the port answers.
 */
public final class Readiness {
    private final Map<String, Supplier<Optional<String>>> parts = new LinkedHashMap<>();

    public Readiness add(String name, Supplier<Optional<String>> problem) {
        parts.put(name, problem);
        return this;
    }

    /** Each failing part with its reason, in registration order; empty when ready. */
    public Map<String, String> problems() {
        Map<String, String> out = new LinkedHashMap<>();
        parts.forEach((name, check) -> {
            try {
                check.get().ifPresent(p -> out.put(name, p));
            } catch (RuntimeException e) {
                out.put(name, String.valueOf(e.getMessage()));
            }
        });
        return out;
    }
}
