package dev.lookout.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.evaluate.MassFailureGuard;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The members of a {@link MassFailureGuard.State} as stored: {@code {"members": [...], "confirmed": [...]}}. */
final class GuardJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Members(List<String> members, List<String> confirmed) {
    }

    private GuardJson() {
    }

    static String write(MassFailureGuard.State state) {
        try {
            return JSON.writeValueAsString(Map.of("members", List.copyOf(state.members()), "confirmed",
                    List.copyOf(state.confirmed())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the mass-failure guard's members", e);
        }
    }

    static MassFailureGuard.State read(Instant trippedAt, Instant holdUntil, String json) {
        try {
            Members m = JSON.readValue(json, Members.class);
            return trippedAt == null ? MassFailureGuard.State.INACTIVE : new MassFailureGuard.State(trippedAt, holdUntil,
                    new LinkedHashSet<>(m.members()), new LinkedHashSet<>(m.confirmed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable members in mass_failure_guards: " + json, e);
        }
    }
}
