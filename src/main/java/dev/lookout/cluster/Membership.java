package dev.lookout.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership: it writes a beat to the shared database every second (at the
 * database's time) and reads everyone's; a node whose beat is {@link #DEAD_AFTER} old is dead.
 * A node does not start while another live instance has its name: two nodes with one name would
 * release each other's outbox claims. A restart within seconds is not a clash: the old instance's
 * beat is waited out.
 *
 * <p>Storage trouble does not stop the beats: a beat that fails is tried again a second later,
 * and the store's health says what is wrong; a name clash found later (two nodes started while
 * the database was away) is reported in {@link #problem()}.
 */
public final class Membership implements AutoCloseable {
    public static final Duration BEAT_EVERY = Duration.ofSeconds(1);
    /** A few missed beats. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /**
     * A node as the cluster status shows it.
     *
     * @param left whether its last instance stopped cleanly (not alive, and not missing either)
     */
    public record Node(String name, String instanceId, boolean self, boolean alive, boolean left, Instant startedAt,
                       Duration lastBeatAge, String version, String configHash, boolean sameConfig, int monitors,
                       long lagMillis) {
    }

    private final Members members;
    private final String name;
    private final String instanceId = UUID.randomUUID().toString();
    private final String version;
    private final Supplier<String> configHash;
    private final IntSupplier monitors;
    private final java.util.function.LongSupplier lagMillis;
    private volatile Members.Snapshot last;
    /** The live nodes as last read while this instance held its name; null before the first such read. */
    private volatile View view;
    /** This node's monitor ids, published with its configuration hash; null when not published. */
    private java.util.function.Supplier<java.util.Collection<String>> monitorIds;
    /** The hash this node last published (beat thread only). */
    private String published;
    /** The monitors of other configurations, by hash, as published (beat thread only). */
    private final java.util.Map<String, java.util.Set<String>> configs = new java.util.HashMap<>();
    private volatile String clash;
    private volatile boolean failing;
    private ScheduledExecutorService beats;

    /**
     * @param configHash the hash of this node's monitor-relevant configuration, now (it changes on reload)
     * @param monitors   how many monitors this node runs, now
     */
    public Membership(Members members, String name, String version, Supplier<String> configHash, IntSupplier monitors) {
        this(members, name, version, configHash, monitors, () -> 0);
    }

    /** @param lagMillis how late this node's checks start (p99 over the last minute), now */
    public Membership(Members members, String name, String version, Supplier<String> configHash, IntSupplier monitors,
                      java.util.function.LongSupplier lagMillis) {
        this.lagMillis = lagMillis;
        this.members = members;
        this.name = name;
        this.version = version;
        this.configHash = configHash;
        this.monitors = monitors;
    }

    /**
     * Publishes this node's monitor ids with its configuration hash, and reads those of the other
     * live nodes whose hash differs, so that ownership knows which node runs which monitor. Call
     * before {@link #start}.
     */
    public Membership publishing(java.util.function.Supplier<java.util.Collection<String>> monitorIds) {
        this.monitorIds = monitorIds;
        return this;
    }

    /**
     * Joins and starts beating.
     *
     * @throws ClusterException when another live instance has this node's name
     */
    public Membership start() {
        long deadline = System.nanoTime() + DEAD_AFTER.plus(BEAT_EVERY).toNanos();
        try {
            long sent = System.nanoTime();
            while (!members.beat(beat(), DEAD_AFTER)) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException(clashMessage());
                }
                try {
                    Thread.sleep(BEAT_EVERY.toMillis() / 2); // maybe this node's previous instance, gone seconds ago
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while waiting for the name " + name + " to be free");
                }
                sent = System.nanoTime();
            }
            last = members.read();
            view = new View(live(last), sent, monitorsOf(last));
        } catch (ClusterException e) {
            throw e;
        } catch (RuntimeException e) {
            failing = true;
            log.warn("cluster: cannot join yet ({}); trying again every second", e.getMessage());
        }
        beats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lookout-cluster-beat").factory());
        beats.scheduleWithFixedDelay(this::beatOnce, BEAT_EVERY.toMillis(), BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        log.info("cluster: node {} (instance {}) joined", name, instanceId);
        return this;
    }

    private Members.Beat beat() {
        return new Members.Beat(name, instanceId, version, configHash.get(), monitors.getAsInt(), lagMillis.getAsLong());
    }

    void beatOnce() {
        try {
            long sent = System.nanoTime();
            boolean ours = members.beat(beat(), DEAD_AFTER);
            Members.Snapshot read = members.read();
            last = read;
            if (ours) {
                view = new View(live(read), sent, monitorsOf(read));
            }
            if (!ours && clash == null) {
                clash = clashMessage(read);
                log.error("cluster: {}", clash);
            } else if (ours && clash != null) {
                clash = null;
                log.info("cluster: node {} is the only live one with its name again", name);
            }
            if (failing) {
                failing = false;
                log.info("cluster: beating again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("cluster: cannot beat ({}); trying again every second", e.getMessage());
            }
        }
    }

    private String clashMessage() {
        try {
            return clashMessage(members.read());
        } catch (RuntimeException e) {
            return "another node named '" + name + "' is running; give each node its own server.node_name";
        }
    }

    private String clashMessage(Members.Snapshot read) {
        return read.nodes().stream().filter(n -> n.name().equals(name) && !n.instanceId().equals(instanceId)).findFirst()
                .map(n -> "another node named '" + name + "' is running (instance " + n.instanceId() + ", started "
                        + n.startedAt() + ", last beat " + Duration.between(n.lastBeat(), read.now()).toMillis()
                        + " ms ago); give each node its own server.node_name")
                .orElse("another node named '" + name + "' is running; give each node its own server.node_name");
    }

    /**
     * The names of the live nodes as this node last read them while it held its name, and when
     * that beat was sent on this node's monotonic clock ({@link System#nanoTime()}): the database
     * saw the beat no earlier, so no other node can count this one dead before
     * {@code sentNanos + DEAD_AFTER} (clock rates being alike). {@code monitorsOf} has the monitors
     * of each live node whose configuration differs from this node's, where known.
     */
    public record View(java.util.Set<String> live, long sentNanos, java.util.Map<String, java.util.Set<String>> monitorsOf) {

        /** Every live node runs this node's monitors (their files are the same, as far as this node knows). */
        public View(java.util.Set<String> live, long sentNanos) {
            this(live, sentNanos, java.util.Map.of());
        }

        /** Whether {@code node} (live) runs {@code monitorId}; a node whose monitors are unknown is taken to run it. */
        public boolean runs(String node, String monitorId) {
            java.util.Set<String> its = monitorsOf.get(node);
            return its == null || its.contains(monitorId);
        }
    }

    /** The newest view; empty until this node has beaten and read once (the database may be away). */
    public Optional<View> view() {
        return Optional.ofNullable(view);
    }

    /**
     * Publishes this node's monitors when its hash is new, and gives the monitors of each live
     * node whose hash differs (read once per hash). A failure leaves them unknown until the next beat.
     */
    private java.util.Map<String, java.util.Set<String>> monitorsOf(Members.Snapshot read) {
        if (monitorIds == null) {
            return java.util.Map.of();
        }
        String mine = configHash.get();
        try {
            if (!mine.equals(published)) {
                members.publishConfig(mine, monitorIds.get());
                published = mine;
            }
        } catch (RuntimeException e) {
            log.debug("cluster: could not publish this node's monitors: {}", e.getMessage());
        }
        java.util.Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
        java.util.Set<String> liveHashes = new java.util.HashSet<>();
        for (NodeRecord n : read.nodes()) {
            if (!alive(n, read) || n.name().equals(name) || n.configHash().equals(mine)) {
                continue;
            }
            liveHashes.add(n.configHash());
            java.util.Set<String> its = configs.get(n.configHash());
            if (its == null) {
                try {
                    its = members.configMonitors(n.configHash()).orElse(null);
                } catch (RuntimeException e) {
                    log.debug("cluster: could not read the monitors of {}: {}", n.name(), e.getMessage());
                }
                if (its != null) {
                    configs.put(n.configHash(), its);
                }
            }
            if (its != null) {
                out.put(n.name(), its);
            }
        }
        configs.keySet().retainAll(liveHashes);
        return java.util.Map.copyOf(out);
    }

    /** Not stopped cleanly, and beaten within {@link #DEAD_AFTER} of the database's clock at the read. */
    private static boolean alive(NodeRecord n, Members.Snapshot read) {
        return n.leftAt() == null && Duration.between(n.lastBeat(), read.now()).compareTo(DEAD_AFTER) <= 0;
    }

    private java.util.Set<String> live(Members.Snapshot read) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (NodeRecord n : read.nodes()) {
            if (alive(n, read)) {
                names.add(n.name());
            }
        }
        names.add(name); // its beat was written just before the read
        return java.util.Set.copyOf(names);
    }

    /** The monitors that live nodes whose configuration differs from this node's run, as far as known. */
    public java.util.Set<String> monitorsElsewhere() {
        View current = view;
        java.util.Set<String> out = new java.util.HashSet<>();
        if (current != null) {
            current.monitorsOf().values().forEach(out::addAll);
        }
        return out;
    }

    /** What /readyz reports: another live node with this node's name. */
    public Optional<String> problem() {
        return Optional.ofNullable(clash);
    }

    /** The nodes as last read (at most a second old), this one first. */
    public List<Node> nodes() {
        Members.Snapshot read = last;
        if (read == null) {
            return List.of();
        }
        String mine = configHash.get();
        return read.nodes().stream().map(n -> {
            Duration age = Duration.between(n.lastBeat(), read.now());
            boolean self = n.instanceId().equals(instanceId);
            return new Node(n.name(), n.instanceId(), self, alive(n, read), n.leftAt() != null,
                    n.startedAt(), age, n.version(), n.configHash(), n.configHash().equals(mine), n.monitors(), n.lagMillis());
        }).sorted(java.util.Comparator.comparing((Node n) -> !n.self()).thenComparing(Node::name)).toList();
    }

    public String name() {
        return name;
    }

    /** This process's instance: a random id, new at every start. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public void close() {
        if (beats != null) {
            beats.shutdownNow();
        }
        try {
            members.leave(name, instanceId);
        } catch (RuntimeException e) {
            log.debug("cluster: could not say that {} left: {}", name, e.getMessage()); // its beats stop: dead in seconds
        }
    }
}
