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
    private final Map<String, Supplier<Object>> details = new LinkedHashMap<>();

    public Readiness add(String name, Supplier<Optional<String>> problem) {
        parts.put(name, problem);
        return this;
    }

    /** A figure /readyz shows beside the problems whether or not the node is ready (e.g. what storage outages dropped). */
    public Readiness detail(String name, Supplier<Object> detail) {
        details.put(name, detail);
        return this;
    }

    /** The details by name, in registration order; a detail that fails to compute shows its error. */
    public Map<String, Object> details() {
        Map<String, Object> out = new LinkedHashMap<>();
        details.forEach((name, detail) -> {
            try {
                out.put(name, detail.get());
            } catch (RuntimeException e) {
                out.put(name, Map.of("error", String.valueOf(e.getMessage())));
            }
        });
        return out;
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
