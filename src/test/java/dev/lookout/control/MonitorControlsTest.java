package dev.lookout.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.config.MonitorConfig;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MonitorControls} on a real SQLite store with a clock the test moves: what a node is told
 * to do when pauses begin and end, and when checks are asked for; two instances on one database
 * stand for two nodes.
 */
class MonitorControlsTest {
    private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final InstantSource clock = now::get;
    private Store store;
    private final Map<String, MonitorConfig> monitors = Map.of(
            "db", monitor("db", false), "batch", monitor("batch", true));

    /** What one node was told: how often to apply pauses, and which checks it ran. */
    private static final class Node implements MonitorControls.Effects {
        int pausesApplied;
        final List<String> checked = new ArrayList<>();
        final Set<String> owned = new HashSet<>();

        @Override
        public void pausesChanged() {
            pausesApplied++;
        }

        @Override
        public boolean checkNow(String monitorId) {
            if (!owned.contains(monitorId)) {
                return false;
            }
            checked.add(monitorId);
            return true;
        }

        @Override
        public Optional<String> notCheckable(MonitorConfig monitor) {
            return Optional.empty();
        }
    }

    private static MonitorConfig monitor(String id, boolean paused) {
        return new MonitorConfig(id, id, "tcp", "", Duration.ofMinutes(1), Duration.ofSeconds(5), null, 3, 1, paused, List.of(),
                null, Map.of("id", id, "type", "tcp"));
    }

    @BeforeEach
    void open() {
        store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withClock(clock));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private MonitorControls controls(Node node) {
        MonitorControls controls = new MonitorControls(store.monitorControls(), id -> Optional.ofNullable(monitors.get(id)),
                clock, node);
        controls.load();
        return controls;
    }

    @Test
    void a_pause_with_an_end_is_applied_at_once_and_lifted_by_the_first_refresh_after_its_end() {
        Node node = new Node();
        MonitorControls controls = controls(node);
        controls.pause("db", "moving racks", START.plusSeconds(60), "ada");
        assertThat(node.pausesApplied).isEqualTo(1);
        assertThat(controls.overlay(List.copyOf(monitors.values()))).filteredOn(m -> m.id().equals("db"))
                .singleElement().satisfies(m -> {
                    assertThat(m.paused()).isTrue();
                    assertThat(m.sameDefinition(monitors.get("db"))).as("the schedule and the state see a change").isFalse();
                });

        now.set(START.plusSeconds(59));
        controls.refresh();
        assertThat(node.pausesApplied).isEqualTo(1);
        now.set(START.plusSeconds(60));
        controls.refresh();
        assertThat(node.pausesApplied).isEqualTo(2);
        assertThat(controls.paused("db")).isFalse();
        assertThat(store.monitorControls().all()).as("the ended pause is cleared").isEmpty();
        assertThat(controls.overlay(List.of(monitors.get("db")))).containsExactly(monitors.get("db"));
    }

    @Test
    void another_node_applies_a_pause_at_its_next_refresh_and_only_the_owner_runs_a_check_asked_for() {
        Node here = new Node();
        Node owner = new Node();
        owner.owned.add("db");
        MonitorControls asked = controls(here);
        MonitorControls checking = controls(owner);

        asked.requestCheck("db", "ada");
        assertThat(here.checked).isEmpty();
        assertThat(asked.checkRequested("db")).contains(START);
        checking.refresh();
        assertThat(owner.checked).containsExactly("db");
        checking.refresh();
        assertThat(owner.checked).as("once").containsExactly("db");

        asked.pause("db", "elsewhere", null, "ada");
        assertThat(owner.pausesApplied).isZero();
        checking.refresh();
        assertThat(owner.pausesApplied).isEqualTo(1);
        assertThat(checking.pause("db")).contains(new Pause("elsewhere", "ada", START, null));
    }

    @Test
    void refusals_name_the_problem() {
        MonitorControls controls = controls(new Node());
        assertThatThrownBy(() -> controls.pause("nope", "x", null, "ada")).isInstanceOf(ControlRefused.class)
                .hasMessage("no monitor with id 'nope'").extracting(e -> ((ControlRefused) e).kind())
                .isEqualTo(ControlRefused.Kind.UNKNOWN_MONITOR);
        assertThatThrownBy(() -> controls.pause("db", "x", START, "ada")).isInstanceOf(ControlRefused.class)
                .hasMessageContaining("is not in the future");
        assertThatThrownBy(() -> controls.pause("db", "x".repeat(501), null, "ada")).hasMessageContaining("longer than 500");
        assertThatThrownBy(() -> controls.resume("batch")).hasMessageContaining("paused in the configuration file");
        assertThatThrownBy(() -> controls.silence("db", START.minusSeconds(1), null, "ada"))
                .hasMessageContaining("is not in the future");
        controls.pause("db", "x", null, "ada");
        assertThatThrownBy(() -> controls.requestCheck("db", "ada")).extracting(e -> ((ControlRefused) e).kind())
                .isEqualTo(ControlRefused.Kind.CONFLICT);
    }
}
