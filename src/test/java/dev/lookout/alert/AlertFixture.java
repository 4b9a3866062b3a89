package dev.lookout.alert;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.ChannelKinds;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** A real store (SQLite unless told), a controllable clock and a configuration with channels of a test type. */
final class AlertFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    /** A channel type that only exists in tests: the engine never calls channels, the sender tests bring their own. */
    static final ChannelKinds TEST_CHANNELS = new ChannelKinds() {
        @Override
        public Set<String> names() {
            return Set.of("test");
        }

        @Override
        public Object read(String type, ConfigNode channel) {
            return "settings";
        }

        @Override
        public List<ConfigKey> keys(String type) {
            return List.of();
        }
    };

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final InstantSource clock = () -> now.get();
    final Path dir;
    private final String storeUrl;
    Store store;
    LookoutConfig config;

    AlertFixture(Path dir, String yaml) throws Exception {
        this(dir, yaml, "sqlite:" + dir.resolve("t.db"));
    }

    AlertFixture(Path dir, String yaml, String storeUrl) throws Exception {
        this(dir, yaml, storeUrl, TEST_CHANNELS);
    }

    /** With channels of the given kinds ({@code Channels.standard()} for real ones). */
    AlertFixture(Path dir, String yaml, String storeUrl, ChannelKinds channels) throws Exception {
        this.dir = dir;
        this.storeUrl = storeUrl;
        this.config = new ConfigLoader(CheckTypes.standard(), channels, Map.of()).parse("t.yaml", yaml);
        this.store = open();
    }

    Store open() {
        return Stores.open(storeUrl, StoreOptions.defaults().withClock(clock)
                .withFlushInterval(Duration.ofMillis(5)));
    }

    AlertEngine engine() {
        return engine(AlertInputs.basic(() -> config));
    }

    AlertEngine engine(AlertInputs inputs) {
        AckLinks links = new AckLinks(new byte[32], "https://status.example.com", Duration.ofHours(24));
        AlertEngine engine = new AlertEngine(() -> config, store.alerts(), clock, links, "node-1", inputs);
        engine.start();
        return engine;
    }

    void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    StateChange change(String monitor, MonitorState from, MonitorState to) {
        CheckResult cause = new CheckResult(monitor, now.get(), to == MonitorState.UP ? Outcome.OK : Outcome.FAILED,
                to == MonitorState.UP ? "HTTP 200" : "HTTP 503", Timings.totalOnly(1000),
                List.of(new ConditionResult("status == 200", to == MonitorState.UP, false, to == MonitorState.UP ? "200" : "503")));
        return new StateChange(monitor, now.get(), from, to, cause);
    }

    /** Every notification, oldest first. */
    List<NotificationRecord> notifications() {
        store.flush();
        return store.outbox().notifications(null, null, 1000).reversed();
    }

    List<String> keys() {
        return notifications().stream().map(NotificationRecord::dedupKey).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}
