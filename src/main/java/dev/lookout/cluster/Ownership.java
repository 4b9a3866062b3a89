package dev.lookout.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which monitors this node checks: every monitor is owned by one live node, chosen by rendezvous
 * hashing of the monitor's id over the live nodes' names ({@link #owner}), so that when a node
 * comes or goes only the monitors it gains or loses move. Nothing outside this package knows how
 * the owner is chosen: the scheduler and the result pipeline ask {@link #owns}, and a
 * {@link Handover} is told what to adopt and what to let go.
 *
 * <p>Fencing, so that two nodes never own one monitor at once:
 * <ul>
 *   <li>a node trusts its view of the membership for {@link #FENCE} after the beat that gave it was
 *       sent; when it has not read a newer one by then (its database is away, it was paused), it
 *       owns nothing until it reads again. No other node counts it dead before
 *       {@link Membership#DEAD_AFTER}, which is longer by a margin;</li>
 *   <li>a monitor that another live node may hold is taken only {@link #HANDOVER} after this node
 *       first sees that it should own it: by then that node has read the same membership and let
 *       it go, or its own fence has stopped it;</li>
 *   <li>a monitor whose owner died is taken at once (that node's fence ran out before the
 *       database counted it dead), and checked soon;</li>
 *   <li>a monitor is owned (and checked) only once the handover has adopted it: its state and
 *       open alert episodes are read from the database first, so that a move neither alerts again
 *       nor forgets a recovery.</li>
 * </ul>
 * A node that is alone (it read no other live node, or never read at all) owns everything and
 * keeps owning it while the database is away: with nobody to take over, checking on is what the
 * storage buffer is for.
 */
public final class Ownership implements AutoCloseable {
    /** How long a view of the membership is trusted: {@link Membership#DEAD_AFTER} less a margin for clock rates and pauses. */
    public static final Duration FENCE = Membership.DEAD_AFTER.minus(Duration.ofMillis(1500));
    /** How long a node waits before taking a monitor from another live node. */
    public static final Duration HANDOVER = FENCE;
    static final Duration TICK = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(Ownership.class);

    private record Pending(long untilNanos, String from) {
    }

    /** What moves with a monitor; called in order on one thread of its own, never while deciding. */
    public interface Handover {
        /**
         * Restores what the monitors need from the database before this node checks them. Throws
         * when it cannot (storage trouble): they are adopted again a moment later.
         *
         * @param checkSoon the monitors taken from a node that died: their next check is due now
         */
        void adopt(Set<String> monitorIds, Set<String> checkSoon);

        /**
         * The monitors are this node's now ({@link #owns} says so): plans their checks. Called after
         * {@link #adopt} succeeded, for those still wanted.
         *
         * @param checkSoon those of them taken from a node that died
         */
        void started(Set<String> monitorIds, Set<String> checkSoon);

        /** Forgets what this node held for the monitors; another node checks them now. */
        void release(Set<String> monitorIds);
    }

    private final Supplier<Optional<Membership.View>> views;
    private final String self;
    private final Handover handover;
    private final LongSupplier nanos;
    private final ExecutorService handovers = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("lookout-cluster-handover").factory());
    private ScheduledExecutorService ticks;

    // Guarded by this.
    private Set<String> monitors = Set.of();
    /** Monitors waiting for a live node to let them go: until when, and which node. */
    private final Map<String, Pending> pending = new HashMap<>();
    private final Set<String> adopting = new HashSet<>();
    /** The view of the previous decision, while the views have been fresh since; null after a fence or before the first. */
    private Membership.View previousView;
    private boolean fenced;
    /** The wanted set of the last decision, when it ran through (see {@link #decide}). */
    private Set<String> decidedFor;
    /** {@link #wanted}'s answer and what it was computed from. */
    private Set<String> wantedMonitors;
    private Set<String> wantedForMonitors;
    private Set<String> wantedForLive;
    private Map<String, Set<String>> wantedForRuns;
    /** What {@link #owns} answers: adopted and still wanted. */
    private volatile Set<String> owned = Set.of();

    public Ownership(Supplier<Optional<Membership.View>> views, String self, Handover handover) {
        this(views, self, handover, System::nanoTime);
    }

    Ownership(Supplier<Optional<Membership.View>> views, String self, Handover handover, LongSupplier nanos) {
        this.views = views;
        this.self = self;
        this.handover = handover;
        this.nanos = nanos;
    }

    /**
     * The node that owns {@code monitorId} among {@code nodes}: the one with the highest weight
     * for it. Every node computes the same answer from the same names.
     */
    public static String owner(String monitorId, Collection<String> nodes) {
        String best = null;
        long bestWeight = 0;
        for (String node : nodes) {
            long weight = weight(node, monitorId);
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
                    || (weight == bestWeight && node.compareTo(best) < 0)) {
                best = node;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static long weight(String node, String monitorId) {
        long h = 0xcbf29ce484222325L; // FNV-1a over node, a separator and the monitor, then a 64-bit finaliser
        for (int i = 0; i < node.length(); i++) {
            h = (h ^ node.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        for (int i = 0; i < monitorId.length(); i++) {
            h = (h ^ monitorId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Decides once from what the node knows now (its state was restored from the database at
     * start: what it may take at once is owned without another reading), then again every
     * {@link #TICK}.
     */
    public Ownership start(Collection<String> monitorIds) {
        synchronized (this) {
            monitors = Set.copyOf(monitorIds);
        }
        decide(true);
        ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lookout-cluster-owner").factory());
        ticks.scheduleWithFixedDelay(() -> {
            try {
                decide(false);
            } catch (RuntimeException e) {
                log.error("cluster: ownership could not be decided", e);
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The monitors this node's configuration has now; a node that is alone owns new ones at once (they have no past here). */
    public synchronized void configure(Collection<String> monitorIds) {
        Set<String> next = Set.copyOf(monitorIds);
        Set<String> added = new HashSet<>(next);
        added.removeAll(monitors);
        monitors = next;
        pending.keySet().retainAll(next);
        Set<String> keep = new HashSet<>(owned);
        keep.retainAll(next);
        if (alone(views.get().orElse(null))) {
            keep.addAll(added);
            if (!added.isEmpty()) {
                handovers.execute(() -> handover.started(added, Set.of()));
            }
        }
        owned = Set.copyOf(keep);
    }

    /** Whether this node checks the monitor now. */
    public boolean owns(String monitorId) {
        return owned.contains(monitorId);
    }

    /** How many monitors this node checks now. */
    public int ownedCount() {
        return owned.size();
    }

    private static boolean alone(Membership.View view) {
        return view == null || view.live().size() <= 1;
    }

    void decide(boolean atStart) {
        Set<String> release = new HashSet<>();
        Set<String> adopt = new HashSet<>();
        Set<String> soon = new HashSet<>();
        synchronized (this) {
            long now = nanos.getAsLong();
            Membership.View view = views.get().orElse(null);
            Set<String> live = view == null ? Set.of(self) : view.live();
            Set<String> want;
            if (alone(view)) {
                want = monitors;
                fenced = false;
            } else if (!fresh(view, now)) {
                if (!fenced) {
                    fenced = true;
                    log.warn("cluster: {} has not read the membership for {} ms; it checks nothing until it does, as"
                            + " another node may take its monitors", self, (now - view.sentNanos()) / 1_000_000);
                }
                want = Set.of();
            } else {
                if (fenced) {
                    fenced = false;
                    log.info("cluster: {} reads the membership again", self);
                }
                want = wanted(view);
            }
            // Nothing moved since the last decision: what it wanted is owned, nothing waits.
            boolean settled = !atStart && want == decidedFor && pending.isEmpty() && adopting.isEmpty()
                    && owned.size() == want.size();
            if (!settled) {
                Set<String> current = new HashSet<>(owned);
                for (String m : current) {
                    if (!want.contains(m)) {
                        release.add(m);
                    }
                }
                current.retainAll(want);
                pending.keySet().retainAll(want);
                for (String m : want) {
                    if (current.contains(m) || adopting.contains(m)) {
                        continue;
                    }
                    Pending waiting = pending.get(m);
                    if (waiting != null) {
                        if (!live.contains(waiting.from())) {
                            pending.remove(m); // it died before letting go
                            adopt.add(m);
                            soon.add(m);
                        } else if (now - waiting.untilNanos() >= 0) {
                            pending.remove(m);
                            adopt.add(m);
                        }
                        continue;
                    }
                    String previous = previousOwner(view, m);
                    if (previous == null || previous.equals(self)) {
                        adopt.add(m);
                    } else if (!live.contains(previous)) {
                        adopt.add(m);
                        soon.add(m);
                    } else {
                        pending.put(m, new Pending(now + HANDOVER.toNanos(), previous));
                    }
                }
                if (atStart) {
                    current.addAll(adopt); // restored at start
                    adopt.clear();
                }
                adopting.addAll(adopt);
                if (!release.isEmpty() || atStart) {
                    owned = Set.copyOf(current);
                }
                decidedFor = want;
            }
            previousView = fenced || alone(view) ? null : view;
        }
        if (!release.isEmpty()) {
            log.info("cluster: {} lets {} monitors go", self, release.size());
            handovers.execute(() -> {
                try {
                    handover.release(release);
                } catch (RuntimeException e) {
                    log.warn("cluster: letting {} monitors go: {}", release.size(), e.getMessage());
                }
            });
        }
        if (!adopt.isEmpty()) {
            handovers.execute(() -> adopt(adopt, soon));
        }
    }

    /**
     * Who held the monitor before this node wants it: its owner in the view of the previous
     * decision, or, without one (at start, after a fence), the node that would own it among the
     * others. Holds the lock.
     */
    private String previousOwner(Membership.View view, String monitorId) {
        if (previousView != null) {
            return owner(monitorId, candidates(previousView, monitorId));
        }
        Set<String> others = view == null ? new HashSet<>() : new HashSet<>(candidates(view, monitorId));
        others.remove(self);
        return owner(monitorId, others);
    }

    private static boolean fresh(Membership.View view, long now) {
        return now - view.sentNanos() < FENCE.toNanos();
    }

    /**
     * The monitors the rendezvous gives this node in {@code view}: computed again only when the
     * live nodes, what they run or this node's monitors change, not at every tick. Holds the lock.
     */
    private Set<String> wanted(Membership.View view) {
        if (wantedMonitors != null && wantedForMonitors == monitors && wantedForLive.equals(view.live())
                && wantedForRuns.equals(view.monitorsOf())) {
            return wantedMonitors;
        }
        Set<String> want = new HashSet<>();
        for (String m : monitors) {
            if (self.equals(owner(m, candidates(view, m)))) {
                want.add(m);
            }
        }
        wantedMonitors = Set.copyOf(want);
        wantedForMonitors = monitors;
        wantedForLive = view.live();
        wantedForRuns = view.monitorsOf();
        return wantedMonitors;
    }

    private void adopt(Set<String> adopt, Set<String> soon) {
        Set<String> taken = new HashSet<>();
        try {
            handover.adopt(adopt, soon);
            synchronized (this) {
                // Only what is still wanted: a fence or a new member may have moved some on meanwhile.
                Set<String> now = new HashSet<>(owned);
                for (String m : adopt) {
                    if (wantedNow(m)) {
                        taken.add(m);
                    }
                }
                now.addAll(taken);
                owned = Set.copyOf(now);
            }
            log.info("cluster: {} checks {} more monitors ({} taken from a node that died)", self, adopt.size(), soon.size());
        } catch (RuntimeException e) {
            log.warn("cluster: cannot take {} monitors yet ({}); trying again", adopt.size(), e.getMessage());
        } finally {
            synchronized (this) {
                adopting.removeAll(adopt);
            }
        }
        if (!taken.isEmpty()) {
            Set<String> takenSoon = new HashSet<>(soon);
            takenSoon.retainAll(taken);
            try {
                handover.started(taken, takenSoon);
            } catch (RuntimeException e) {
                log.warn("cluster: planning the checks of {} monitors: {}", taken.size(), e.getMessage());
            }
        }
    }

    /** Whether the newest decision would still have this node own the monitor. Holds the lock. */
    private boolean wantedNow(String monitorId) {
        if (!monitors.contains(monitorId) || fenced) {
            return false;
        }
        Membership.View view = views.get().orElse(null);
        return alone(view) || fresh(view, nanos.getAsLong()) && wanted(view).contains(monitorId);
    }

    /**
     * The live nodes that may own the monitor: those whose configuration has it (this node's has
     * every monitor it asks about), so that nodes whose files differ never give a monitor to a
     * node that does not run it.
     */
    private Set<String> candidates(Membership.View view, String monitorId) {
        if (view.monitorsOf().isEmpty()) {
            return view.live(); // every live node runs this node's monitors
        }
        Set<String> out = new HashSet<>();
        for (String node : view.live()) {
            if (node.equals(self) || view.runs(node, monitorId)) {
                out.add(node);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
        handovers.shutdownNow();
    }
}
