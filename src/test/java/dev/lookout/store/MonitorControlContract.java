package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.control.MonitorControl;
import dev.lookout.control.MonitorControlRepository;
import dev.lookout.control.Pause;
import dev.lookout.control.Silence;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with the monitors' controls (pauses, silences, checks asked for),
 * whatever the database; mixed into {@link StoreContract}, so that it runs on SQLite and on
 * PostgreSQL.
 */
interface MonitorControlContract {
    Instant AT = Instant.parse("2026-03-10T12:30:00Z");

    Store store();

    /** The one control of {@code monitorId}, or null. */
    private MonitorControl control(String monitorId) {
        return store().monitorControls().all().stream().filter(c -> c.monitorId().equals(monitorId)).findFirst().orElse(null);
    }

    @Test
    default void a_pause_and_a_silence_are_read_back_replaced_and_taken_back_apart() {
        MonitorControlRepository controls = store().monitorControls();
        assertThat(controls.all()).isEmpty();
        controls.pause("db", new Pause("moving racks", "ada", AT, null));
        controls.silence("db", new Silence(null, "bob", AT, AT.plusSeconds(3600)));
        assertThat(control("db")).isEqualTo(new MonitorControl("db", new Pause("moving racks", "ada", AT, null),
                new Silence(null, "bob", AT, AT.plusSeconds(3600)), null, null));

        controls.pause("db", new Pause("still moving", "bob", AT.plusSeconds(60), AT.plusSeconds(600)));
        assertThat(control("db").pause()).isEqualTo(new Pause("still moving", "bob", AT.plusSeconds(60), AT.plusSeconds(600)));

        assertThat(controls.resume("db")).isTrue();
        assertThat(controls.resume("db")).as("no pause left").isFalse();
        assertThat(control("db").pause()).isNull();
        assertThat(control("db").silence()).as("the silence stays").isNotNull();
        assertThat(controls.unsilence("db")).isTrue();
        assertThat(controls.unsilence("db")).isFalse();
        assertThat(control("db")).as("a row with nothing in it is no control").isNull();
    }

    @Test
    default void a_check_asked_for_is_cleared_only_by_the_start_of_that_check() {
        MonitorControlRepository controls = store().monitorControls();
        controls.requestCheck("api", AT, "ada");
        assertThat(control("api").checkRequestedAt()).isEqualTo(AT);
        assertThat(control("api").checkRequestedBy()).isEqualTo("ada");
        controls.requestCheck("api", AT.plusSeconds(5), "bob");
        controls.checkStarted("api", AT);
        assertThat(control("api").checkRequestedAt()).as("a newer request stays").isEqualTo(AT.plusSeconds(5));
        controls.checkStarted("api", AT.plusSeconds(5));
        assertThat(control("api")).isNull();
    }

    @Test
    default void ended_pauses_and_silences_are_cleared_and_open_ended_ones_kept() {
        MonitorControlRepository controls = store().monitorControls();
        controls.pause("a", new Pause("short", "ada", AT, AT.plusSeconds(10)));
        controls.pause("b", new Pause("open-ended", "ada", AT, null));
        controls.silence("b", new Silence("vendor", "ada", AT, AT.plusSeconds(10)));
        controls.silence("c", new Silence("later", "ada", AT, AT.plusSeconds(100)));

        assertThat(controls.clearEnded(AT.plusSeconds(10))).isEqualTo(2);
        assertThat(control("a")).isNull();
        assertThat(control("b").pause()).isNotNull();
        assertThat(control("b").silence()).isNull();
        assertThat(control("c").silence()).isNotNull();
    }
}
