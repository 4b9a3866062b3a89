package dev.lookout.alert;

import dev.lookout.config.AlertingConfig.DeadMansSwitchConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lookout's sign of life for another system: a GET to the configured URL every interval, but only
 * while Lookout is healthy, so that a dead, hung or lagging Lookout goes silent and the other side
 * (Healthchecks.io, a second Lookout's heartbeat monitor) raises the alarm. Each request has a
 * hard deadline; a slow receiver never delays the next one. The URL usually holds a secret, so logs
 * name only its host.
 */
public final class DeadMansSwitch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadMansSwitch.class);

    private final DeadMansSwitchConfig config;
    private final Supplier<Optional<String>> problem;
    private final String node;
    private final HttpClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lookout-dead-mans-switch").factory());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong withheld = new AtomicLong();
    private volatile boolean silent;

    /** @param problem why Lookout is unhealthy right now, or empty */
    public DeadMansSwitch(DeadMansSwitchConfig config, Supplier<Optional<String>> problem, String node) {
        this.config = config;
        this.problem = problem;
        this.node = node;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public DeadMansSwitch start() {
        timer.scheduleAtFixedRate(this::beat, 0, config.every().toMillis(), TimeUnit.MILLISECONDS);
        log.info("dead man's switch: a request to {} every {}", config.url().getHost(), DurationText.of(config.every()));
        return this;
    }

    private void beat() {
        Optional<String> why = problem.get();
        if (why.isPresent()) {
            withheld.incrementAndGet();
            if (!silent) {
                log.warn("dead man's switch withheld while Lookout is unhealthy: {}", why.get());
                silent = true;
            }
            return;
        }
        silent = false;
        HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("User-Agent", "Lookout dead man's switch (" + node + ")").GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS) // covers DNS, which the client's timeouts do not
                .whenComplete((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        sent.incrementAndGet();
                        return;
                    }
                    failed.incrementAndGet();
                    log.warn("dead man's switch request to {} failed: {}", config.url().getHost(),
                            error != null ? error.getClass().getSimpleName() + " " + error.getMessage()
                                    : "HTTP " + response.statusCode());
                });
    }

    /** Requests answered 2xx. */
    public long sent() {
        return sent.get();
    }

    /** Requests that failed or timed out. */
    public long failed() {
        return failed.get();
    }

    /** Beats skipped because Lookout was unhealthy. */
    public long withheld() {
        return withheld.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
