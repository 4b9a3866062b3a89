package dev.lookout.probe.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelKinds;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.probe.ProbeProtocol;
import dev.lookout.schedule.Scheduler;
import dev.lookout.schedule.Watchdog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote probe ({@code lookout probe}): pulls its assignment from its servers, checks the
 * monitors with the server's own config reader, check code, scheduler and watchdog (the same hard
 * deadlines), keeps every result on its own disk ({@link ResultBuffer}) until a server has stored
 * it, and pushes them in order, in batches. It only connects outwards. When no server answers it
 * goes on checking, and tries again after a backoff with full jitter, each server in turn.
 */
public final class ProbeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeAgent.class);
    /** Results per batch (the server takes up to {@link ProbeProtocol#MAX_BATCH}). */
    static final int BATCH = 500;
    /** How often checked results are written to the buffer's file: results of that long are one transaction. */
    private static final Duration WRITE_EVERY = Duration.ofMillis(200);
    /**
     * How long the pusher waits after a batch smaller than {@link #BATCH}: results of that long go in one
     * request instead of one request each (a probe at 30 results/s made 30 requests/s, and the server spent
     * more per result on requests than on checks of its own). A full batch (a replay) is followed at once.
     */
    private static final Duration PUSH_EVERY = Duration.ofMillis(500);
    /** How long a stopping probe tries to hand over what it holds. */
    static final Duration FINAL_PUSH = Duration.ofSeconds(5);
    private static final int MAX_CONCURRENT_CHECKS = 1_000;
    /** Monitors of an assignment read in one document. */
    private static final int LOAD_CHUNK = 250;
    /** Monitors (re)read from an assignment after which the heap is collected in full, see {@link #apply}. */
    private static final int GIVE_BACK_AFTER = 1_000;

    /**
     * @param servers     the servers' base URLs, tried in this order
     * @param region      the region the operator expects; a warning when the server's differs
     * @param data        where the buffer lives
     * @param bufferMax   the most results kept while no server answers
     * @param environment what {@code ${VAR}} in the monitors is replaced with: the probe's own
     */
    public record Options(List<URI> servers, String name, String region, String token, Path data, int bufferMax,
                          Map<String, String> environment) {
        public Options {
            servers = List.copyOf(servers);
            environment = Map.copyOf(environment);
        }
    }

    private final Options options;
    private final CheckTypes types;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ServerClient client;
    private final ResultBuffer buffer;
    private final BlockingQueue<CheckResult> checked = new LinkedBlockingQueue<>();
    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final Map<String, MonitorConfig> definitions = new ConcurrentHashMap<>();
    private final CompletableFuture<Optional<String>> ended = new CompletableFuture<>();
    private final Object pushed = new Object();
    private volatile CheckContext context;
    private volatile Scheduler scheduler;
    private Watchdog watchdog;
    private volatile long pollEveryMillis = dev.lookout.probe.Assignments.POLL_EVERY.toMillis();
    private volatile boolean running = true;
    /** The monitors of the assignment this probe cannot check, and why: told to the servers with each batch. */
    private volatile List<ProbeProtocol.Unchecked> unchecked = List.of();
    /** What a server last heard of {@link #unchecked}: when they differ, it is sent even without results. */
    private volatile List<ProbeProtocol.Unchecked> uncheckedTold = unchecked;
    private final List<Thread> threads = new ArrayList<>();

    public ProbeAgent(Options options, CheckTypes types, InstantSource clock, RandomGenerator random) {
        this.options = options;
        this.types = types;
        this.clock = clock;
        this.random = random;
        this.buffer = new ResultBuffer(options.data(), options.bufferMax());
        this.client = new ServerClient(options.servers(), options.name(), options.token());
    }

    public ProbeAgent start() {
        scheduler = new Scheduler(MAX_CONCURRENT_CHECKS, Duration.ofMinutes(1), this::execute, checked::add, clock, random,
                new SimpleMeterRegistry());
        watchdog = new Watchdog(scheduler, Duration.ofSeconds(5), Duration.ofMillis(500)).start();
        buffer.assignment().ifPresent(saved -> {
            log.info("checking with the last assignment received until a server answers");
            apply(saved);
        });
        log.info("probe {} starting: servers {}, {} results waiting in {}", options.name(), options.servers(), buffer.size(),
                options.data());
        threads.add(Thread.ofPlatform().daemon().name("probe-writer").start(orEnd(this::writeLoop)));
        threads.add(Thread.ofPlatform().daemon().name("probe-assignment").start(orEnd(this::pollLoop)));
        threads.add(Thread.ofPlatform().daemon().name("probe-push").start(orEnd(this::pushLoop)));
        return this;
    }

    /**
     * A loop that ends the probe when it dies of an error (out of memory, a bug): a probe that goes
     * on running without checking or pushing would look alive to its service manager and be silent to
     * the servers; ended, it exits with status 1 and is restarted.
     */
    private Runnable orEnd(Runnable loop) {
        return () -> {
            try {
                loop.run();
            } catch (Throwable e) {
                String why = "the probe stopped: " + Thread.currentThread().getName() + " failed: " + e;
                log.error(why, e);
                ended.complete(Optional.of(why));
            }
        };
    }

    /** Blocks until the probe stops: empty when it was closed, or why a server refused it. */
    public Optional<String> awaitEnd() throws InterruptedException {
        try {
            return ended.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Results checked and not yet confirmed stored by a server (in the buffer or about to be). */
    public int waiting() {
        return buffer.size() + checked.size();
    }

    private CheckResult execute(MonitorConfig monitor) {
        Check check = checks.get(monitor.id());
        if (check == null || !monitor.sameDefinition(definitions.get(monitor.id()))) {
            check = types.create(monitor, context);
        }
        return new CheckRunner(clock).run(monitor, check);
    }

    private void writeLoop() {
        List<CheckResult> batch = new ArrayList<>();
        while (running || !checked.isEmpty()) {
            try {
                CheckResult first = checked.poll(WRITE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (running) {
                    Thread.sleep(WRITE_EVERY); // gather what the next checks give: one transaction for all
                }
                batch.add(first);
                checked.drainTo(batch);
                buffer.append(batch);
                batch.clear();
                synchronized (pushed) {
                    pushed.notifyAll();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage());
                batch.clear();
            }
        }
    }

    private void pollLoop() {
        Backoff backoff = new Backoff(random);
        String etag = null;
        while (running) {
            try {
                ServerClient.Fetched fetched = client.assignment(etag);
                backoff.reset();
                if (fetched.body().isPresent()) {
                    apply(fetched.body().get());
                    buffer.saveAssignment(fetched.body().get());
                    etag = fetched.etag();
                }
                Thread.sleep(pollEveryMillis);
            } catch (ServerClient.Unreachable e) {
                pause(backoff, e.getMessage());
            } catch (ServerClient.Refused e) {
                refused(e);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("assignment: {}", e.getMessage());
                pause(backoff, "the assignment could not be applied");
            }
        }
    }

    private void pushLoop() {
        Backoff backoff = new Backoff(random);
        while (running) {
            try {
                int sent = pushOnce();
                if (sent == 0) {
                    synchronized (pushed) {
                        pushed.wait(1_000);
                    }
                } else {
                    backoff.reset();
                    if (sent < BATCH && running) {
                        Thread.sleep(PUSH_EVERY);
                    }
                }
            } catch (ServerClient.Unreachable e) {
                pause(backoff, e.getMessage());
            } catch (ServerClient.Refused e) {
                if (e.status == 400 || e.status == 413) {
                    log.error("results: {}; the batch is dropped", e.getMessage());
                    continue;
                }
                refused(e);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("results: {}", e.getMessage());
                pause(backoff, "results could not be read from the buffer");
            }
        }
    }

    /** Pushes the oldest batch; returns how many results it held (0: there was nothing to push). */
    private int pushOnce() throws ServerClient.Unreachable, ServerClient.Refused, InterruptedException {
        List<ProbeProtocol.WireResult> batch = buffer.oldest(BATCH);
        List<ProbeProtocol.Unchecked> cannot = unchecked;
        if (batch.isEmpty() && cannot == uncheckedTold) {
            return 0;
        }
        try {
            ProbeProtocol.BatchAnswer answer = client.push(new ProbeProtocol.ResultBatch(options.name(), buffer.dropped(), batch,
                    cannot));
            uncheckedTold = cannot;
            buffer.acked(answer.ackedSeq());
            log.debug("pushed {} results to {}: {} stored, {} already stored, {} refused", batch.size(), client.current(),
                    answer.stored(), answer.duplicates(), answer.ignored());
            return batch.size();
        } catch (ServerClient.Refused e) {
            if (e.status == 400 || e.status == 413) {
                buffer.acked(batch.getLast().seq()); // it will never be taken; what comes after it must not wait behind it
            }
            throw e;
        }
    }

    private void pause(Backoff backoff, String why) {
        Duration wait = backoff.next();
        log.warn("{}; trying again in {} ms", why, wait.toMillis());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refused(ServerClient.Refused e) {
        log.error("{}", e.getMessage());
        ended.complete(Optional.of(e.getMessage()));
    }

    /** Checks the monitors of an assignment from now on; those that do not load are named in the log and left out. */
    private synchronized void apply(String body) {
        ProbeProtocol.Assignment assignment;
        try {
            assignment = ProbeProtocol.JSON.readValue(body, ProbeProtocol.Assignment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the server's assignment is not valid JSON: " + e.getOriginalMessage(), e);
        }
        buffer.acked(assignment.ackedSeq()); // numbers on above what the server stored, should this buffer have been lost
        pollEveryMillis = Math.max(1_000, assignment.pollEveryMs());
        if (options.region() != null && !options.region().equals(assignment.region())) {
            log.warn("--region {} given, but the server declares probe {} in region {}", options.region(), options.name(),
                    assignment.region());
        }
        List<MonitorConfig> monitors = load(assignment.monitors());
        if (context == null) {
            context = new CheckContext(new AddressResolver(List.of()), clock);
        }
        int changed = 0;
        for (MonitorConfig m : monitors) {
            if (!m.sameDefinition(definitions.get(m.id()))) {
                checks.put(m.id(), types.create(m, context));
                definitions.put(m.id(), m);
                changed++;
            }
        }
        definitions.keySet().retainAll(monitors.stream().map(MonitorConfig::id).toList());
        checks.keySet().retainAll(definitions.keySet());
        scheduler.apply(monitors);
        log.info("assignment {}: {} monitors", assignment.version(), monitors.size());
        if (changed >= GIVE_BACK_AFTER) {
            // Reading a large assignment grows the heap well past what the monitors keep; the launcher's serial
            // collector gives it back to the system (-XX:MaxHeapFreeRatio) only in a full collection.
            System.gc();
        }
    }

    /**
     * Reads the assigned monitors with the server's own configuration reader, {@link #LOAD_CHUNK} at a
     * time: a document of 10,000 monitors read at once took more than a 96 MB heap for its parse tree.
     * A chunk with an unusable monitor is read again one monitor at a time, so only that one is left out.
     */
    private List<MonitorConfig> load(List<ProbeProtocol.AssignedMonitor> assigned) {
        ConfigLoader loader = new ConfigLoader(types, ChannelKinds.NONE, options.environment());
        List<MonitorConfig> out = new ArrayList<>(assigned.size());
        List<ProbeProtocol.Unchecked> cannot = new ArrayList<>();
        for (int from = 0; from < assigned.size(); from += LOAD_CHUNK) {
            List<ProbeProtocol.AssignedMonitor> chunk = assigned.subList(from, Math.min(assigned.size(), from + LOAD_CHUNK));
            try {
                out.addAll(loader.parse("assignment", document(chunk)).monitors());
            } catch (ConfigException some) {
                for (ProbeProtocol.AssignedMonitor one : chunk) {
                    try {
                        out.addAll(loader.parse("assignment", document(List.of(one))).monitors());
                    } catch (ConfigException e) {
                        // "monitors[0].headers.X-Key: environment variable KEY is not set ...": the field and why
                        String why = e.errors().stream().map(err -> err.path() + ": " + err.message())
                                .collect(java.util.stream.Collectors.joining("; "));
                        log.error("monitor {} is not checked by this probe: {}", one.id(), why);
                        cannot.add(new ProbeProtocol.Unchecked(one.id(), why));
                    }
                }
            }
        }
        if (!cannot.equals(unchecked)) {
            unchecked = List.copyOf(cannot);
        }
        return withDefinitionKeys(out, assigned);
    }

    /** The monitors with a digest of what the server assigned in place of their raw definition trees. */
    private static List<MonitorConfig> withDefinitionKeys(List<MonitorConfig> monitors,
                                                         List<ProbeProtocol.AssignedMonitor> assigned) {
        Map<String, ProbeProtocol.AssignedMonitor> byId = new java.util.HashMap<>();
        assigned.forEach(a -> byId.put(a.id(), a));
        List<MonitorConfig> out = new ArrayList<>(monitors.size());
        for (MonitorConfig m : monitors) {
            ProbeProtocol.AssignedMonitor a = byId.get(m.id());
            out.add(a == null ? m : m.withDefinitionKey(digest(a)));
        }
        return out;
    }

    private static String digest(ProbeProtocol.AssignedMonitor assigned) {
        try {
            byte[] json = ProbeProtocol.JSON.writeValueAsBytes(assigned.definition());
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("an assigned monitor did not serialise", e);
        }
    }

    private static String document(List<ProbeProtocol.AssignedMonitor> monitors) {
        try {
            return ProbeProtocol.JSON.writeValueAsString(Map.of("monitors",
                    monitors.stream().map(ProbeProtocol.AssignedMonitor::definition).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an assignment did not serialise", e);
        }
    }

    /**
     * Stops checking (running checks end at their deadline), writes what was checked to the
     * buffer, and tries for {@link #FINAL_PUSH} to hand the buffer to a server; what is left stays
     * on disk for the next start.
     */
    @Override
    public void close() {
        running = false;
        if (scheduler != null) {
            Duration grace = definitions.values().stream().map(MonitorConfig::timeout).max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            scheduler.stop(grace);
            scheduler.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        for (Thread thread : threads) {
            if (!thread.getName().equals("probe-writer")) {
                thread.interrupt();
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(FINAL_PUSH.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<CheckResult> rest = new ArrayList<>();
        checked.drainTo(rest);
        buffer.append(rest);
        if (!ended.isDone()) {
            long until = System.nanoTime() + FINAL_PUSH.toNanos();
            try {
                while (System.nanoTime() < until && pushOnce() > 0) {
                    // hand over what is left while the servers answer
                }
            } catch (ServerClient.Unreachable | ServerClient.Refused e) {
                log.warn("stopping with {} results kept in {}: {}", buffer.size(), options.data(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("probe {} stopped; {} results wait in {}", options.name(), buffer.size(), options.data());
        client.close();
        buffer.close();
        ended.complete(Optional.empty());
    }
}
