package dev.lookout.web.console;

import dev.lookout.check.CheckResult;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every configured monitor as a {@link MonitorRow}, from memory only: the configuration, the state
 * machines and the newest results this node holds. No storage is read, so the dashboard costs the
 * same at 10,000 monitors whether the database is quick, slow or away.
 */
public final class MonitorBoard {
    private final Supplier<LookoutConfig> config;
    private final MonitorStates states;
    private final LatestResults latest;

    public MonitorBoard(Supplier<LookoutConfig> config, MonitorStates states, LatestResults latest) {
        this.config = config;
        this.states = states;
        this.latest = latest;
    }

    /** Every monitor, by id. */
    List<MonitorRow> rows() {
        LookoutConfig current = config.get();
        Map<String, String> componentNames = new HashMap<>();
        for (ComponentConfig c : current.components()) {
            componentNames.put(c.id(), c.name());
        }
        List<MonitorRow> rows = new ArrayList<>(current.monitors().size());
        for (MonitorConfig m : current.monitors()) {
            rows.add(row(m, componentNames));
        }
        rows.sort(Comparator.comparing(MonitorRow::id));
        return rows;
    }

    private MonitorRow row(MonitorConfig m, Map<String, String> componentNames) {
        CheckResult last = latest.get(m.id()).orElse(null);
        Double latency = last == null || last.timings().totalMicros() < 0 ? null : last.timings().totalMicros() / 1000.0;
        return new MonitorRow(m.id(), m.name(), m.type(), m.componentId(),
                m.componentId() == null ? "" : componentNames.getOrDefault(m.componentId(), m.componentId()), m.tags(),
                states.state(m.id()).name().toLowerCase(Locale.ROOT), last == null ? null : last.startedAt(), latency);
    }

    /** One monitor's row, if it is configured. */
    java.util.Optional<MonitorRow> row(String id) {
        LookoutConfig current = config.get();
        return current.monitor(id).map(m -> row(m, current.component(m.componentId() == null ? "" : m.componentId())
                .map(c -> Map.of(c.id(), c.name())).orElse(Map.of())));
    }

    /** The newest result this node holds of the monitor. */
    java.util.Optional<CheckResult> last(String id) {
        return latest.get(id);
    }
}
