package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.ManagedMonitors;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with the console's monitors, whatever the database; mixed into
 * {@link StoreContract}, so that it runs on SQLite and on PostgreSQL.
 */
interface ManagedMonitorsContract {
    Instant AT = Instant.parse("2026-12-07T15:00:00Z");

    Store store();

    @Test
    default void console_monitors_are_created_once_changed_and_deleted_at_their_version_and_every_change_moves_the_mark() {
        ManagedMonitors monitors = store().managedMonitors();
        String empty = monitors.changeMark();
        ManagedMonitor created = monitors.create("api", "id: api\ntype: tcp\n", "ada", AT).orElseThrow();
        assertThat(created).isEqualTo(new ManagedMonitor("api", "id: api\ntype: tcp\n", 1, AT, "ada", AT, "ada"));
        assertThat(monitors.create("api", "id: api\ntype: http\n", "bob", AT)).as("the id is taken").isEmpty();
        String one = monitors.changeMark();
        assertThat(one).isNotEqualTo(empty);

        assertThat(monitors.update("api", "id: api\ntype: tcp\nport: 1\n", 2, "bob", AT.plusSeconds(1))).as("stale").isEmpty();
        ManagedMonitor updated = monitors.update("api", "id: api\ntype: tcp\nport: 1\n", 1, "bob", AT.plusSeconds(1))
                .orElseThrow();
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdBy()).isEqualTo("ada");
        assertThat(updated.updatedBy()).isEqualTo("bob");
        assertThat(updated.updatedAt()).isEqualTo(AT.plusSeconds(1));
        String edited = monitors.changeMark();
        assertThat(edited).isNotEqualTo(one);

        monitors.create("web", "id: web\ntype: tcp\n", "ada", AT.plusSeconds(2)).orElseThrow();
        assertThat(monitors.all()).extracting(ManagedMonitor::id).containsExactly("api", "web");
        assertThat(monitors.delete("api", 1)).as("stale").isFalse();
        assertThat(monitors.delete("api", 2)).isTrue();
        assertThat(monitors.find("api")).isEmpty();
        assertThat(monitors.changeMark()).isNotEqualTo(edited);
        assertThat(monitors.all()).extracting(ManagedMonitor::id).containsExactly("web");
    }
}
