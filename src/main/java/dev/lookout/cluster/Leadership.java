package dev.lookout.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node is the cluster's leader: the one live node that runs the jobs that must run
 * once (maintenance ticks, automatic incidents, ...). The leader holds a lease row in the shared
 * database for {@link #LEASE} from the database's clock and renews it every {@link #RENEW_EVERY};
 * a node that stops cleanly gives it up, one that dies loses it when it runs out. On one node the
 * node takes the lease at start and keeps it.
 *
 * <p>Fencing: a node that cannot renew (storage trouble, a long pause) stops leading on its own,
 * {@link #MARGIN} before its lease can end: the term is measured on this node's monotonic clock
 * from the moment it <em>sent</em> its last successful renewal, which is no later than the
 * database's time of that renewal. So a new leader, which can take the lease only once the
 * database sees it expired, never overlaps with the old one, as long as the two clocks' rates
 * differ by less than {@code MARGIN / LEASE} (20 %).
 */
public final class Leadership implements AutoCloseable {
    public static final Duration LEASE = Duration.ofSeconds(10);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(2);
    public static final Duration MARGIN = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    /** A term of leadership, on this node's monotonic clock ({@link System#nanoTime()}). */
    private record Term(long untilNanos) {
        long remainingNanos() {
            return untilNanos - System.nanoTime();
        }
    }

    private final LeaderLease lease;
    private final String name;
    private final String instanceId;
    /** Null while not leading; written by the renewal thread only. */
    private volatile Term term;
    private volatile Optional<LeaderLease.Holder> lastRead = Optional.empty();
    private volatile boolean failing;
    /** How many terms this node has begun; written by the renewal thread only. */
    private volatile long terms;
    private ScheduledExecutorService renewals;

    /**
     * @param name       this node's name ({@code server.node_name})
     * @param instanceId this process's membership instance ({@link Membership#instanceId()})
     */
    public Leadership(LeaderLease lease, String name, String instanceId) {
        this.lease = lease;
        this.name = name;
        this.instanceId = instanceId;
    }

    /** Tries the lease once (so that a single node leads from its first moment), then renews it every {@link #RENEW_EVERY}. */
    public Leadership start() {
        renewOnce();
        renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lookout-cluster-leader").factory());
        renewals.scheduleWithFixedDelay(this::renewOnce, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void renewOnce() {
        long sent = System.nanoTime();
        try {
            boolean held = lease.hold(name, instanceId, LEASE);
            Term before = term;
            if (held) {
                Term next = new Term(sent + LEASE.minus(MARGIN).toNanos());
                if (before == null || before.remainingNanos() <= 0) {
                    terms++;
                    log.info("cluster: node {} leads", name);
                }
                term = next;
            } else {
                term = null;
                if (before != null) {
                    log.warn("cluster: node {} no longer leads: another node holds the lease", name);
                }
            }
            if (failing) {
                failing = false;
                log.info("cluster: leader lease reachable again");
            }
        } catch (RuntimeException e) {
            Term current = term;
            if (!failing) {
                failing = true;
                log.warn("cluster: cannot renew the leader lease ({}); {}", e.getMessage(), current == null
                        ? "trying again every " + RENEW_EVERY.toSeconds() + " s"
                        : "leading at most " + Math.max(0, current.remainingNanos() / 1_000_000) + " ms more");
            }
            if (current != null && current.remainingNanos() <= 0) {
                term = null;
                log.warn("cluster: node {} stopped leading: its lease was not renewed in time", name);
            }
        }
        try {
            lastRead = lease.read();
        } catch (RuntimeException e) {
            log.debug("cluster: cannot read the leader lease: {}", e.getMessage());
        }
    }

    /** Whether this node leads now: it holds the lease and its term has not run out on its own clock. */
    public boolean leads() {
        return leadingFor().isPresent();
    }

    /** How much longer this node leads at most without another renewal; empty when it does not lead. */
    public Optional<Duration> leadingFor() {
        Term current = term;
        if (current == null) {
            return Optional.empty();
        }
        long remaining = current.remainingNanos();
        return remaining > 0 ? Optional.of(Duration.ofNanos(remaining)) : Optional.empty();
    }

    /**
     * How many terms of leadership this node has begun: a job that runs once per term compares it
     * with the term it ran in, so that leading again after a gap, however short, counts as new.
     */
    public long terms() {
        return terms;
    }

    /** The leader's name as this node last read it (at most {@link #RENEW_EVERY} old); empty when there is none. */
    public Optional<String> leader() {
        if (leads()) {
            return Optional.of(name);
        }
        return lastRead.filter(h -> h.valid() && !h.instanceId().equals(instanceId)).map(LeaderLease.Holder::name);
    }

    /** Stops renewing and leading, then gives the lease up so that another node takes it at its next renewal. */
    @Override
    public void close() {
        if (renewals != null) {
            renewals.shutdownNow();
            try {
                renewals.awaitTermination(5, TimeUnit.SECONDS); // a renewal in flight must not take the lease back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean led = term != null;
        term = null;
        try {
            lease.release(instanceId);
            if (led) {
                log.info("cluster: node {} gave up the leader lease", name);
            }
        } catch (RuntimeException e) {
            log.debug("cluster: could not give up the leader lease: {}", e.getMessage()); // it runs out in seconds
        }
    }
}
