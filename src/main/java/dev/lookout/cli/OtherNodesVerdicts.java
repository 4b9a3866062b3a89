package dev.lookout.cli;

import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The states other nodes decided and the newest results they wrote, for the monitors this node
 * does not check, so that its pages, badges, API and the leader's automatic incidents show them;
 * and the results probes gave to other nodes, for the monitors this node checks, so that its
 * verdicts by quorum hear every vantage point whichever node a probe reached; and each vantage
 * point's own results (the owner's server point, the probes') of the monitors other nodes check
 * and combine, so that this node shows the same vantage points as their owner.
 *
 * <p>Read in full at the first run and every {@link #FULL_EVERY}; in between only what changed:
 * the states decided since the previous read (less {@link #STATES_MARGIN}: nodes' clocks differ
 * and a node writes what it buffered late) and the results other nodes wrote since. Result ids
 * are given at insert and committed in any order across nodes, so each read starts from the
 * highest id the read before the previous one saw, skipping the rows it read already: a row
 * committed up to one period late is still read, and the full read bounds what a later one could
 * hide.
 */
final class OtherNodesVerdicts implements Runnable {
    static final Duration FULL_EVERY = Duration.ofMinutes(1);
    static final Duration STATES_MARGIN = Duration.ofSeconds(30);
    /**
     * The vantage points' results of each monitor read at the first run: enough for three points to confirm their
     * verdicts at the default thresholds (3 failures, 1 success) and more.
     */
    static final int POINT_RESULTS_AT_START = 20;

    private final Store store;
    private final MonitorStates states;
    private final LatestResults latest;
    private final Supplier<Collection<String>> configured;
    private final Predicate<String> checkedHere;
    private final InstantSource clock;
    private final Predicate<String> isProbe;
    private final java.util.function.BiConsumer<String, dev.lookout.check.CheckResult> fromProbe;
    private final java.util.function.BiConsumer<String, dev.lookout.check.CheckResult> following;

    // The job runner runs this on one thread at a time.
    private Instant fullAt;
    private Instant readAt;
    private long olderCursor;
    private long newerCursor;
    /** The ids above {@code olderCursor} read already: the next read skips them. */
    private long[] readAboveOlder = new long[0];

    /**
     * @param configured  the ids of the monitors this node's configuration has, now
     * @param checkedHere whether this node checks the monitor now
     */
    OtherNodesVerdicts(Store store, MonitorStates states, LatestResults latest, Supplier<Collection<String>> configured,
                       Predicate<String> checkedHere, InstantSource clock) {
        this(store, states, latest, configured, checkedHere, clock, name -> false, (probe, result) -> {
        }, (point, result) -> {
        });
    }

    /**
     * @param isProbe   whether a name is a probe's (its results are a vantage point's, not a node's verdict)
     * @param fromProbe where a probe's result of a monitor this node checks goes (the pipeline's verdicts by quorum)
     * @param following where a vantage point's own result of a monitor another node checks goes (shown, not decided on)
     */
    OtherNodesVerdicts(Store store, MonitorStates states, LatestResults latest, Supplier<Collection<String>> configured,
                       Predicate<String> checkedHere, InstantSource clock, Predicate<String> isProbe,
                       java.util.function.BiConsumer<String, dev.lookout.check.CheckResult> fromProbe,
                       java.util.function.BiConsumer<String, dev.lookout.check.CheckResult> following) {
        this.following = following;
        this.isProbe = isProbe;
        this.fromProbe = fromProbe;
        this.store = store;
        this.states = states;
        this.latest = latest;
        this.configured = configured;
        this.checkedHere = checkedHere;
        this.clock = clock;
    }

    @Override
    public void run() {
        Set<String> elsewhere = new HashSet<>();
        for (String id : configured.get()) {
            if (!checkedHere.test(id)) {
                elsewhere.add(id);
            }
        }
        if (elsewhere.isEmpty()) {
            fullAt = null; // alone, or owning all: nothing decided elsewhere; read in full when that changes
            return;
        }
        Predicate<String> stillElsewhere = id -> !checkedHere.test(id);
        Instant now = clock.instant();
        boolean first = fullAt == null;
        if (first) {
            long cursor = store.newestResultId(); // before the read: what is written meanwhile is read next time
            olderCursor = cursor;
            newerCursor = cursor;
            readAboveOlder = new long[0];
        } else {
            readSince(elsewhere);
        }
        if (first) {
            // What the vantage points said lately, so that their verdicts and newest results show before the next ones.
            for (Store.NewResults.FromNode row : store.newestPointResults(elsewhere, POINT_RESULTS_AT_START)) {
                if (row.point() != null) {
                    following.accept(row.point(), row.result());
                }
            }
        }
        if (first || !now.isBefore(fullAt.plus(FULL_EVERY))) {
            states.restore(store.lastStates(), stillElsewhere);
            store.latestResults(elsewhere).values().forEach(latest::accept);
            fullAt = now;
        } else {
            states.restore(store.statesChangedSince(readAt.minus(STATES_MARGIN)), stillElsewhere);
        }
        readAt = now;
    }

    /** The results written since the previous read: newest of the monitors elsewhere, probes' of those checked here. */
    private void readSince(Set<String> elsewhere) {
        Store.NewResults results = store.resultsOfOtherNodesAfter(olderCursor, readAboveOlder);
        results.newest().forEach((id, result) -> {
            if (elsewhere.contains(id)) {
                latest.accept(result);
            }
        });
        for (Store.NewResults.FromNode row : results.rows()) {
            String point = row.point() != null ? row.point() : isProbe.test(row.node()) ? row.node() : null;
            if (point == null) {
                continue;
            }
            if (!checkedHere.test(row.result().monitorId())) {
                following.accept(point, row.result());
            } else if (isProbe.test(row.node())) {
                fromProbe.accept(row.node(), row.result());
            }
        }
        long nextOlder = newerCursor;
        readAboveOlder = java.util.stream.LongStream.concat(java.util.Arrays.stream(readAboveOlder),
                java.util.Arrays.stream(results.read())).filter(id -> id > nextOlder).toArray();
        olderCursor = nextOlder;
        newerCursor = Math.max(newerCursor, results.cursor());
    }
}
