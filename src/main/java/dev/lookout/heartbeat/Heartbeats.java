package dev.lookout.heartbeat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.heartbeat.HeartbeatSettings;
import dev.lookout.config.HeartbeatConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every heartbeat monitor of the running configuration: finds the monitor a ping URL names,
 * stores the ping (group commit; the answer waits for the commit) and hands it to the monitor's
 * {@link HeartbeatTracker}, whose results go to the same sink as pull checks. Like
 * Healthchecks.io's ping view, the ping path only records; evaluation and storage of results
 * happen behind the sink.
 */
public final class Heartbeats implements PingIngest, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    /** Most pings in one transaction. */
    static final int MAX_BATCH = 2_000;
    /** Pings waiting for a transaction before new ones are refused with 503. */
    static final int QUEUE_CAPACITY = 50_000;
    /** How often the trackers' memories are saved (those a ping changed). */
    static final Duration SAVE_EVERY = Duration.ofSeconds(10);
    /** A ping still not committed after this is answered 503 (a database that hangs rather than fails). */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(30);
    /** Replayed on the saved memories: pings received this long before the newest save, and after. */
    static final Duration REPLAY_MARGIN = COMMIT_WAIT.multipliedBy(4);
    /** How often the pings stored here are added to the ping log's index. */
    static final Duration INDEX_EVERY = Duration.ofSeconds(1);
    /** Pings committed per second above which the ping log's index waits (a storm): the ingest goes first. */
    static final long STORM_RATE = 1_000;
    /** The shortest time the rate is measured over. */
    static final Duration STORM_WINDOW = Duration.ofMillis(100);

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Map<String, String> HC_HEADERS = Map.of("Ping-Body-Limit", String.valueOf(Ping.MAX_BODY_BYTES),
            "Access-Control-Allow-Origin", "*");
    private static final Reply NOT_FOUND = new Reply(404, TEXT, "not found", HC_HEADERS);
    private static final Reply OK = new Reply(200, TEXT, "OK", HC_HEADERS);
    private static final Reply KUMA_OK = new Reply(200, JSON, "{\"ok\":true}", Map.of());
    private static final Reply KUMA_NOT_FOUND = new Reply(404, JSON, "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}",
            Map.of());

    private record Index(Map<UUID, HeartbeatTracker> byUuid, Map<String, HeartbeatTracker> bySlug,
                         Map<String, HeartbeatTracker> byToken, Map<String, HeartbeatTracker> byId, String pingKey) {
    }

    private final PingStore store;
    private final BooleanSupplier storageOk;
    private final BooleanSupplier databaseHeld;
    private final Consumer<CheckResult> sink;
    private final InstantSource clock;
    private final HeartbeatTimer timer;
    private final PingCommitter committer;
    private final PingLogIndexer logIndexer;
    /** The committer's count and time when the rate was last measured, and what it said (saver thread only). */
    private long writtenAtLastFlush;
    private long lastFlushNanos = System.nanoTime();
    private boolean lastStorm;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lookout-heartbeat-memory").factory());
    private volatile Index index = new Index(Map.of(), Map.of(), Map.of(), Map.of(), null);

    /**
     * @param storageOk    whether pings can be stored now (while they cannot, a passed deadline
     *                     does not declare a monitor down)
     * @param databaseHeld whether the database is held as not the one this node was using
     *                     (replaced, emptied, an older copy): its memories and pings are not this
     *                     node's past and are not restored
     */
    public Heartbeats(PingStore store, PingLog pingLog, BooleanSupplier storageOk, BooleanSupplier databaseHeld,
                      Consumer<CheckResult> sink, InstantSource clock, HeartbeatTimer timer) {
        this.store = store;
        this.storageOk = storageOk;
        this.databaseHeld = databaseHeld;
        this.sink = sink;
        this.clock = clock;
        this.timer = timer;
        this.committer = new PingCommitter(store, MAX_BATCH, QUEUE_CAPACITY, COMMIT_WAIT);
        this.logIndexer = new PingLogIndexer(pingLog, this::storm, System::nanoTime);
        saver.scheduleWithFixedDelay(this::saveMemories, SAVE_EVERY.toMillis(), SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        saver.scheduleWithFixedDelay(logIndexer::flush, INDEX_EVERY.toMillis(), INDEX_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether more than {@link #STORM_RATE} pings a second were committed since the last look,
     * measured over at least {@link #STORM_WINDOW} (the indexer asks before each chunk it writes).
     */
    private boolean storm() {
        long now = System.nanoTime();
        if (now - lastFlushNanos < STORM_WINDOW.toNanos()) {
            return lastStorm;
        }
        long written = committer.written();
        lastStorm = (written - writtenAtLastFlush) / ((now - lastFlushNanos) / 1e9) > STORM_RATE;
        writtenAtLastFlush = written;
        lastFlushNanos = now;
        return lastStorm;
    }

    /**
     * Adopts a (re)loaded configuration: unchanged heartbeat monitors keep their tracker, new and
     * changed ones are seeded from their stored pings, removed ones stop.
     *
     * @param restored the state each monitor was restored to (DOWN stays down until a ping)
     */
    public synchronized void configure(HeartbeatConfig config, Collection<MonitorConfig> monitors,
                                       Function<String, MonitorState> restored) {
        Index old = index;
        Map<UUID, HeartbeatTracker> byUuid = new HashMap<>();
        Map<String, HeartbeatTracker> bySlug = new HashMap<>();
        Map<String, HeartbeatTracker> byToken = new HashMap<>();
        Map<String, HeartbeatTracker> byId = new HashMap<>();
        Set<HeartbeatTracker> kept = new HashSet<>();
        List<HeartbeatTracker> created = new ArrayList<>();
        Map<String, HeartbeatTracker> unknown = new HashMap<>(); // new to this process: their memory is in the store
        for (MonitorConfig monitor : monitors) {
            if (!(monitor.settings() instanceof HeartbeatSettings settings)) {
                continue;
            }
            HeartbeatTracker tracker = old.byId().get(monitor.id());
            if (tracker == null || !tracker.monitor.sameDefinition(monitor)) {
                HeartbeatTracker previous = tracker;
                tracker = new HeartbeatTracker(monitor, clock, timer, sink, storageOk);
                created.add(tracker);
                if (previous != null) { // a changed definition: the memory is the running tracker's
                    tracker.restore(previous.memory(clock.instant()));
                } else {
                    unknown.put(monitor.id(), tracker);
                }
            }
            kept.add(tracker);
            byId.put(monitor.id(), tracker);
            if (settings.uuid() != null) {
                byUuid.put(settings.uuid(), tracker);
            }
            if (settings.slug() != null) {
                bySlug.put(settings.slug(), tracker);
            }
            if (settings.pushToken() != null) {
                byToken.put(settings.pushToken(), tracker);
            }
        }
        if (!unknown.isEmpty() && !databaseHeld.getAsBoolean()) { // a held database is not this node's past
            restoreFromStore(unknown);
        }
        created.forEach(tracker -> tracker.resume(restored.apply(tracker.monitor.id())));
        index = new Index(Map.copyOf(byUuid), Map.copyOf(bySlug), Map.copyOf(byToken), Map.copyOf(byId), config.pingKey());
        old.byId().values().stream().filter(t -> !kept.contains(t)).forEach(HeartbeatTracker::close);
    }

    @Override
    public CompletableFuture<Reply> ping(List<String> segments, String runId, Request request) {
        Target target = target(segments, runId);
        if (target.refusal() != null) {
            return CompletableFuture.completedFuture(target.refusal());
        }
        return record(target.tracker(), target.kind(), target.exitCode(), target.runId(), request.body(), request.bodyTruncated(),
                request, OK, HC_HEADERS, null, null);
    }

    private record Target(HeartbeatTracker tracker, Ping.Kind kind, Integer exitCode, String runId, Reply refusal) {
    }

    /** What a ping URL names, or the answer Healthchecks.io gives when it names nothing usable. */
    private Target target(List<String> segments, String runId) {
        Index current = index;
        if (segments.isEmpty() || segments.size() > 3) {
            return refuse(NOT_FOUND);
        }
        UUID uuid = parseUuid(segments.getFirst());
        HeartbeatTracker tracker;
        String action;
        if (uuid != null) {
            if (segments.size() > 2) {
                return refuse(NOT_FOUND);
            }
            tracker = current.byUuid().get(uuid);
            action = segments.size() == 2 ? segments.get(1) : null;
        } else {
            if (segments.size() < 2 || current.pingKey() == null || !current.pingKey().equals(segments.getFirst())) {
                return refuse(NOT_FOUND);
            }
            tracker = current.bySlug().get(segments.get(1));
            action = segments.size() == 3 ? segments.get(2) : null;
        }
        Ping.Kind kind;
        Integer exitCode = null;
        switch (action == null ? "" : action) {
            case "" -> kind = Ping.Kind.SUCCESS;
            case "start" -> kind = Ping.Kind.START;
            case "fail" -> kind = Ping.Kind.FAIL;
            case "log" -> kind = Ping.Kind.LOG;
            default -> {
                if (!action.matches("\\d{1,9}")) {
                    return refuse(NOT_FOUND);
                }
                exitCode = Integer.parseInt(action);
                kind = exitCode == 0 ? Ping.Kind.SUCCESS : Ping.Kind.FAIL;
            }
        }
        if (tracker == null) {
            return refuse(NOT_FOUND);
        }
        if (exitCode != null && exitCode > 255) {
            return refuse(new Reply(400, TEXT, "invalid url format", HC_HEADERS));
        }
        String rid = null;
        if (runId != null) {
            UUID parsed = parseUuid(runId);
            if (parsed == null) {
                return refuse(new Reply(400, TEXT, "invalid uuid format", HC_HEADERS));
            }
            rid = parsed.toString();
        }
        return new Target(tracker, kind, exitCode, rid, null);
    }

    private static Target refuse(Reply reply) {
        return new Target(null, null, null, null, reply);
    }

    @Override
    public CompletableFuture<Reply> push(String token, String status, String msg, String ping, Request request) {
        HeartbeatTracker tracker = token == null ? null : index.byToken().get(token);
        if (tracker == null || tracker.isPaused()) {
            return CompletableFuture.completedFuture(KUMA_NOT_FOUND);
        }
        // Uptime Kuma: status defaults to up; anything else is down. msg is the result's message and ping its
        // response time in ms, as Kuma shows them; a push carries no body.
        Ping.Kind kind = status == null || status.equals("up") ? Ping.Kind.SUCCESS : Ping.Kind.FAIL;
        String message = msg == null || msg.isEmpty() ? null : shortened(msg);
        return record(tracker, kind, null, null, new byte[0], false, request, KUMA_OK, Map.of(), kumaPingMillis(ping), message);
    }

    /** Longest message kept from a push (Uptime Kuma keeps it in a text column too). */
    static final int MAX_MESSAGE_CHARS = 1_000;

    private static String shortened(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
    }

    /**
     * Uptime Kuma's {@code ping=}, in milliseconds, rounded; null when absent or not a usable number
     * (Kuma reads it with {@code parseFloat(...) || null}: no error, no value).
     */
    static Long kumaPingMillis(String ping) {
        if (ping == null || ping.isBlank()) {
            return null;
        }
        try {
            double millis = Double.parseDouble(ping.strip());
            return Double.isFinite(millis) && millis >= 0 && millis < 1e12 ? Math.round(millis) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Stores the ping; once committed, the tracker sees it and the reply is {@code ok}. Both happen
     * on the committer's reply thread, which takes each committed batch whole while the next
     * transaction is written: no thread per ping, and a ping's tracker runs before its answer.
     */
    private CompletableFuture<Reply> record(HeartbeatTracker tracker, Ping.Kind kind, Integer exitCode, String rid, byte[] body,
                                            boolean truncated, Request request, Reply ok, Map<String, String> headers,
                                            Long givenDuration, String message) {
        Instant now = clock.instant();
        Long duration = givenDuration != null ? givenDuration
                : kind == Ping.Kind.SUCCESS || kind == Ping.Kind.FAIL ? tracker.runDuration(rid, now) : null;
        Ping ping = new Ping(tracker.monitor.id(), now, kind, exitCode, rid, duration, body, truncated, request.remoteAddr(),
                request.userAgent(), request.method(), message);
        return committer.submit(ping, stored -> {
            tracker.accept(stored);
            logIndexer.add(stored);
        }).handle((stored, failure) -> failure == null ? ok : unavailable(headers));
    }

    /**
     * Pings other nodes received and stored (behind a load balancer, a monitor's pings reach any
     * node): every node's tracker sees them, so that the node that decides the monitor's state
     * has all of them, and a node that takes the monitor over has them already.
     */
    public void storedElsewhere(List<Ping> pings) {
        Map<String, HeartbeatTracker> trackers = index.byId();
        for (Ping ping : pings) {
            HeartbeatTracker tracker = trackers.get(ping.monitorId());
            if (tracker != null) {
                tracker.acceptFromElsewhere(ping);
            }
        }
    }

    private static Reply unavailable(Map<String, String> headers) {
        return new Reply(503, TEXT, "ping not stored, try again", headers);
    }

    @Override
    public Optional<HeartbeatStatus> status(String monitorId) {
        return Optional.ofNullable(index.byId().get(monitorId)).map(HeartbeatTracker::status);
    }

    /** Pings committed since start. */
    public long pingsStored() {
        return committer.written();
    }

    /** Transactions that stored pings since start. */
    public long pingCommits() {
        return committer.batches();
    }

    /** Pings answered 503 (queue full, a failed transaction, or not committed within 30 s). */
    public long pingsRefused() {
        return committer.failed();
    }

    private static UUID parseUuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Restores trackers from their saved memories and replays the pings received since. Every
     * memory is current as of the newest save (a save writes every memory a ping changed), so the
     * pings to replay are those received since that save, less a margin for pings received
     * before it but applied after it (they wait at most {@link #COMMIT_WAIT} for their
     * transaction). Without any saved memory every stored ping is replayed: a database whose
     * first save has not happened yet.
     */
    private void restoreFromStore(Map<String, HeartbeatTracker> trackers) {
        Instant newestSave = null;
        for (HeartbeatMemory memory : store.heartbeatMemories()) {
            HeartbeatTracker tracker = trackers.get(memory.monitorId());
            if (tracker != null) {
                tracker.restore(memory);
            }
            newestSave = newestSave == null || memory.savedAt().isAfter(newestSave) ? memory.savedAt() : newestSave;
        }
        Instant since = newestSave == null ? Instant.EPOCH : newestSave.minus(REPLAY_MARGIN);
        store.replayPingsSince(since, ping -> {
            logIndexer.add(ping); // what a crash kept from the log's index
            HeartbeatTracker tracker = trackers.get(ping.monitorId());
            if (tracker != null) {
                tracker.replay(ping);
            }
        });
    }

    /**
     * Saves the memory of every tracker a ping changed since the last save. A failed save is
     * retried next time; meanwhile the pings it missed are in the pings table, and a start-up
     * replays them.
     */
    void saveMemories() {
        Instant now = clock.instant();
        List<HeartbeatTracker> changed = new ArrayList<>();
        List<HeartbeatMemory> memories = new ArrayList<>();
        for (HeartbeatTracker tracker : index.byId().values()) {
            HeartbeatMemory memory = tracker.changedMemory(now);
            if (memory != null) {
                changed.add(tracker);
                memories.add(memory);
            }
        }
        try {
            store.saveHeartbeatMemories(memories);
        } catch (RuntimeException e) {
            changed.forEach(HeartbeatTracker::unsaved);
            log.warn("saving the memory of {} heartbeat monitors failed, retrying in {} s: {}", memories.size(),
                    SAVE_EVERY.toSeconds(), e.getMessage());
        }
    }

    /** Stops accepting pings (the web server is closed first), writes what is queued, saves the memories and stops the timers. */
    @Override
    public synchronized void close() {
        committer.close();
        saver.shutdown();
        try {
            saver.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveMemories();
        logIndexer.flushAll();
        index.byId().values().forEach(HeartbeatTracker::close);
        timer.close();
    }
}
