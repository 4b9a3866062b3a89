package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ownership decided from views of the membership on a clock the test moves: who owns what, when a
 * monitor may be taken, and that a node whose view grew old owns nothing (unless it is alone).
 */
class OwnershipTest {
    private static final List<String> MONITORS = IntStream.range(0, 300).mapToObj(i -> "m" + i).toList();

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Membership.View> view = new AtomicReference<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** What {@code Handover.started} was told, in order: the checks it planned. */
    private final List<Set<String>> startedOwned = new CopyOnWriteArrayList<>();
    private final Set<String> soon = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Ownership> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(Ownership::close);
    }

    private Ownership ownership(String self) {
        AtomicReference<Ownership> me = new AtomicReference<>();
        Ownership o = new Ownership(() -> Optional.ofNullable(view.get()), self, new Ownership.Handover() {
            @Override
            public void adopt(Set<String> monitorIds, Set<String> checkSoon) {
                events.add("adopt " + monitorIds.size());
                soon.addAll(checkSoon);
            }

            @Override
            public void started(Set<String> monitorIds, Set<String> checkSoon) {
                assertThat(monitorIds).as("started only once owned").allMatch(me.get()::owns);
                startedOwned.add(Set.copyOf(monitorIds));
            }

            @Override
            public void release(Set<String> monitorIds) {
                events.add("release " + monitorIds.size());
            }
        }, nanos::get);
        me.set(o);
        started.add(o);
        return o;
    }

    /** Starts without the ticker, so that only the test decides when the node looks again. */
    private Ownership startedAt(String self, Set<String> live) {
        view.set(new Membership.View(live, nanos.get()));
        Ownership o = ownership(self);
        synchronized (o) {
            o.configure(MONITORS);
        }
        o.decide(true);
        return o;
    }

    /** Started among {@code live}, past the handover of its share. */
    private Ownership running(String self, Set<String> live) throws InterruptedException {
        Ownership o = startedAt(self, live);
        assertThat(o.ownedCount()).as("another live node may hold them").isZero();
        advance(Ownership.HANDOVER);
        seen(live);
        o.decide(false);
        int share = (int) MONITORS.stream().filter(m -> Ownership.owner(m, live).equals(self)).count();
        awaitOwned(o, share);
        awaitStarted(owned(o));
        events.clear();
        startedOwned.clear();
        return o;
    }

    private void seen(Set<String> live) {
        view.set(new Membership.View(live, nanos.get()));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static Set<String> owned(Ownership o) {
        Set<String> out = new HashSet<>();
        MONITORS.stream().filter(o::owns).forEach(out::add);
        return out;
    }

    private static void awaitOwned(Ownership o, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (o.ownedCount() != count && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(o.ownedCount()).isEqualTo(count);
    }

    /** Waits until {@code Handover.started} was told the last of {@code monitors}: their checks are planned. */
    private void awaitStarted(Set<String> monitors) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            Set<String> told = new HashSet<>();
            startedOwned.forEach(told::addAll);
            if (told.containsAll(monitors)) {
                return;
            }
            Thread.sleep(5);
        }
        Set<String> told = new HashSet<>();
        startedOwned.forEach(told::addAll);
        assertThat(told).as("the handover was told to plan their checks").containsAll(monitors);
    }

    @Test
    void every_monitor_has_one_owner_and_a_new_node_moves_only_its_share() {
        Set<String> three = Set.of("a", "b", "c");
        Map<String, Integer> share = new HashMap<>();
        for (String m : MONITORS) {
            share.merge(Ownership.owner(m, three), 1, Integer::sum);
        }
        assertThat(share.keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(share.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140)); // 100 each, give or take
        int moved = 0;
        for (String m : MONITORS) {
            String before = Ownership.owner(m, Set.of("a", "b"));
            String after = Ownership.owner(m, three);
            if (!before.equals(after)) {
                assertThat(after).as("a monitor moves only to the node that came").isEqualTo("c");
                moved++;
            }
        }
        assertThat(moved).isEqualTo(share.get("c"));
        assertThat(Ownership.owner("m1", List.of("c", "b", "a"))).as("the order of the names does not matter")
                .isEqualTo(Ownership.owner("m1", List.of("a", "b", "c")));
    }

    @Test
    void a_node_alone_owns_everything_and_keeps_it_while_it_cannot_read_the_membership() {
        Ownership a = startedAt("a", Set.of("a"));
        assertThat(a.ownedCount()).isEqualTo(MONITORS.size());
        advance(Duration.ofMinutes(5)); // the database is away: nobody can take over
        a.decide(false);
        assertThat(a.ownedCount()).isEqualTo(MONITORS.size());
        assertThat(events).isEmpty();
    }

    @Test
    void a_node_whose_view_is_older_than_the_fence_owns_nothing_until_it_reads_again() throws Exception {
        Ownership a = running("a", Set.of("a", "b"));
        int share = a.ownedCount();
        assertThat(share).isBetween(100, 200);
        advance(Ownership.FENCE.minusMillis(1));
        a.decide(false);
        assertThat(a.ownedCount()).isEqualTo(share);
        advance(Duration.ofMillis(1));
        a.decide(false);
        assertThat(a.ownedCount()).as("fenced before anyone counts it dead").isZero();
        assertThat(startedOwned).isEmpty();
        assertThat(Ownership.FENCE).isLessThan(Membership.DEAD_AFTER);

        seen(Set.of("a", "b")); // reads again: b may have taken its monitors meanwhile, so it waits
        a.decide(false);
        assertThat(a.ownedCount()).isZero();
        advance(Ownership.HANDOVER);
        seen(Set.of("a", "b"));
        a.decide(false);
        awaitOwned(a, share);
        awaitStarted(owned(a)); // its checks are planned again
    }

    @Test
    void monitors_of_a_node_that_died_are_taken_at_once_and_checked_soon() throws Exception {
        Ownership a = running("a", Set.of("a", "b"));
        Set<String> mine = owned(a);
        advance(Duration.ofSeconds(1));
        seen(Set.of("a"));
        a.decide(false);
        awaitOwned(a, MONITORS.size());
        Set<String> fromB = new HashSet<>(MONITORS);
        fromB.removeAll(mine);
        assertThat(soon).isEqualTo(fromB);
        awaitStarted(fromB);
    }

    @Test
    void a_node_that_joins_waits_for_the_handover_and_the_old_owner_lets_go_at_once() throws Exception {
        Ownership a = startedAt("a", Set.of("a"));
        assertThat(a.ownedCount()).isEqualTo(MONITORS.size());
        Ownership b = ownership("b");
        seen(Set.of("a", "b"));
        synchronized (b) {
            b.configure(MONITORS);
        }
        b.decide(true);
        assertThat(b.ownedCount()).as("a may still check them").isZero();

        a.decide(false);
        Set<String> kept = owned(a);
        assertThat(kept).allSatisfy(m -> assertThat(Ownership.owner(m, Set.of("a", "b"))).isEqualTo("a"));
        String released = "release " + (MONITORS.size() - kept.size());
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!events.contains(released) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(events).contains(released);

        advance(Ownership.HANDOVER.minusMillis(1));
        seen(Set.of("a", "b"));
        b.decide(false);
        assertThat(b.ownedCount()).isZero();
        advance(Duration.ofMillis(1));
        b.decide(false);
        awaitOwned(b, MONITORS.size() - kept.size());
        assertThat(soon).as("handed over by a live node: checked at its planned time").isEmpty();
        Set<String> both = owned(b);
        both.retainAll(kept);
        assertThat(both).isEmpty();
    }

    @Test
    void a_monitor_waiting_for_a_node_that_dies_meanwhile_is_taken_at_once() throws Exception {
        Ownership a = startedAt("a", Set.of("a", "b"));
        assertThat(a.ownedCount()).isZero();
        advance(Duration.ofSeconds(1));
        seen(Set.of("a"));
        a.decide(false);
        awaitOwned(a, MONITORS.size());
        assertThat(soon).as("b may have held them all when a came: each is checked soon").hasSize(MONITORS.size());
    }

    @Test
    void a_monitor_another_nodes_file_lacks_is_never_given_to_that_node() throws Exception {
        Ownership a = startedAt("a", Set.of("a", "b"));
        advance(Ownership.HANDOVER);
        // b runs another file, with none of these monitors: every one of them is a's.
        Map<String, Set<String>> bRuns = Map.of("b", Set.of("elsewhere"));
        view.set(new Membership.View(Set.of("a", "b"), nanos.get(), bRuns));
        a.decide(false);
        int share = (int) MONITORS.stream().filter(m -> Ownership.owner(m, Set.of("a", "b")).equals("a")).count();
        awaitOwned(a, share); // the others were b's by the last view: b may have run them with another file
        advance(Ownership.HANDOVER);
        view.set(new Membership.View(Set.of("a", "b"), nanos.get(), bRuns));
        a.decide(false);
        awaitOwned(a, MONITORS.size());
    }

    @Test
    void a_node_alone_owns_monitors_added_by_a_reload_at_once() {
        Ownership a = startedAt("a", Set.of("a"));
        List<String> more = new ArrayList<>(MONITORS);
        more.add("new");
        a.configure(more);
        assertThat(a.owns("new")).isTrue();
        a.configure(MONITORS);
        assertThat(a.owns("new")).isFalse();
    }
}
