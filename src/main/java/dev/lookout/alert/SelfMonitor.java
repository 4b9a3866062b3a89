package dev.lookout.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Alerts about Lookout itself on {@code alerting.system_channels}: when its scheduler falls behind
 * or a check outlives its deadline (the watchdog's verdict), once when it starts and once when it
 * is over. Driven by the engine's tick; not thread-safe.
 */
public final class SelfMonitor {
    private final Supplier<Optional<String>> problem;
    private final AlertEngine engine;
    private final InstantSource clock;
    private final String node;
    private Instant since;
    private String first;

    /** @param problem why the scheduler is unhealthy right now, or empty */
    public SelfMonitor(Supplier<Optional<String>> problem, AlertEngine engine, InstantSource clock, String node) {
        this.problem = problem;
        this.engine = engine;
        this.clock = clock;
        this.node = node;
    }

    public void tick() {
        Optional<String> now = problem.get();
        Instant at = clock.instant();
        if (now.isPresent() && since == null) {
            since = at;
            first = now.get();
            engine.systemAlert("unhealthy/" + node + "/" + since.toEpochMilli(), AlertKind.MONITORING_SIDE_FAILURE,
                    "Lookout on " + node + " is falling behind: " + first + ". Checks may run late or be cut short"
                            + " until this clears; alerts for targets may be delayed.");
        } else if (now.isEmpty() && since != null) {
            engine.systemAlert("healthy/" + node + "/" + since.toEpochMilli(), AlertKind.RECOVERED,
                    "Lookout on " + node + " is keeping up again after " + DurationText.of(Duration.between(since, at))
                            + " (it started with: " + first + ").");
            since = null;
            first = null;
        }
    }
}
