package dev.lookout.incident;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls {@link Maintenances#tick} every {@code period} on one daemon thread, with the time of the injected clock. */
public final class MaintenanceTicker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaintenanceTicker.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maintenance-ticker");
        t.setDaemon(true);
        return t;
    });

    public MaintenanceTicker(Maintenances maintenances, InstantSource clock, Duration period) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                maintenances.tick(clock.instant());
            } catch (RuntimeException e) {
                log.warn("maintenance timer: {}; retrying in {}", e.getMessage(), period);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
