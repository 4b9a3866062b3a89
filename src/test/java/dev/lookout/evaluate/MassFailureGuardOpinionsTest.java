package dev.lookout.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.config.AlertingConfig.MassFailureConfig;
import dev.lookout.probe.SecondOpinions.Opinion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard with the probes' second opinion: DOWN from them confirms at once, UP from them holds past the pause. */
class MassFailureGuardOpinionsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final MassFailureConfig SETTINGS = new MassFailureConfig(true, 0.5, 3, Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(1));
    private final MassFailureGuard guard = new MassFailureGuard();
    private final Map<String, Opinion> said = new HashMap<>();

    @BeforeEach
    void trip() {
        for (String id : List.of("a", "b", "c", "d")) {
            guard.onDown(id, T0, 4, SETTINGS);
        }
        assertThat(guard.active()).isTrue();
    }

    private Opinion opinion(String id) {
        return said.getOrDefault(id, Opinion.NONE);
    }

    @Test
    void what_the_probes_see_down_too_is_confirmed_before_the_pause_is_over() {
        said.put("a", Opinion.DOWN);
        said.put("b", Opinion.UP);
        said.put("c", Opinion.SPLIT);
        assertThat(guard.confirm(T0.plusSeconds(15), id -> true, this::opinion)).containsExactly("a");
        assertThat(guard.holds("a", T0.plusSeconds(15), opinion("a"))).isFalse();
        assertThat(guard.holds("b", T0.plusSeconds(15), opinion("b"))).isTrue();
        assertThat(guard.holds("c", T0.plusSeconds(15), opinion("c"))).isTrue();
    }

    @Test
    void what_the_probes_reach_stays_held_after_the_pause_and_the_rest_is_confirmed_then() {
        said.put("b", Opinion.UP);
        Instant after = T0.plus(SETTINGS.confirmAfter()).plusSeconds(1);
        assertThat(guard.pausing(after)).isFalse();
        assertThat(guard.confirm(after, id -> true, this::opinion)).containsExactly("a", "c", "d");
        assertThat(guard.holds("b", after, opinion("b"))).as("the node's own problem: held while the probes reach it").isTrue();
        said.put("b", Opinion.DOWN);
        assertThat(guard.confirm(after.plusSeconds(5), id -> true, this::opinion)).containsExactly("b");
        assertThat(guard.state().unconfirmed()).isEmpty();
    }

    @Test
    void a_member_no_longer_down_is_not_confirmed_whatever_the_probes_say() {
        said.put("a", Opinion.DOWN);
        assertThat(guard.confirm(T0.plusSeconds(5), id -> !id.equals("a"), this::opinion)).isEmpty();
    }
}
